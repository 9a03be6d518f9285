/**
 * Mail going out: replies a visitor who left has not read are mailed once the agent pauses, one
 * mail per pause, with a continuation link that brings that visitor (and nobody else) back into
 * the chat; mails are real MIME, threaded, through either adapter.
 */
import { env } from 'cloudflare:test';
import PostalMime from 'postal-mime';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIFECYCLE } from '../../protocol/chat';
import { ulid } from '../../protocol/ids';
import { issueContinuation } from '../auth/continuation';
import { DEMO_SITE } from '../demo/demo-data';
import { conversationStub, type Env } from '../env';
import type { MailAdapter, OutgoingMail } from '../mail/adapters';
import { sendMail } from '../mail/mailer';
import { replyAddress } from '../mail/reply-address';
import { deadline, fastForward } from './deadlines';
import { call, connect, errorOf, json, newVisitor, ORIGIN, signIn } from './helpers';
import { MAILGUN_KEY } from './node/mail-provider';
import { mailsArrive, mailsTo, receive, replyTo, rfc5322 } from './mail-helpers';
import { agentSays, aliceHasChat } from './workspace-fixtures';

const DANA = 'dana@customer.test';

/** Alice has the chat of a visitor who gave their email, began on a shop page, and has left. */
async function visitorLeft() {
  const chat = await aliceHasChat('Is the blue teapot in stock?', { page: `${ORIGIN}/teapots?colour=blue#reviews` });
  expect((await call('/api/visitor/profile', { method: 'PUT', token: chat.visitor.token, body: json({ email: DANA }) })).status).toBe(200);
  chat.visitor.socket.close();
  const stub = conversationStub(env, chat.id);
  // The DO has heard of the close once its visitor_left timer runs.
  for (let i = 0; i < 50 && (await deadline(stub, 'visitor_left')) === null; i++) await new Promise((r) => setTimeout(r, 20));
  return { ...chat, stub };
}

describe('replies the visitor has not read', () => {
  it('are mailed once the agent pauses, all in one mail, with the chat so far and a link back', async () => {
    const { socket, stub, id } = await visitorLeft();
    const first = await agentSays(socket, 'Yes, we have three left.');
    await agentSays(socket, 'Shall I hold one for you?');
    // Counted from the last reply: the default pause is three minutes.
    expect(await deadline(stub, 'reply_mail')).toBeGreaterThanOrEqual(first.at + 180_000);
    expect(await mailsTo(DANA)).toEqual([]);
    await fastForward(stub, 'reply_mail');
    const [mail] = await mailsArrive(DANA, 1);
    expect(mail).toMatchObject({ subject: 'Your chat with Demo shop', thread_id: id, reply_to: await replyTo({ kind: 'conversation', id }) });
    expect(mail!.text).toMatch(/^Alice replied to your chat with Demo shop:\n\nYes, we have three left\.\n\nShall I hold one for you\?\n\nContinue the chat: /);
    expect(mail!.text).toContain('Is the blue teapot in stock?');
    const link = new URL(/Continue the chat: (\S+)/.exec(mail!.text)![1]!);
    expect(`${link.origin}${link.pathname}${link.search}`).toBe(`${ORIGIN}/teapots?colour=blue`);
    expect(link.hash).toMatch(/^#parley-continue=[\w-]+\.[\w-]+$/);
  });

  it('are mailed again only when there are new ones: one mail per pause', async () => {
    const { socket, stub } = await visitorLeft();
    await agentSays(socket, 'We have three left.');
    await fastForward(stub, 'reply_mail');
    await mailsArrive(DANA, 1);
    // A private note is no reply: it starts no pause, and no mail.
    await agentSays(socket, 'Colleagues: check the stock count', { private: true });
    expect(await deadline(stub, 'reply_mail')).toBeNull();
    await agentSays(socket, 'I have put one aside until Friday.');
    await fastForward(stub, 'reply_mail');
    const mails = await mailsArrive(DANA, 2);
    expect(mails).toHaveLength(2);
    expect(mails[1]!.text).toMatch(/^Alice replied to your chat with Demo shop:\n\nI have put one aside until Friday\.\n\n/);
  });

  it('are not mailed to a visitor who came back to the widget, nor to one who is there', async () => {
    const { socket, stub, id, visitor } = await visitorLeft();
    await agentSays(socket, 'Are you still there?');
    const back = await connect(`/ws/visitor/conversations/${id}?token=${visitor.token}`);
    back.send({ type: 'hello', after: 0 });
    await back.waitFor((f) => f.type === 'welcome');
    expect(await deadline(stub, 'reply_mail')).toBeNull();
    await agentSays(socket, 'Good, here is the link.');
    expect(await deadline(stub, 'reply_mail')).toBeNull();
    expect(await mailsTo(DANA)).toEqual([]);
  });

  it('are not mailed when Parley knows no address for the visitor', async () => {
    const chat = await aliceHasChat();
    chat.visitor.socket.close();
    await agentSays(chat.socket, 'Hello?');
    await fastForward(conversationStub(env, chat.id), 'reply_mail');
    expect((await env.DB.prepare('SELECT COUNT(*) AS n FROM mails').first<{ n: number }>())!.n).toBe(0);
  });

  it('are never mailed where the admin switched it off', async () => {
    const admin = await signIn('admin@example.com');
    const lifecycle = { ...DEFAULT_LIFECYCLE, replyMailSeconds: 0 };
    expect((await call(`/api/admin/sites/${DEMO_SITE.id}/lifecycle`, { method: 'PUT', cookie: admin, body: json(lifecycle) })).status).toBe(200);
    const { socket, stub } = await visitorLeft();
    await agentSays(socket, 'Hello?');
    expect(await deadline(stub, 'reply_mail')).toBeNull();
  });

  it('has its pause set by the admin, within bounds', async () => {
    const admin = await signIn('admin@example.com');
    const put = (replyMailSeconds: unknown) => call(`/api/admin/sites/${DEMO_SITE.id}/lifecycle`, { method: 'PUT', cookie: admin, body: json({ ...DEFAULT_LIFECYCLE, replyMailSeconds }) });
    for (const wrong of [5, -1, 86_401, 1.5, '60']) {
      const res = await put(wrong);
      expect(res.status).toBe(400);
      expect((await errorOf(res)).field).toBe('replyMailSeconds');
    }
    expect((await put(30)).status).toBe(200);
    const { socket, stub } = await visitorLeft();
    const reply = await agentSays(socket, 'Back in a moment.');
    expect(await deadline(stub, 'reply_mail')).toBe(reply.at + 30_000);
  });

  it('go to the address the survey or identify() gave, the conversation’s own first', async () => {
    const { socket, stub, id } = await visitorLeft();
    await env.DB.prepare('UPDATE conversations SET email = ? WHERE id = ?').bind('orders@dana.test', id).run();
    await agentSays(socket, 'Sent to the address you gave us.');
    await fastForward(stub, 'reply_mail');
    expect(await mailsArrive('orders@dana.test', 1)).toHaveLength(1);
    expect(await mailsTo(DANA)).toEqual([]);
  });
});

/** The continuation link of the mail Dana got. */
async function linkMailed() {
  const chat = await visitorLeft();
  await agentSays(chat.socket, 'Yes, we have three left.');
  await fastForward(chat.stub, 'reply_mail');
  const [mail] = await mailsArrive(DANA, 1);
  const link = new URL(/Continue the chat: (\S+)/.exec(mail!.text)![1]!);
  return { ...chat, token: link.hash.replace('#parley-continue=', '') };
}

const follow = (token: string, origin = ORIGIN) => call('/api/visitor/continue', { method: 'POST', headers: { Origin: origin }, body: json({ token }) });

describe('the continuation link', () => {
  it('brings that visitor back into that chat with the whole history, reopened if it had ended', async () => {
    const { token, id, alice } = await linkMailed();
    expect((await call(`/api/console/chats/${id}/end`, { method: 'POST', cookie: alice.cookie })).status).toBe(200);
    const res = await follow(token);
    expect(res.status).toBe(200);
    const answer = (await res.json()) as { token: string; visitorId: string; conversation: { id: string; status: string } };
    expect(answer.conversation).toMatchObject({ id, status: 'open' });
    const row = await env.DB.prepare('SELECT visitor_id FROM conversations WHERE id = ?').bind(id).first<{ visitor_id: string }>();
    expect(answer.visitorId).toBe(row!.visitor_id);
    const socket = await connect(`/ws/visitor/conversations/${id}?token=${answer.token}`);
    socket.send({ type: 'hello', after: 0 });
    const welcome = await socket.waitFor((f) => f.type === 'welcome');
    expect(welcome.messages.map((m: { text: string }) => m.text)).toEqual(expect.arrayContaining(['Is the blue teapot in stock?', 'Yes, we have three left.']));
  });

  it('opens nothing when forged, made for another purpose, expired, or followed from another site', async () => {
    const { token, id, visitor } = await linkMailed();
    const [payload, signature] = token.split('.');
    const tampered = `${payload}.${signature!.slice(0, -2)}AA`;
    expect((await follow(tampered)).status).toBe(404);
    // A visitor token is signed with the same secret, but is no continuation.
    expect((await follow(visitor.token)).status).toBe(404);
    const old = await issueContinuation({ conversationId: id, visitorId: 'v', siteId: DEMO_SITE.id }, env.PARLEY_SECRET, Date.now() - 8 * 24 * 3600_000);
    const expired = await follow(old);
    expect(expired.status).toBe(410);
    expect(await errorOf(expired)).toMatchObject({ code: 'link_expired' });
    const elsewhere = await follow(token, 'https://evil.test');
    expect(elsewhere.status).toBe(403);
    expect((await errorOf(elsewhere)).code).toBe('origin_not_allowed');
  });

  it('answers bad bodies with a coded 400', async () => {
    for (const body of [{}, { token: '' }, { token: 7 }, { token: 'x'.repeat(1001) }]) {
      const res = await call('/api/visitor/continue', { method: 'POST', body: json(body) });
      expect(res.status).toBe(400);
      expect((await errorOf(res)).field).toBe('token');
    }
    const res = await call('/api/visitor/continue', { method: 'POST', body: '{not json' });
    expect(res.status).toBe(400);
    expect((await errorOf(res)).code).toBe('bad_json');
  });

  it('leads nowhere for a chat retention has deleted', async () => {
    const { token, stub } = await linkMailed();
    await stub.purge();
    expect((await follow(token)).status).toBe(404);
  });
});

describe('the chat’s page', () => {
  it('is kept only on the page’s own origin, and only as an http(s) URL', async () => {
    const { token } = await newVisitor();
    const start = (page: unknown) => call('/api/visitor/conversation', { method: 'POST', token, body: json({ page }) });
    for (const page of ['javascript:alert(1)', 'not a url', `${ORIGIN}/${'x'.repeat(2000)}`]) {
      const res = await start(page);
      expect(res.status).toBe(400);
      expect((await errorOf(res)).field).toBe('page');
    }
    const res = await start('https://elsewhere.test/phish');
    const { conversation } = (await res.json()) as { conversation: { id: string } };
    const row = await env.DB.prepare('SELECT page_url FROM conversations WHERE id = ?').bind(conversation.id).first<{ page_url: string | null }>();
    expect(row!.page_url).toBeNull();
  });
});

/** The raw mails an adapter was handed, for reading back as a mail client would. */
function capturing(): MailAdapter & { sent: OutgoingMail[] } {
  const sent: OutgoingMail[] = [];
  return { sent, send: async (mail) => (sent.push(mail), {}) };
}

const sending = { ...env, MAIL_FROM: 'chat@shop.test' } as Env;

describe('mails as sent', () => {
  it('are MIME with a text part, an escaped HTML part, the site as sender and the thread’s reply address', async () => {
    const adapter = capturing();
    const thread = { kind: 'conversation' as const, id: ulid() };
    expect(await sendMail(sending, { to: DANA, subject: 'Your chat with Demo shop', fromName: 'Demo shop', thread, text: 'Use <b>code</b> & save: https://shop.test/?a=1&b=2' }, adapter)).toBe('sent');
    const mail = await PostalMime.parse(adapter.sent[0]!.raw);
    expect(mail.from).toEqual({ name: 'Demo shop', address: 'chat@shop.test' });
    // The reply domain is the sender's, as the owner routes it (docs/email.md).
    expect(mail.replyTo?.map((a) => a.address)).toEqual([await replyAddress(sending, thread)]);
    expect(mail.replyTo![0]!.address).toMatch(/@shop\.test$/);
    expect(mail.text?.trim()).toBe('Use <b>code</b> & save: https://shop.test/?a=1&b=2');
    expect(mail.html).toContain('Use &#60;b&#62;code&#60;/b&#62; &#38; save: <a href="https://shop.test/?a=1&#38;b=2">');
    expect(mail.html).not.toContain('<b>');
    expect(adapter.sent[0]).toMatchObject({ from: 'chat@shop.test', to: DANA });
  });

  it('thread: each answers the one before, the customer’s replies included', async () => {
    const adapter = capturing();
    const chat = await aliceHasChat();
    const thread = { kind: 'conversation' as const, id: chat.id };
    const send = () => sendMail(sending, { to: DANA, subject: 'Your chat with Demo shop', thread, text: 'Hello' }, adapter);
    await send();
    const first = (await PostalMime.parse(adapter.sent[0]!.raw)).messageId!;
    await receive(rfc5322({ to: await replyTo(thread), body: 'Thanks!', messageId: 'dana-1@customer.test' }), { to: await replyTo(thread) });
    await send();
    const second = await PostalMime.parse(adapter.sent[1]!.raw);
    expect(second.inReplyTo).toBe('<dana-1@customer.test>');
    expect(second.references).toBe(`${first} <dana-1@customer.test>`);
  });

  it('go through Cloudflare’s send_email binding as it checks them locally', async () => {
    // Miniflare's binding parses the MIME and refuses a From that is not the envelope's, as Cloudflare does.
    expect(await sendMail(sending, { to: DANA, subject: 'Hello', fromName: 'Demo shop', text: 'Hi' })).toBe('sent');
    const [row] = await mailsTo(DANA);
    expect(row).toMatchObject({ status: 'sent' });
    // The binding gives the mail its own Message-ID: the next mail of the thread must answer that one.
    expect(row!.message_id).not.toContain('parley.localhost');
  });

  it('go through Mailgun when configured so, and are marked failed when it refuses', async () => {
    const mailgun = { ...sending, MAIL_PROVIDER: 'mailgun', MAILGUN_DOMAIN: 'mg.shop.test', MAILGUN_API_BASE: 'https://mailgun.test' } as Env;
    expect(await sendMail({ ...mailgun, MAILGUN_API_KEY: MAILGUN_KEY }, { to: DANA, subject: 'Hello', fromName: 'Demo shop', text: 'Over HTTP', thread: { kind: 'ticket', id: ulid() } })).toBe('sent');
    const received = (await (await fetch('https://mailgun.test/received')).json()) as Array<Record<string, unknown>>;
    expect(received.at(-1)).toMatchObject({ domain: 'mg.shop.test', to: DANA, subject: 'Hello', from: { name: 'Demo shop', address: 'chat@shop.test' } });
    expect(String(received.at(-1)!.replyTo)).toMatch(/^<reply\+t[0-9a-z]{26}\.[0-9a-f]{20}@shop\.test>$/);
    expect(await sendMail({ ...mailgun, MAILGUN_API_KEY: 'wrong' }, { to: DANA, subject: 'Refused', text: 'x' })).toBe('failed');
    expect(await sendMail(mailgun, { to: DANA, subject: 'Not configured', text: 'x' })).toBe('failed');
    expect((await mailsTo(DANA)).map((m) => [m.subject, m.status])).toEqual([
      ['Hello', 'sent'],
      ['Refused', 'failed'],
      ['Not configured', 'failed'],
    ]);
  });
});
