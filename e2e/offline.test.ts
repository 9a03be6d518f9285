/** A visitor whose network drops: what they write meanwhile arrives once, in order, when it returns. */
import { expect, inject, it } from 'vitest';
import { useBrowser } from './browser';
import { acceptsOffer, agentSignsIn, conversation, lines, visitorOnShop, visitorWrites } from './people';

const base = inject('baseUrl');
const browser = useBrowser();

it('sends what the visitor wrote offline when the network is back, also after a reload', async () => {
  const agent = await agentSignsIn(browser(), base, 'bob@example.com');
  const visitor = await visitorOnShop(browser(), base);
  await visitor.page.getByRole('button', { name: 'Open chat' }).click();
  await visitorWrites(visitor.page, 'I have a question about shipping');
  await acceptsOffer(agent.page);
  await visitor.page.getByText('Bob joined the chat').waitFor();

  // Offline: three messages wait as "sending".
  await visitor.context.setOffline(true);
  for (const text of ['offline one', 'offline two', 'offline three']) await visitorWrites(visitor.page, text);
  expect(await conversation(visitor.page).getByText('Sending…').count()).toBe(3);

  // Back online: they arrive at the agent once each, in the order written.
  await visitor.context.setOffline(false);
  await conversation(agent.page).getByText('offline three').waitFor();
  await visitor.page.getByText('Sending…').first().waitFor({ state: 'detached' });

  // Offline again, three more, and the visitor leaves the page before the network returns.
  await visitor.context.setOffline(true);
  for (const text of ['before reload one', 'before reload two', 'before reload three']) await visitorWrites(visitor.page, text);
  expect(await conversation(visitor.page).getByText('Sending…').count()).toBe(3);
  await visitor.page.close();
  await visitor.context.setOffline(false);

  // Coming back to the shop is enough: the widget finds them and sends them, without a click.
  const again = await visitor.context.newPage();
  await again.goto(`${base}/`);
  await conversation(agent.page).getByText('before reload three').waitFor();

  const expected = [
    'I have a question about shipping',
    'Bob joined the chat',
    'offline one',
    'offline two',
    'offline three',
    'before reload one',
    'before reload two',
    'before reload three',
  ];
  expect((await lines(agent.page)).map((l) => l.replace(/^Visitor \w{4} /, ''))).toEqual(expected);
  await again.getByRole('button', { name: 'Open chat' }).click();
  await conversation(again).getByText('before reload three').waitFor();
  expect((await lines(again)).map((l) => l.replace(/ (Sent|Delivered|Read)$/, ''))).toEqual(expected);
});
