/**
 * Mail coming back: replies to a conversation's or ticket's address reach the Worker's email()
 * handler as real RFC 5322 messages (plain, HTML-only, multipart with files, forwarded) and join
 * the chat or ticket as the customer's words; everything else is refused or dropped with a reason,
 * logged, and adds nothing.
 */
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { ulid } from '../../protocol/ids';
import { DEMO_SITE } from '../demo/demo-data';
import { conversationStub } from '../env';
import { call, json, signIn } from './helpers';
import { inboundLog, receive, replyTo, rfc5322 } from './mail-helpers';
import { aliceHasChat, carolOfBilling } from './workspace-fixtures';

const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

async function chatWithAddress() {
  const chat = await aliceHasChat();
  return { ...chat, address: await replyTo({ kind: 'conversation', id: chat.id }) };
}

/** The next message the agent's socket sees from the visitor. */
const visitorMessage = (socket: Awaited<ReturnType<typeof aliceHasChat>>['socket']) =>
  socket.waitFor((f) => f.type === 'message' && f.message.author.role === 'visitor' && f.message.via === 'email');

describe('a reply to a conversation', () => {
  it('shows up in the agent’s open chat, without the quoted mail or the signature', async () => {
    const { socket, address, id } = await chatWithAddress();
    const body = [
      'Yes, order 1042. The blue one, please.',
      '',
      '--',
      'Dana',
      'Sent from a phone',
      '',
      'On Tue, 1 Dec 2026 at 17:00, Demo shop <chat@shop.test> wrote:',
      '> Which order is it?',
    ].join('\r\n');
    const { rejected } = await receive(rfc5322({ to: address, body }), { to: address });
    expect(rejected).toBeNull();
    const frame = await visitorMessage(socket);
    expect(frame.message.text).toBe('Yes, order 1042. The blue one, please.');
    expect(await inboundLog()).toEqual([{ outcome: 'added', reason: null, thread_id: id }]);
  });

  it('reads an HTML-only mail as its text, without the quoted block', async () => {
    const { socket, address } = await chatWithAddress();
    const html = '<html><head><style>p{color:red}</style></head><body><p>Thanks &amp; see you <b>Friday</b>!</p><div class="gmail_quote"><blockquote>Old text</blockquote></div></body></html>';
    await receive(rfc5322({ to: address, contentType: 'text/html; charset=utf-8', body: html }), { to: address });
    expect((await visitorMessage(socket)).message.text).toBe('Thanks & see you Friday!');
  });

  it('adds the files a mail carries, checked as uploads are, and names those it refused', async () => {
    const { socket, address, alice } = await chatWithAddress();
    const body = [
      '--b1',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Here is a photo of the crack.',
      '--b1',
      'Content-Type: image/png; name="crack.png"',
      'Content-Disposition: attachment; filename="crack.png"',
      'Content-Transfer-Encoding: base64',
      '',
      PNG,
      '--b1',
      'Content-Type: application/x-msdownload; name="invoice.exe"',
      'Content-Disposition: attachment; filename="invoice.exe"',
      'Content-Transfer-Encoding: base64',
      '',
      'TVqQAAMAAAAEAAAA',
      '--b1--',
    ].join('\r\n');
    await receive(rfc5322({ to: address, contentType: 'multipart/mixed; boundary="b1"', body }), { to: address });
    const { message } = await visitorMessage(socket);
    expect(message.text).toMatch(/^Here is a photo of the crack\.\n\n\[Not added: invoice\.exe: only text, PDF and images/);
    expect(message.attachments).toEqual([expect.objectContaining({ name: 'crack.png', type: 'image/png' })]);
    const file = await call(`/api/files/${message.attachments[0].id}`, { cookie: alice.cookie });
    expect(file.status).toBe(200);
    expect(new Uint8Array(await file.arrayBuffer()).slice(1, 4)).toEqual(new TextEncoder().encode('PNG'));
  });

  it('keeps a forwarded message whole: the customer sent it to be read', async () => {
    const { socket, address } = await chatWithAddress();
    const body = ['See below, from the courier.', '', '---------- Forwarded message ---------', 'From: Courier <track@courier.test>', 'Subject: Delivery failed', '', 'We could not deliver parcel 77.'].join('\r\n');
    await receive(rfc5322({ to: address, subject: 'Fwd: Delivery failed', body }), { to: address });
    const { message } = await visitorMessage(socket);
    expect(message.text).toContain('See below, from the courier.');
    expect(message.text).toContain('We could not deliver parcel 77.');
  });

  it('adds a mail delivered twice once', async () => {
    const { socket, address, id } = await chatWithAddress();
    const raw = rfc5322({ to: address, body: 'Only once, please.', messageId: 'same@customer.test' });
    await receive(raw, { to: address });
    await visitorMessage(socket);
    await receive(raw, { to: address });
    const log = conversationStub(env, id);
    expect((await log.messages('agents')).filter((m) => m.text === 'Only once, please.')).toHaveLength(1);
    expect((await inboundLog()).map((r) => r.outcome)).toEqual(['added', 'dropped']);
  });

  it('reopens a chat that ended, which goes back in line with the reply', async () => {
    const { alice, address, id } = await chatWithAddress();
    expect((await call(`/api/console/chats/${id}/end`, { method: 'POST', cookie: alice.cookie })).status).toBe(200);
    await receive(rfc5322({ to: address, body: 'One more question about the lid.' }), { to: address });
    const summary = await conversationStub(env, id).summary();
    expect(summary!.status).toBe('waiting');
    expect((await conversationStub(env, id).messages('agents')).at(-1)).toMatchObject({ text: 'One more question about the lid.', via: 'email' });
  });
});

describe('mail that is refused or dropped', () => {
  it('refuses an address that is not a reply address, and one whose signature is wrong, the same way', async () => {
    const { id } = await chatWithAddress();
    const made = (await replyTo({ kind: 'conversation', id })).replace(/\.[0-9a-f]{20}@/, '.0123456789abcdef0123@');
    expect((await receive(rfc5322({ to: 'sales@shop.test', body: 'Hi' }), { to: 'sales@shop.test' })).rejected).toBe('Unknown address');
    expect((await receive(rfc5322({ to: made, body: 'Let me in' }), { to: made })).rejected).toBe('Unknown address');
    expect(await inboundLog()).toEqual([
      { outcome: 'rejected', reason: 'Unknown address', thread_id: null },
      { outcome: 'rejected', reason: 'Unknown address (its signature is wrong)', thread_id: null },
    ]);
    expect((await conversationStub(env, id).messages('agents')).some((m) => m.text === 'Let me in')).toBe(false);
  });

  it('refuses a mail that is too big before reading it', async () => {
    const { address } = await chatWithAddress();
    const { rejected } = await receive(rfc5322({ to: address, body: 'Huge' }), { to: address, rawSize: 30 * 1024 * 1024 });
    expect(rejected).toBe('Message too large: the limit is 25 MB');
  });

  it('refuses a mail with no text, and drops one that only quotes ours', async () => {
    const { address, id } = await chatWithAddress();
    const noText = rfc5322({ to: address, contentType: 'multipart/alternative; boundary="x"', body: '--x--' });
    expect((await receive(noText, { to: address })).rejected).toBe('The message has no text');
    const onlyQuote = rfc5322({ to: address, body: 'On Tue, 1 Dec 2026, Demo shop wrote:\r\n> Anything else?' });
    expect((await receive(onlyQuote, { to: address })).rejected).toBeNull();
    expect((await inboundLog()).map((r) => [r.outcome, r.reason])).toEqual([
      ['rejected', 'The message has no text'],
      ['dropped', 'Nothing new: only the quoted mail'],
    ]);
    expect((await conversationStub(env, id).messages('agents')).filter((m) => m.via === 'email')).toEqual([]);
  });

  it.each([
    ['Auto-Submitted', { 'Auto-Submitted': 'auto-replied' }, 'Re: Your chat'],
    ['Precedence: bulk', { Precedence: 'bulk' }, 'Re: Your chat'],
    ['an out-of-office subject', {}, 'Out of office: back on Monday'],
    ['X-Autoreply', { 'X-Autoreply': 'yes' }, 'Re: Your chat'],
  ])('drops an automatic reply (%s) without a bounce', async (_, headers, subject) => {
    const { address, id } = await chatWithAddress();
    const { rejected } = await receive(rfc5322({ to: address, subject, headers, body: 'I am away until Monday.' }), { to: address });
    expect(rejected).toBeNull();
    expect(await inboundLog()).toEqual([{ outcome: 'dropped', reason: 'An automatic reply', thread_id: id }]);
    expect((await conversationStub(env, id).messages('agents')).some((m) => m.via === 'email')).toBe(false);
  });

  it('drops a bounce (empty envelope sender) and our own mail coming back', async () => {
    const { address } = await chatWithAddress();
    await receive(rfc5322({ to: address, body: 'Delivery failed' }), { to: address, from: '<>' });
    await receive(rfc5322({ to: address, headers: { 'X-Parley-Mail': '01JX' }, body: 'Looping' }), { to: address });
    expect((await inboundLog()).map((r) => r.reason)).toEqual(['An automatic reply', 'Our own mail came back (a loop)']);
  });

  it('refuses a reply to a chat whose Durable Object retention has purged, its D1 row not yet gone', async () => {
    const { address, id } = await chatWithAddress();
    await conversationStub(env, id).purge();
    const { rejected } = await receive(rfc5322({ to: address, body: 'Hello again?' }), { to: address });
    expect(rejected).toBe('This conversation no longer exists');
    expect(await inboundLog()).toEqual([{ outcome: 'rejected', reason: 'This conversation no longer exists', thread_id: id }]);
  });

  it('refuses a reply to a conversation that no longer exists', async () => {
    // Signed as Parley signs, for a conversation retention has since deleted (or that never was).
    const address = await replyTo({ kind: 'conversation', id: ulid() });
    expect((await receive(rfc5322({ to: address, body: 'Hello?' }), { to: address })).rejected).toBe('This conversation no longer exists');
  });
});

describe('a reply to a ticket', () => {
  async function solvedTicket() {
    const res = await call('/api/visitor/tickets', { method: 'POST', body: json({ siteId: DEMO_SITE.id, name: 'Dana', email: 'dana@customer.test', message: 'Do you ship to Norway?' }) });
    const { ticket } = (await res.json()) as { ticket: { id: string } };
    const cookie = await signIn('alice@example.com');
    expect((await call(`/api/console/tickets/${ticket.id}/reply`, { method: 'POST', cookie, body: json({ text: 'We do, in 5 days.' }) })).status).toBe(201);
    expect((await call(`/api/console/tickets/${ticket.id}`, { method: 'PATCH', cookie, body: json({ status: 'solved' }) })).status).toBe(200);
    return { id: ticket.id, cookie, address: await replyTo({ kind: 'ticket', id: ticket.id }) };
  }

  it('joins the ticket’s correspondence, with its files, and opens the solved ticket again', async () => {
    const { id, cookie, address } = await solvedTicket();
    const body = ['--b2', 'Content-Type: text/plain', '', 'Great, and to Tromsø?', '--b2', 'Content-Type: image/png; name="map.png"', 'Content-Disposition: attachment; filename="map.png"', 'Content-Transfer-Encoding: base64', '', PNG, '--b2--'].join('\r\n');
    await receive(rfc5322({ to: address, subject: 'Re: your message to Demo shop', contentType: 'multipart/mixed; boundary="b2"', body }), { to: address });
    const { tickets } = (await (await call('/api/console/tickets', { cookie })).json()) as { tickets: Array<{ id: string; status: string; thread: any[] }> };
    const ticket = tickets.find((t) => t.id === id)!;
    expect(ticket.status).toBe('open');
    expect(ticket.thread.map((m) => [m.author.role, m.text])).toEqual([
      ['agent', 'We do, in 5 days.'],
      ['visitor', 'Great, and to Tromsø?'],
    ]);
    const file = ticket.thread[1].attachments[0];
    expect(file).toMatchObject({ name: 'map.png', type: 'image/png' });
    const download = await call(`/api/console/tickets/${id}/files/${file.id}`, { cookie });
    expect(download.status).toBe(200);
    expect(download.headers.get('Content-Disposition')).toBe("attachment; filename*=UTF-8''map.png");
  });

  it('keeps its files from agents who may not see the ticket', async () => {
    const { id, address } = await solvedTicket();
    await receive(rfc5322({ to: address, contentType: 'multipart/mixed; boundary="b3"', body: ['--b3', 'Content-Type: image/png; name="a.png"', 'Content-Transfer-Encoding: base64', '', PNG, '--b3--'].join('\r\n') }), { to: address });
    const row = await env.DB.prepare('SELECT attachments FROM ticket_messages WHERE ticket_id = ? AND author_role = ?').bind(id, 'visitor').first<{ attachments: string }>();
    const [file] = JSON.parse(row!.attachments) as Array<{ id: string }>;
    // Carol answers another queue: the demo queue's ticket, and so its file, is not hers to see.
    const carol = await carolOfBilling();
    const res = await call(`/api/console/tickets/${id}/files/${file!.id}`, { cookie: carol });
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('PNG');
  });
});
