/**
 * A chat that goes on by mail, in real browsers: the visitor writes and leaves; the agent answers;
 * the answer is mailed (kept, locally) with a continuation link; the visitor's reply, posted to the
 * Worker's email handler as Email Routing would, shows in the agent's open chat; and the link
 * brings the visitor back into the same chat in the widget, with all of it.
 */
import { afterEach, expect, inject, it } from 'vitest';
import { DEFAULT_LIFECYCLE } from '../protocol/chat';
import { adminAt, adminCall } from './admin-people';
import { useBrowser } from './browser';
import { agentSignsIn, conversation, newContext, visitorOnShop, visitorWrites, type Person } from './people';

const base = inject('baseUrl');
const browser = useBrowser();

let admin: Person | undefined;
afterEach(async () => {
  if (admin) await adminCall(admin.page, base, 'PUT', '/api/admin/sites/demo-shop/lifecycle', DEFAULT_LIFECYCLE);
  admin = undefined;
});

it('continues a chat by mail both ways, and back in the widget by the mail’s link', async () => {
  // The shortest pause an owner can set, so the mail goes ten seconds after the agent's last reply.
  admin = await adminAt(browser(), base, 'Chat lifecycle');
  const form = admin.page.getByRole('form', { name: 'Chat lifecycle for Demo shop' });
  await form.getByLabel(/Mail replies a visitor who left has not read/).fill('10');
  await form.getByRole('button', { name: 'Save lifecycle' }).click();
  await form.getByRole('status').getByText('Saved').waitFor();

  const alice = await agentSignsIn(browser(), base, 'alice@example.com');
  const visitor = await visitorOnShop(browser(), base);
  await visitor.page.getByRole('button', { name: 'Open chat' }).click();
  await visitorWrites(visitor.page, 'Do you ship teapots to Norway?');
  await visitor.page.getByRole('button', { name: 'Your details' }).click();
  const details = visitor.page.getByRole('form', { name: 'Your details' });
  await details.getByLabel('Email').fill('dana@example.org');
  await details.getByRole('button', { name: 'Save' }).click();
  await details.getByRole('status').getByText('Saved').waitFor();

  await alice.page.getByRole('article').filter({ hasText: 'Do you ship teapots to Norway?' }).getByRole('button', { name: 'Accept' }).click();
  await visitor.page.getByText('Alice joined the chat').waitFor();
  // The visitor leaves the shop before the answer comes.
  await visitor.page.goto('about:blank');
  await alice.page.getByText('Visitor has left the page').waitFor();
  await alice.page.getByRole('textbox', { name: 'Message' }).fill('We do: about five days, and free over 50 €.');
  await alice.page.getByRole('button', { name: 'Send' }).click();

  // The mail is kept (no mail service locally), with the answer and a link back.
  await admin.page.goto(`${base}/console/`);
  await admin.page.getByRole('button', { name: 'Mails' }).click();
  const sent = admin.page.getByRole('list', { name: 'Sent mails' }).getByRole('listitem').filter({ hasText: 'to dana@example.org' });
  for (let i = 0; i < 30 && (await sent.count()) === 0; i++) {
    await admin.page.waitForTimeout(1000);
    await admin.page.getByRole('button', { name: 'Refresh' }).click();
  }
  const mail = await sent.first().innerText();
  expect(mail).toContain('Alice replied to your chat with Demo shop:');
  expect(mail).toContain('We do: about five days, and free over 50 €.');
  const link = /Continue the chat: (\S+)/.exec(mail)![1]!;
  expect(link.startsWith(`${base}/`)).toBe(true);
  const replyTo = /Replies go to (\S+)/.exec(mail)![1]!;

  // Dana answers the mail from her mail client: Email Routing hands it to the Worker's email handler.
  const raw = [
    'From: Dana <dana@example.org>',
    `To: ${replyTo}`,
    'Subject: Re: Your chat with Demo shop',
    `Message-ID: <${Date.now()}@example.org>`,
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Lovely, then I will order two.',
    '',
    'On Wed, Demo shop <chat@demo.test> wrote:',
    '> We do: about five days, and free over 50 €.',
  ].join('\r\n');
  const handed = await fetch(`${base}/cdn-cgi/handler/email?from=dana@example.org&to=${encodeURIComponent(replyTo)}`, { method: 'POST', body: raw });
  expect(handed.status).toBe(200);
  await conversation(alice.page).getByText('Lovely, then I will order two.').waitFor();
  await conversation(alice.page).getByText('Sent by email, as a reply to a mail').waitFor();
  expect(await conversation(alice.page).innerText()).not.toContain('> We do');

  // Later, on another device, Dana follows the mail's link: the same chat, all of it, in the widget.
  const later = await (await newContext(browser())).newPage();
  await later.goto(link);
  const chat = conversation(later);
  await chat.getByText('Lovely, then I will order two.').waitFor();
  await chat.getByText('Do you ship teapots to Norway?').waitFor();
  await chat.getByText('We do: about five days, and free over 50 €.').waitFor();
  // The token left the address bar at once.
  expect(new URL(later.url()).hash).toBe('');
  await visitorWrites(later, 'Can I pay by invoice?');
  await conversation(alice.page).getByText('Can I pay by invoice?').waitFor();
}, 120_000);
