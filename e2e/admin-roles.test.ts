/** What each role sees of the settings: admins all of it, supervisors Reports and two pages, agents none. */
import { expect, inject, it } from 'vitest';
import { adminAt, openSettings } from './admin-people';
import { useBrowser } from './browser';
import { agentSignsIn, openConsole } from './people';

const base = inject('baseUrl');
const browser = useBrowser();

const navItems = (page: import('playwright-core').Page) => page.getByRole('navigation', { name: 'Settings' }).getByRole('link').allInnerTexts();

it('shows each role only the settings it may change', async () => {
  const admin = await adminAt(browser(), base, 'Agents');
  expect(await navItems(admin.page)).toEqual([
    'Reports',
    'Agents',
    'Queues',
    'Sites',
    'Widget',
    'Pre-chat survey',
    'Business hours',
    'Chat lifecycle',
    'Predefined messages',
    'Bans',
    'Labels',
    'Retention',
    'API tokens',
    'Webhooks',
    'Audit log',
  ]);

  // A supervisor, invited and joined.
  const email = `sam-${Date.now()}@shop.example`;
  const res = await admin.page.request.post(`${base}/api/admin/agents/invites`, { data: { email, name: 'Sam', role: 'supervisor' }, headers: { Origin: base } });
  const { link } = (await res.json()) as { link: string };
  const sam = await openConsole(browser(), base);
  await sam.page.goto(link);
  await sam.page.getByLabel('Your name').fill('Sam');
  await sam.page.getByLabel('Password').fill('sam long passphrase');
  await sam.page.getByRole('button', { name: 'Join' }).click();
  await sam.page.getByLabel('Status').and(sam.page.locator(':enabled')).waitFor();
  await sam.page.goto(`${base}/console/admin`);
  await sam.page.getByRole('navigation', { name: 'Settings' }).waitFor();
  expect(await navItems(sam.page)).toEqual(['Reports', 'Predefined messages', 'Bans']);
  await openSettings(sam.page, 'Predefined messages');

  // Sam adds a predefined message; the admin sees it in the audit log, by name.
  const title = `Returns ${Date.now()}`;
  await sam.page.getByLabel('New title').fill(title);
  await sam.page.getByLabel('New text').fill('You can return anything within 30 days.');
  await sam.page.getByRole('button', { name: 'Add message' }).click();
  await sam.page.getByRole('region', { name: title }).waitFor();
  await admin.page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Audit log' }).click();
  await admin.page.getByRole('cell', { name: 'predefined.created' }).first().waitFor();
  const row = admin.page.getByRole('row').filter({ hasText: title });
  expect(await row.getByRole('cell').nth(1).innerText()).toBe('Sam');

  // An agent gets no settings at all, and the server refuses them too.
  const alice = await agentSignsIn(browser(), base, 'alice@example.com');
  await alice.page.goto(`${base}/console/admin`);
  await alice.page.getByText('Settings are for admins and supervisors.').waitFor();
  expect(await alice.page.getByRole('navigation', { name: 'Settings' }).count()).toBe(0);
  const refused = await alice.page.request.get(`${base}/api/admin/predefined`);
  expect(refused.status()).toBe(403);

  // Tidy up for the other browser tests: the message goes.
  const { messages } = (await (await admin.page.request.get(`${base}/api/admin/predefined`)).json()) as { messages: Array<{ id: string; title: string }> };
  for (const m of messages.filter((m) => m.title === title)) {
    await admin.page.request.delete(`${base}/api/admin/predefined/${m.id}`, { headers: { Origin: base } });
  }
});
