/** The widget while the visitor looks away: unread count, the page's API and events, muting. */
import { expect, inject, it } from 'vitest';
import { useBrowser } from './browser';
import { acceptsOffer, agentSignsIn, conversation, visitorOnShop, visitorWrites } from './people';

const base = inject('baseUrl');
const browser = useBrowser();

it('counts unread replies on the launcher while minimized, and tells the page through window.Parley', async () => {
  const agent = await agentSignsIn(browser(), base, 'alice@example.com');
  const visitor = await visitorOnShop(browser(), base);
  const shop = visitor.page;
  await shop.getByRole('button', { name: 'Open chat' }).click();
  await visitorWrites(shop, 'Is the mug dishwasher safe?');
  await acceptsOffer(agent.page);
  await shop.getByText('Alice joined the chat').waitFor();

  // The page listens, as a shop's own code would.
  await shop.evaluate(() => {
    const seen: unknown[] = [];
    (window as unknown as { seen: unknown[] }).seen = seen;
    const parley = (window as unknown as { Parley: { on(e: string, f: (d?: unknown) => void): void } }).Parley;
    for (const event of ['open', 'close', 'message', 'unread']) parley.on(event, (detail) => seen.push([event, detail]));
  });
  await shop.getByRole('button', { name: 'Minimize chat' }).first().click();

  for (const text of ['Yes, it is.', 'Up to 70 °C.']) {
    await agent.page.getByRole('textbox', { name: 'Message' }).fill(text);
    await agent.page.getByRole('button', { name: 'Send', exact: true }).click();
  }
  await shop.getByRole('button', { name: 'Open chat, 2 unread messages' }).waitFor();

  // Opening from the page's code shows the replies and clears the count.
  await shop.evaluate(() => (window as unknown as { Parley: { open(): void } }).Parley.open());
  await conversation(shop).getByText('Up to 70 °C.').waitFor();
  await shop.getByRole('button', { name: 'Minimize chat' }).first().waitFor();
  await shop.evaluate(() => (window as unknown as { Parley: { close(): void } }).Parley.close());
  await shop.getByRole('button', { name: 'Open chat', exact: true }).waitFor();

  const seen = (await shop.evaluate(() => (window as unknown as { seen: Array<[string, unknown]> }).seen)) as Array<[string, unknown]>;
  expect(seen.filter(([e]) => e === 'message').map(([, d]) => (d as { text: string }).text)).toEqual(['Yes, it is.', 'Up to 70 °C.']);
  expect(seen.filter(([e]) => e === 'unread').map(([, n]) => n)).toContain(2);
  expect(seen.filter(([e]) => e === 'open' || e === 'close').map(([e]) => e)).toEqual(['close', 'open', 'close']);
});

it('remembers that the visitor muted the chime', async () => {
  const visitor = await visitorOnShop(browser(), base);
  await visitor.page.getByRole('button', { name: 'Open chat' }).click();
  const mute = visitor.page.getByRole('button', { name: 'Mute sounds' });
  expect(await mute.getAttribute('aria-pressed')).toBe('false');
  await mute.click();
  expect(await mute.getAttribute('aria-pressed')).toBe('true');
  await visitor.page.reload();
  await visitor.page.getByRole('button', { name: 'Open chat' }).click();
  expect(await visitor.page.getByRole('button', { name: 'Mute sounds' }).getAttribute('aria-pressed')).toBe('true');
});
