/** Two agents in real browsers: offers, rejection, invitation, private notes, ending, closing. */
import type { Page } from 'playwright-core';
import { expect, inject, it } from 'vitest';
import { useBrowser } from './browser';
import { agentSignsIn, conversation, lines, visitorOnShop, visitorWrites, type Person } from './people';

const base = inject('baseUrl');
const browser = useBrowser();

const onlineAgent = (email: string): Promise<Person> => agentSignsIn(browser(), base, email);

/** Resolves with the page that shows an offer first. */
function firstOffered(...pages: Page[]): Promise<Page> {
  return Promise.race(pages.map((page) => page.getByRole('button', { name: 'Accept' }).waitFor().then(() => page)));
}

it('passes a rejected chat to the other agent, and keeps private notes from the visitor', async () => {
  const alice = await onlineAgent('alice@example.com');
  const bob = await onlineAgent('bob@example.com');
  const visitor = await visitorOnShop(browser(), base);
  await visitor.page.getByRole('button', { name: 'Open chat' }).click();
  await visitorWrites(visitor.page, 'Can I change my delivery address?');

  // Whoever is asked first says no; the other is asked and says yes.
  const rejecter = await firstOffered(alice.page, bob.page);
  const taker = rejecter === alice.page ? bob.page : alice.page;
  const takerName = taker === alice.page ? 'Alice' : 'Bob';
  const rejecterName = takerName === 'Alice' ? 'Bob' : 'Alice';
  // The offer says how long is left to answer, counting down from the queue's 30 s.
  const countdown = await rejecter.getByText(/^\d+ s to answer$/).innerText();
  expect(Number.parseInt(countdown, 10)).toBeGreaterThan(20);
  expect(Number.parseInt(countdown, 10)).toBeLessThanOrEqual(30);
  await rejecter.getByRole('button', { name: 'Reject' }).click();
  await taker.getByRole('button', { name: 'Accept' }).click();
  await visitor.page.getByText(`${takerName} joined the chat`).waitFor();

  // The taker invites the other agent, who joins.
  await taker.getByRole('button', { name: 'Invite' }).click();
  await taker.getByRole('dialog', { name: 'Invite to chat' }).getByRole('button', { name: rejecterName }).click();
  await rejecter.getByRole('button', { name: 'Accept' }).click();
  await visitor.page.getByText(`${rejecterName} joined the chat`).waitFor();

  // A private note between them, then a public answer.
  await rejecter.getByRole('button', { name: 'Private' }).click();
  expect(await rejecter.getByRole('button', { name: 'Private' }).getAttribute('aria-pressed')).toBe('true');
  await rejecter.getByRole('textbox', { name: 'Message' }).fill('They asked this last week too');
  await rejecter.getByRole('button', { name: 'Send', exact: true }).click();
  const note = conversation(taker).getByRole('listitem').filter({ hasText: 'They asked this last week too' });
  await note.getByText('Private').waitFor();
  // Never sent to the visitor, so once stored the sender is not told it was delivered or read.
  await conversation(rejecter).getByText('Sending…').waitFor({ state: 'detached' });
  expect(await conversation(rejecter).getByRole('listitem').filter({ hasText: 'last week too' }).innerText()).not.toMatch(/Sent|Delivered|Read/);

  await taker.getByRole('textbox', { name: 'Message' }).fill('Yes — what is the new address?');
  await taker.getByRole('button', { name: 'Send', exact: true }).click();
  await conversation(visitor.page).getByText('Yes — what is the new address?').waitFor();
  expect((await lines(visitor.page)).join('\n')).not.toContain('last week');

  // The visitor ends the chat, after saying yes to the question.
  await visitor.page.getByRole('button', { name: 'End chat' }).click();
  await visitor.page.getByRole('alertdialog', { name: 'End this chat?' }).getByRole('button', { name: 'End chat' }).click();
  await conversation(taker).getByText(/ended the chat$/).waitFor();
  await visitor.page.getByRole('button', { name: 'Start a new chat' }).waitFor();

  // The chat is over, so closing its tab asks nothing.
  await taker.getByRole('button', { name: 'Close chat' }).click();
  await taker.getByText('Accept a chat to start answering.').waitFor();
});

it('warns an agent who closes a chat while the visitor is still there', async () => {
  const alice = await onlineAgent('alice@example.com');
  const visitor = await visitorOnShop(browser(), base);
  await visitor.page.getByRole('button', { name: 'Open chat' }).click();
  await visitorWrites(visitor.page, 'Hello?');
  await alice.page.getByRole('button', { name: 'Accept' }).click();
  await conversation(alice.page).getByText('Hello?').waitFor();

  await alice.page.getByRole('button', { name: 'Close chat' }).click();
  const warning = alice.page.getByRole('alertdialog', { name: 'Close this chat?' });
  await warning.getByText('The visitor is still connected.', { exact: false }).waitFor();
  await warning.getByRole('button', { name: 'Close chat' }).click();
  await visitor.page.getByText('Alice ended the chat').waitFor();
});

it('offers the message form when no agent is online, and agents find and answer the ticket', async () => {
  const visitor = await visitorOnShop(browser(), base);
  await visitor.page.getByRole('button', { name: 'Open chat' }).click();
  await visitor.page.getByText('No one is available to chat right now.', { exact: false }).waitFor();
  await visitor.page.getByLabel('Name').fill('Dana');
  await visitor.page.getByLabel('Email').fill('dana@example.com');
  await visitor.page.getByLabel('Your message').fill('Do you ship to Iceland?');
  await visitor.page.getByRole('button', { name: 'Send message' }).click();
  await visitor.page.getByText('Thanks! We have your message', { exact: false }).waitFor();

  const bob = await onlineAgent('bob@example.com');
  await bob.page.getByRole('button', { name: 'Tickets' }).click();
  const tickets = bob.page.getByRole('region', { name: 'Tickets' });
  await tickets.getByText('Do you ship to Iceland?').waitFor();

  // Bob answers by email; the ticket is pending (the customer has the next word) and its form goes away.
  const ticket = tickets.getByRole('listitem').filter({ hasText: 'Do you ship to Iceland?' });
  await ticket.getByLabel('Reply to Dana').fill('We do: 5 to 7 days by post.');
  await ticket.getByRole('button', { name: 'Send reply' }).click();
  await ticket.getByRole('button', { name: 'Send reply' }).waitFor({ state: 'detached' });
  expect(await ticket.getByLabel('Status of the ticket from Dana').inputValue()).toBe('pending');
  // The answer stays in the ticket's correspondence, and Bob is told the truth about its mail: kept, as no mail service is set up here.
  await ticket.getByRole('list', { name: 'Correspondence with Dana' }).getByText('We do: 5 to 7 days by post.').waitFor();
  await ticket.getByRole('status').getByText('Answer kept, not sent: no mail service is set up', { exact: false }).waitFor();
});
