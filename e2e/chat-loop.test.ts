import { expect, inject, it } from 'vitest';
import { useBrowser } from './browser';
import { acceptsOffer, agentSignsIn, conversation, lines, openConsole, signIn, visitorOnShop, visitorWrites } from './people';

const base = inject('baseUrl');
const browser = useBrowser();

it('carries a chat from the widget on the shop page to an agent in the console and back', async () => {
  // An agent signs in and is online, so the widget offers chat.
  const agent = await agentSignsIn(browser(), base, 'alice@example.com');
  const desk = agent.page;

  // The visitor opens the widget on the demo shop and writes.
  const visitor = await visitorOnShop(browser(), base);
  const shop = visitor.page;
  await shop.getByRole('button', { name: 'Open chat' }).click();
  await visitorWrites(shop, 'Hello! Is the tea set <b>in stock</b>?');
  await conversation(shop).getByText('Hello! Is the tea set <b>in stock</b>?').waitFor();
  await shop.getByText('Sending…').waitFor({ state: 'detached' });

  // The agent accepts the offered chat.
  await acceptsOffer(desk);

  // The visitor's words arrive as text, markup and all, not as HTML.
  await conversation(desk).getByText('Hello! Is the tea set <b>in stock</b>?').waitFor();
  expect(await conversation(desk).locator('b').count()).toBe(0);
  await shop.getByText('Alice joined the chat').waitFor();
  // Alice has the chat open, so the visitor sees their message as read.
  await conversation(shop).getByRole('listitem').filter({ hasText: 'in stock' }).getByText('Read').waitFor();

  await desk.getByRole('textbox', { name: 'Message' }).fill('It is! Shall I reserve one for you?');
  await desk.getByRole('button', { name: 'Send' }).click();
  await conversation(shop).getByText('It is! Shall I reserve one for you?').waitFor();

  // After a reload the visitor finds the same conversation.
  await shop.reload();
  await shop.getByRole('button', { name: 'Open chat' }).click();
  await conversation(shop).getByText('It is! Shall I reserve one for you?').waitFor();
  expect(await lines(shop)).toEqual([
    'Hello! Is the tea set <b>in stock</b>? Read',
    'Alice joined the chat',
    'Alice It is! Shall I reserve one for you?',
  ]);

  // And the conversation goes on, live, after the reload.
  await visitorWrites(shop, 'Yes please!');
  await conversation(desk).getByText('Yes please!').waitFor();

  // The next visitor is told how soon an answer comes, from how soon this chat was taken.
  const next = await visitorOnShop(browser(), base);
  await next.page.getByRole('button', { name: 'Open chat' }).click();
  await next.page.getByText(/We are online and usually reply within \d+ min/).waitFor();
});

it('refuses a wrong password in the console with a message', async () => {
  const agent = await openConsole(browser(), base);
  await signIn(agent.page, 'bob@example.com', 'not-the-password');
  expect(await agent.page.getByRole('alert').innerText()).toBe('Email or password is wrong');
  expect(await agent.page.getByRole('button', { name: 'Sign in' }).isVisible()).toBe(true);
});
