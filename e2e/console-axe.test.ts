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
