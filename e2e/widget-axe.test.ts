/** axe-core on the open widget (its shadow root included): no violations. */
import { expect, inject, it } from 'vitest';
import { accessibilityProblems } from './axe';
import { useBrowser } from './browser';
import { acceptsOffer, agentSignsIn, visitorOnShop, visitorWrites } from './people';
import { chatIsOver } from './visitor-steps';

const base = inject('baseUrl');
const browser = useBrowser();

it('has no axe violations with the widget open, before and during a chat', async () => {
  const agent = await agentSignsIn(browser(), base, 'alice@example.com');
  const { page } = await visitorOnShop(browser(), base);
  await page.getByRole('button', { name: 'Open chat' }).click();
  await page.getByRole('textbox', { name: 'Message' }).waitFor();
  expect(await accessibilityProblems(page, ['[data-parley]'])).toEqual([]);

  await visitorWrites(page, 'Hello');
  await acceptsOffer(agent.page);
  await page.getByText('Alice joined the chat').waitFor();
  await page.getByRole('button', { name: 'Insert emoji' }).click();
  expect(await accessibilityProblems(page, ['[data-parley]'])).toEqual([]);
  await chatIsOver(page, agent.page);
});

it('keeps the keyboard inside the open widget, and Escape closes it', async () => {
  const { page } = await visitorOnShop(browser(), base);
  const launcher = page.getByRole('button', { name: 'Open chat' });
  await launcher.focus();
  await page.keyboard.press('Enter');
  await page.getByRole('textbox', { name: 'Message' }).waitFor();
  const inWidget = () => page.evaluate(() => document.activeElement?.hasAttribute('data-parley') ?? false);
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press('Tab');
    expect(await inWidget()).toBe(true);
  }
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Open chat', exact: true }).waitFor();
});

it('takes the whole screen on a phone', async () => {
  const context = await browser().newContext({ viewport: { width: 375, height: 667 } });
  const page = await context.newPage();
  await page.goto(`${base}/`);
  await page.getByRole('button', { name: 'Open chat' }).click();
  const panel = await page.getByRole('dialog', { name: 'Chat with us' }).boundingBox();
  expect(panel).toEqual({ x: 0, y: 0, width: 375, height: 667 });
  await context.close();
});
