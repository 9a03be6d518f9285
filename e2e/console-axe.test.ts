/** axe-core on every page of the console: the agent's views, Reports and each settings page, as an admin sees them. */
import { expect, inject, it } from 'vitest';
import { openSettings } from './admin-people';
import { accessibilityProblems } from './axe';
import { useBrowser } from './browser';
import { acceptsOffer, agentSignsIn, openConsole, signIn, visitorOnShop, visitorWrites } from './people';

const base = inject('baseUrl');
const browser = useBrowser();

it('has no axe violations on the sign-in page, the agent views, every settings page and the account page', async () => {
  const problems: Record<string, string[]> = {};
  const { page } = await openConsole(browser(), base);
  await page.getByRole('button', { name: 'Sign in' }).waitFor();
  problems['Sign in'] = await accessibilityProblems(page);
  await signIn(page, 'admin@example.com');
  await page.getByLabel('Status').and(page.locator(':enabled')).waitFor();
  problems['Chats'] = await accessibilityProblems(page);
  for (const view of ['Live visitors', 'Tickets', 'Search history', 'Mails']) {
    await page.getByRole('button', { name: view, exact: true }).click();
    await page.getByRole('main').getByRole('region', { name: view }).waitFor();
    problems[view] = await accessibilityProblems(page);
  }
  await page.goto(`${base}/console/admin`);
  // allInnerTexts does not wait: the menu must be drawn first.
  await page.getByRole('navigation', { name: 'Settings' }).getByRole('link').first().waitFor();
  const settings = await page.getByRole('navigation', { name: 'Settings' }).getByRole('link').allInnerTexts();
  expect(settings.length).toBeGreaterThan(10);
  for (const name of settings) {
    await openSettings(page, name.trim());
    // Reports draws its figures, chart and tables after the page opens: axe checks them drawn.
    if (name.trim() === 'Reports') await page.getByRole('region', { name: 'Over time' }).locator('canvas').first().waitFor();
    problems[name.trim()] = await accessibilityProblems(page);
  }
  await page.goto(`${base}/console/account`);
  await page.getByRole('heading', { name: 'Notifications' }).waitFor();
  problems['Account'] = await accessibilityProblems(page);
  expect(Object.fromEntries(Object.entries(problems).filter(([, found]) => found.length))).toEqual({});
}, 120_000);

it('has no axe violations in any dialog of a chat', async () => {
  const alice = await agentSignsIn(browser(), base, 'alice@example.com');
  const shop = await visitorOnShop(browser(), base);
  await shop.page.getByRole('button', { name: 'Open chat' }).click();
  await visitorWrites(shop.page, 'Can I return a cracked bowl?');
  await acceptsOffer(alice.page);
  const page = alice.page;
  await page.getByRole('log').getByText('Can I return a cracked bowl?').waitFor();
  const problems: Record<string, string[]> = {};
  for (const opens of ['Transfer', 'Invite', 'Predefined', 'Offer', 'Email transcript', 'Ban visitor', 'End chat', 'Close chat']) {
    await page.getByRole('button', { name: opens, exact: true }).click();
    const dialog = page.getByRole('dialog').or(page.getByRole('alertdialog')).first();
    await dialog.waitFor();
    problems[opens] = await accessibilityProblems(page);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  }
  expect(Object.fromEntries(Object.entries(problems).filter(([, found]) => found.length))).toEqual({});
});

it('has no axe violations on the API tokens and Webhooks pages with a new token and a webhook shown', async () => {
  const admin = await agentSignsIn(browser(), base, 'admin@example.com');
  const page = admin.page;
  await page.goto(`${base}/console/admin`);
  const problems: Record<string, string[]> = {};
  await openSettings(page, 'API tokens');
  const token = page.getByRole('form', { name: 'New API token' });
  await token.getByLabel('Name').fill('Shop CRM');
  await token.getByLabel('contacts:read').check();
  await token.getByLabel('conversations:read').check();
  await token.getByRole('button', { name: 'Make token' }).click();
  await page.getByLabel('New API token', { exact: true }).and(page.locator('code')).waitFor();
  await page.getByRole('cell', { name: 'Shop CRM', exact: true }).waitFor();
  problems['API tokens'] = await accessibilityProblems(page);
  await page.screenshot({ path: '/tmp/parley-api-tokens-page.png', fullPage: true });
  await page.getByRole('button', { name: 'Revoke token Shop CRM' }).click();
  await page.getByRole('alertdialog').or(page.getByRole('dialog')).first().waitFor();
  problems['Revoke token'] = await accessibilityProblems(page);
  await page.getByRole('button', { name: 'Revoke token', exact: true }).click();
  await page.getByText('No API tokens yet.').waitFor();

  await openSettings(page, 'Webhooks');
  const hook = page.getByRole('form', { name: 'New webhook' });
  await hook.getByLabel('Endpoint URL').fill('http://localhost:9/parley-events');
  await hook.getByLabel('ticket.created').check();
  await hook.getByRole('button', { name: 'Add webhook' }).click();
  await page.getByLabel('Signing secret').waitFor();
  const endpoint = page.getByRole('region', { name: 'Webhook http://localhost:9/parley-events' });
  await endpoint.getByRole('button', { name: 'Show deliveries' }).click();
  await endpoint.getByText('Nothing sent yet.').waitFor();
  problems['Webhooks'] = await accessibilityProblems(page);
  await page.getByRole('button', { name: 'Delete webhook http://localhost:9/parley-events' }).click();
  await page.getByRole('button', { name: 'Delete webhook', exact: true }).click();
  await endpoint.waitFor({ state: 'detached' });
  expect(Object.fromEntries(Object.entries(problems).filter(([, found]) => found.length))).toEqual({});
});
