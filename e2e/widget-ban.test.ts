/** An agent bans a visitor from the console: the widget closes on their page, and stays away. */
import { expect, inject, it } from 'vitest';
import { useBrowser } from './browser';
import { acceptsOffer, agentSignsIn, visitorOnShop, visitorWrites } from './people';

const base = inject('baseUrl');
const browser = useBrowser();

it('closes the widget for a banned visitor, at once and after a reload', async () => {
  const alice = await agentSignsIn(browser(), base, 'alice@example.com');
  const desk = alice.page;
  const { page: shop } = await visitorOnShop(browser(), base);
  await shop.getByRole('button', { name: 'Open chat' }).click();
  await visitorWrites(shop, 'BUY CHEAP WATCHES http://spam.example');
  await acceptsOffer(desk);
  await shop.getByText('Alice joined the chat').waitFor();

  await desk.getByRole('button', { name: 'Ban visitor' }).click();
  const confirm = desk.getByRole('alertdialog', { name: 'Ban this visitor?' });
  await confirm.getByLabel('Reason').fill('Spam');
  await confirm.getByRole('button', { name: 'Ban', exact: true }).click();

  // The widget leaves the visitor's page: no panel, no launcher.
  await shop.getByRole('textbox', { name: 'Message' }).waitFor({ state: 'detached' });
  await shop.getByRole('button', { name: /chat/i }).first().waitFor({ state: 'detached' });

  // After a reload the widget comes back to its chat, is refused as banned, and leaves again.
  const refused = shop.waitForResponse((res) => res.url().includes('/api/visitor/') && res.status() === 403);
  await shop.reload();
  expect(await (await refused).json()).toMatchObject({ error: { code: 'banned' } });
  await shop.getByRole('button', { name: 'Open chat' }).waitFor({ state: 'detached' });
  await shop.getByRole('heading').first().waitFor();
});
