/**
 * Site settings from the console, seen where visitors meet them: a survey answer routing to a
 * queue, business hours closing the chat, and the widget's colour on the demo shop.
 */
import type { Locator } from 'playwright-core';
import { afterEach, expect, inject, it } from 'vitest';
import { DEFAULT_WIDGET_SETTINGS } from '../protocol/chat';
import { adminAt, adminCall, openSettings } from './admin-people';
import { useBrowser } from './browser';
import { visitorOnShop, type Person } from './people';

const base = inject('baseUrl');
const browser = useBrowser();

/** Whatever a test changed on the demo shop is put back, since the other browser tests share it. */
let admin: Person | undefined;
afterEach(async () => {
  if (!admin) return;
  await adminCall(admin.page, base, 'PUT', '/api/admin/sites/demo-shop/survey', { fields: [], rules: [] });
  await adminCall(admin.page, base, 'PUT', '/api/admin/sites/demo-shop/hours', { hours: null });
  await adminCall(admin.page, base, 'PUT', '/api/admin/sites/demo-shop/widget', { ...DEFAULT_WIDGET_SETTINGS });
  admin = undefined;
});

/** A visitor's new chat as the widget starts one, with pre-chat answers. */
async function visitorStarts(answers: Record<string, string>): Promise<{ queueName: string }> {
  const headers = { 'Content-Type': 'application/json', Origin: base };
  const session = await fetch(`${base}/api/visitor/session`, { method: 'POST', headers, body: JSON.stringify({ siteId: 'demo-shop' }) });
  const { token } = (await session.json()) as { token: string };
  const res = await fetch(`${base}/api/visitor/conversation`, { method: 'POST', headers: { ...headers, Authorization: `Bearer ${token}` }, body: JSON.stringify({ answers }) });
  return ((await res.json()) as { conversation: { queueName: string } }).conversation;
}

it('builds a pre-chat survey whose answer routes the chat to the chosen queue', async () => {
  admin = await adminAt(browser(), base, 'Queues');
  const page = admin.page;
  await page.getByLabel('New queue name').fill('Wholesale');
  await page.getByRole('button', { name: 'Add queue' }).click();
  await page.getByRole('region', { name: 'Queue Wholesale' }).waitFor();

  await openSettings(page, 'Pre-chat survey');
  await page.getByRole('button', { name: 'Add question' }).click();
  const question = page.getByRole('group', { name: 'Question 1' });
  await question.getByLabel('Question', { exact: true }).fill('What is it about?');
  await question.getByLabel('Answer key').fill('topic');
  await question.getByLabel('Kind').selectOption('choice');
  await question.getByLabel('Options (comma separated)').fill('Orders, Wholesale');
  await question.getByLabel('Options (comma separated)').blur();
  await page.getByRole('button', { name: 'Add rule' }).click();
  const rule = page.getByRole('group', { name: 'Rule 1' });
  await rule.getByLabel('When the answer to').selectOption('topic');
  await rule.getByLabel('is', { exact: true }).fill('Wholesale');
  await rule.getByLabel('route to queue').selectOption({ label: 'Wholesale' });
  await page.getByRole('button', { name: 'Save survey' }).click();
  await page.getByRole('status').getByText('Survey saved').waitFor();

  expect((await visitorStarts({ topic: 'Wholesale' })).queueName).toBe('Wholesale');
  expect((await visitorStarts({ topic: 'Orders' })).queueName).toBe('General');
});

it('closes the chat outside business hours', async () => {
  admin = await adminAt(browser(), base, 'Business hours');
  const page = admin.page;
  await page.getByLabel('Always open (no business hours)').uncheck();
  await page.getByLabel('Time zone').fill('UTC');
  // Open every day but today, a holiday.
  for (const day of ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']) {
    await page.getByLabel(`Open on ${day}`).check();
    await page.getByLabel(`${day} opens`).fill('00:00');
    await page.getByLabel(`${day} closes`).fill('00:00');
  }
  await page.getByLabel(/^Holidays/).fill(new Date().toISOString().slice(0, 10));
  await page.getByLabel('Message outside hours').fill('We are at the kiln today.');
  await page.getByRole('button', { name: 'Save business hours' }).click();
  await page.getByRole('status').getByText('Business hours saved').waitFor();

  const status = await (await fetch(`${base}/api/visitor/sites/demo-shop/status`)).json();
  expect(status).toMatchObject({ withinHours: false, canChat: false });
  const visitor = await visitorOnShop(browser(), base);
  await visitor.page.getByRole('button', { name: 'Open chat' }).click();
  // The widget says what the owner wrote, above the message form.
  await visitor.page.getByText('We are at the kiln today.').waitFor();
  await visitor.page.getByRole('button', { name: 'Send message' }).waitFor();

  // Opening again brings the chat back.
  await page.getByLabel('Always open (no business hours)').check();
  await page.getByRole('button', { name: 'Save business hours' }).click();
  await page.getByRole('status').getByText('Business hours saved').waitFor();
  expect(await (await fetch(`${base}/api/visitor/sites/demo-shop/status`)).json()).toMatchObject({ withinHours: true });
});

it('shows the script tag and the real widget as the preview', async () => {
  admin = await adminAt(browser(), base, 'Widget');
  const page = admin.page;
  expect(await page.getByLabel('Script tag').innerText()).toBe(`<script src="${base}/widget.js" data-site="demo-shop" async></script>`);
  // The preview is the widget itself, loaded by the same script tag; saving reloads it.
  await page.getByLabel('Title').fill('Ask the potter');
  await page.getByRole('button', { name: 'Save widget' }).click();
  await page.frameLocator('iframe[title="Widget preview"]').getByRole('button', { name: 'Open chat' }).waitFor();
  expect(await page.getByLabel('Title').inputValue()).toBe('Ask the potter');
});

const background = (launcher: Locator) => launcher.evaluate((el) => getComputedStyle(el).backgroundColor);

it('previews unsaved edits in the real widget, and only there', async () => {
  admin = await adminAt(browser(), base, 'Widget');
  const page = admin.page;
  const preview = page.frameLocator('iframe[title="Widget preview"]');
  const launcher = preview.getByRole('button', { name: 'Open chat' });
  await launcher.waitFor();

  await page.getByLabel('Colour').fill('#aa3300');
  await page.getByLabel('Title').fill('Ask the potter');
  await expect.poll(() => background(launcher)).toBe('rgb(170, 51, 0)');
  // The launcher sits in the frame's corner: the whole frame has to be in sight to reach it.
  await page.locator('iframe[title="Widget preview"]').scrollIntoViewIfNeeded();
  await launcher.click();
  await preview.getByRole('dialog', { name: 'Ask the potter' }).waitFor();
  // The open panel follows the typing too.
  await page.getByLabel('Title').fill('Ask the kiln');
  await preview.getByRole('dialog', { name: 'Ask the kiln' }).waitFor();
  // The default language is the preview page's, so the widget speaks it there.
  await page.getByLabel('Default language').selectOption('de');
  await preview.getByRole('button', { name: 'Chat öffnen' }).waitFor();

  // Nothing was saved: the form, the preview and the demo shop still have the saved settings.
  await page.reload();
  expect(await page.getByLabel('Title').inputValue()).toBe(DEFAULT_WIDGET_SETTINGS.title);
  await page.locator('iframe[title="Widget preview"]').scrollIntoViewIfNeeded();
  await launcher.click();
  await preview.getByRole('dialog', { name: DEFAULT_WIDGET_SETTINGS.title }).waitFor();
  const visitor = await visitorOnShop(browser(), base);
  const shopLauncher = visitor.page.getByRole('button', { name: 'Open chat' });
  await expect.poll(() => background(shopLauncher)).toBe('rgb(36, 86, 214)');
  // A real site's tag is no preview: settings posted to its page change nothing.
  await visitor.page.evaluate((widget) => {
    window.postMessage(widget, location.origin);
    return new Promise((done) => setTimeout(done, 100));
  }, { ...DEFAULT_WIDGET_SETTINGS, color: '#aa3300', title: 'Ask the potter' });
  expect(await background(shopLauncher)).toBe('rgb(36, 86, 214)');
  await shopLauncher.click();
  await visitor.page.getByRole('dialog', { name: DEFAULT_WIDGET_SETTINGS.title }).waitFor();
});

it('changes the launcher colour on the demo shop without a deploy', async () => {
  admin = await adminAt(browser(), base, 'Widget');
  await admin.page.getByLabel('Colour').fill('#aa3300');
  await admin.page.getByRole('button', { name: 'Save widget' }).click();
  await admin.page.frameLocator('iframe[title="Widget preview"]').getByRole('button', { name: 'Open chat' }).waitFor();

  const visitor = await visitorOnShop(browser(), base);
  const launcher = visitor.page.getByRole('button', { name: 'Open chat' });
  await launcher.waitFor();
  await expect.poll(() => background(launcher)).toBe('rgb(170, 51, 0)');
});
