/** After the chat: rating and transcript, only for the visitor's own ended chat. */
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { ulid } from '../../protocol/ids';
import { DEMO_SITE } from '../demo/demo-data';
import { accept, agentSocket, call, errorOf, json, newVisitor, offerFor, onlineAgent, visitorWrites } from './helpers';

async function endedChat() {
  const alice = await onlineAgent('alice@example.com');
  const visitor = await visitorWrites('Where is my order?');
  await offerFor(alice.inbox, visitor.id);
  await accept(alice.cookie, visitor.id);
  const agent = await agentSocket(alice.cookie, visitor.id);
  agent.send({ type: 'message', clientId: ulid(), text: 'Only agents see this', private: true });
  agent.send({ type: 'message', clientId: ulid(), text: 'It ships today.' });
  await visitor.socket.waitFor((f) => f.type === 'message' && f.message.text === 'It ships today.');
  const end = await call('/api/visitor/conversation/end', { method: 'POST', token: visitor.token, body: json({}) });
  expect(end.status).toBe(200);
  return visitor;
}

const rate = (id: string, token: string, body: unknown, headers: Record<string, string> = {}) =>
  call(`/api/visitor/conversations/${id}/rating`, { method: 'POST', token, headers, body: json(body) });

describe('rating', () => {
  it('the visitor rates their ended chat; it is stored with the comment', async () => {
    const { id, token } = await endedChat();
    const res = await rate(id, token, { rating: 5, comment: 'Quick and kind' });
    expect(res.status).toBe(200);
    const row = await env.DB.prepare('SELECT rating, rating_comment FROM conversations WHERE id = ?').bind(id).first();
    expect(row).toEqual({ rating: 5, rating_comment: 'Quick and kind' });
  });

  it('refuses bad ratings, a chat still open, another visitor and a foreign origin', async () => {
    const { id, token } = await endedChat();
    for (const [body, field] of [[{ rating: 0 }, 'rating'], [{ rating: 2.5 }, 'rating'], [{ rating: '5' }, 'rating'], [{ rating: 3, comment: 'x'.repeat(4001) }, 'comment']] as const) {
      const res = await rate(id, token, body);
      expect(res.status).toBe(400);
      expect(await errorOf(res)).toMatchObject({ code: 'invalid_request', field });
    }
    const stranger = await newVisitor();
    const other = await rate(id, stranger.token, { rating: 1 });
    expect(other.status).toBe(404);
    expect((await errorOf(other)).code).toBe('not_found');
    const foreign = await rate(id, token, { rating: 1 }, { Origin: 'https://evil.example' });
    expect((await errorOf(foreign)).code).toBe('origin_not_allowed');

    const open = await visitorWrites('Still here');
    const early = await rate(open.id, open.token, { rating: 4 });
    expect(early.status).toBe(409);
    expect((await errorOf(early)).code).toBe('chat_not_ended');
  });
});

describe('transcript', () => {
  const mails = () => env.DB.prepare('SELECT "to", subject, text, status FROM mails').all<{ to: string; subject: string; text: string; status: string }>();

  it('mails the public messages only, to the address given', async () => {
    const { id, token } = await endedChat();
    // The log reaches D1 through the outbox: wait until the end of the chat is there.
    for (let tries = 0; !(await env.DB.prepare("SELECT 1 FROM messages WHERE conversation_id = ? AND event = 'ended'").bind(id).first()); tries++) {
      if (tries > 100) throw new Error('the chat never reached D1');
      await new Promise((r) => setTimeout(r, 20));
    }
    const res = await call(`/api/visitor/conversations/${id}/transcript`, { method: 'POST', token, body: json({ email: 'me@example.org' }) });
    expect(res.status).toBe(202);
    const { results } = await mails();
    expect(results).toHaveLength(1);
    const [mail] = results;
    expect(mail).toMatchObject({ to: 'me@example.org', status: 'kept' });
    expect(mail!.subject).toContain(DEMO_SITE.name);
    expect(mail!.text).toContain('Where is my order?');
    expect(mail!.text).toContain('Alice: It ships today.');
    expect(mail!.text).not.toContain('Only agents see this');
  });

  it('mails one chat’s transcript at most three times', async () => {
    const { id, token } = await endedChat();
    const send = () => call(`/api/visitor/conversations/${id}/transcript`, { method: 'POST', token, body: json({ email: 'me@example.org' }) });
    for (let i = 0; i < 3; i++) expect((await send()).status).toBe(202);
    const fourth = await send();
    expect(fourth.status).toBe(429);
    expect(await errorOf(fourth)).toMatchObject({ code: 'throttled' });
    expect((await mails()).results).toHaveLength(3);
  });

  it('mails at most ten transcripts an hour to one address, however many chats it starts', async () => {
    const ip = { 'CF-Connecting-IP': '198.51.100.23' };
    // Ten chats' worth from one address have been asked for already this hour.
    await env.DB.prepare("INSERT INTO rate_counters (key, count, window_ends) VALUES ('transcripts:198.51.100.23', 10, ?)").bind(Date.now() + 60_000).run();
    const { id, token } = await endedChat();
    const refused = await call(`/api/visitor/conversations/${id}/transcript`, { method: 'POST', token, headers: ip, body: json({ email: 'anyone@example.org' }) });
    expect(refused.status).toBe(429);
    expect(await errorOf(refused)).toEqual({ code: 'throttled', message: 'Too many transcripts asked for; try again in an hour' });
    expect((await mails()).results).toHaveLength(0);
    // Another address is not held back.
    const other = await call(`/api/visitor/conversations/${id}/transcript`, { method: 'POST', token, headers: { 'CF-Connecting-IP': '198.51.100.24' }, body: json({ email: 'me@example.org' }) });
    expect(other.status).toBe(202);
  });

  it('asks for an address when it has none, and refuses other visitors', async () => {
    const { id, token } = await endedChat();
    const res = await call(`/api/visitor/conversations/${id}/transcript`, { method: 'POST', token, body: json({}) });
    expect(res.status).toBe(400);
    expect(await errorOf(res)).toMatchObject({ code: 'invalid_request', field: 'email' });
    const bad = await call(`/api/visitor/conversations/${id}/transcript`, { method: 'POST', token, body: json({ email: 'nope' }) });
    expect(await errorOf(bad)).toMatchObject({ field: 'email' });
    const stranger = await newVisitor();
    const other = await call(`/api/visitor/conversations/${id}/transcript`, { method: 'POST', token: stranger.token, body: json({ email: 'x@example.org' }) });
    expect(other.status).toBe(404);
    expect((await mails()).results).toHaveLength(0);
  });
});
