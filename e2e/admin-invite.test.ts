/** An admin invites an agent from the console; the agent joins by the link, then signs in on their own. */
import { expect, inject, it } from 'vitest';
import { adminAt } from './admin-people';
import { useBrowser } from './browser';
import { openConsole, signIn } from './people';

const base = inject('baseUrl');
const browser = useBrowser();

it('invites an agent who joins by the sign-up link and then signs in', async () => {
  const email = `carol-${Date.now()}@shop.example`;
  const admin = await adminAt(browser(), base, 'Agents');
  const invite = admin.page.getByRole('form', { name: 'Invite an agent' });
  await invite.getByLabel('Invite email').fill(email);
  await invite.getByLabel('Invite name').fill('Carol');
  await invite.getByLabel('General (Demo shop)').check();
  await invite.getByRole('button', { name: 'Send invitation' }).click();
  const link = await admin.page.getByLabel('Sign-up link').innerText();
  expect(link).toMatch(new RegExp(`^${base}/console/join\\?token=[\\w-]{43}$`));

  // The invited person follows the link, signed out, and lands in their console.
  const carol = await openConsole(browser(), base);
  await carol.page.goto(link);
  await carol.page.getByLabel('Your name').fill('Carol Clay');
  await carol.page.getByLabel('Password').fill('carol long passphrase');
  await carol.page.getByRole('button', { name: 'Join' }).click();
  await carol.page.getByLabel('Status').and(carol.page.locator(':enabled')).waitFor();
  expect(new URL(carol.page.url()).search).toBe('');

  // The admin sees them, in the queue they were invited to.
  await admin.page.reload();
  const row = admin.page.getByRole('row', { name: /Carol Clay/ });
  await row.waitFor();
  expect(await row.getByRole('cell').allInnerTexts()).toEqual(['Carol Clay', email, 'Agent', 'General', '3', 'Active', 'Edit']);

  // Later, on another device, Carol signs in with her own password.
  const again = await openConsole(browser(), base);
  await signIn(again.page, email, 'carol long passphrase');
  await again.page.getByLabel('Status').and(again.page.locator(':enabled')).waitFor();

  // Deactivated by the admin, she can no longer sign in.
  await admin.page.getByRole('button', { name: 'Edit Carol Clay' }).click();
  const editor = admin.page.getByRole('region', { name: 'Edit Carol Clay' });
  await editor.getByRole('checkbox', { name: /^Active/ }).uncheck();
  await editor.getByRole('button', { name: 'Save agent' }).click();
  await editor.getByRole('status').getByText('Saved').waitFor();
  const third = await openConsole(browser(), base);
  await signIn(third.page, email, 'carol long passphrase');
  expect(await third.page.getByRole('alert').innerText()).toBe('This account has been deactivated; ask an admin');
});
