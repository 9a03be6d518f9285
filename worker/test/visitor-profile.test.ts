/** The visitor's name and email, identify() with the site's signature, and bans on every visitor route. */
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { ulid } from '../../protocol/ids';
import { DEMO_SITE } from '../demo/demo-data';
import { accept, call, errorOf, json, newVisitor, offerFor, onlineAgent, refusedUpgrade, startConversation, visitorWrites } from './helpers';

const SECRET = 'shop-identity-secret';

async function hmacHex(id: string, secret: string): Promise<string> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(id)));
  return [...mac].map((b) => b.toString(16).padStart(2, '0')).join('');
}

const giveSecret = () => env.DB.prepare('UPDATE sites SET identity_secret = ? WHERE id = ?').bind(SECRET, DEMO_SITE.id).run();
const visitorRow = (id: string) => env.DB.prepare('SELECT * FROM visitors WHERE id = ?').bind(id).first<Record<string, unknown>>();
const conversationRow = (id: string) => env.DB.prepare('SELECT * FROM conversations WHERE id = ?').bind(id).first<Record<string, unknown>>();

describe('profile', () => {
  it('the visitor gives a name and email; the open chat shows them to agents', async () => {
    const { token, visitorId } = await newVisitor();
    const chat = await startConversation(token);
    const res = await call('/api/visitor/profile', { method: 'PUT', token, body: json({ name: 'Maria Lopez', email: 'maria@example.org' }) });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ visitor: { name: 'Maria Lopez', email: 'maria@example.org', verified: false } });
    expect(await visitorRow(visitorId)).toMatchObject({ name: 'Maria Lopez', email: 'maria@example.org', verified: 0 });
    expect(await conversationRow(chat.id)).toMatchObject({ visitor_name: 'Maria Lopez', email: 'maria@example.org' });
    expect(await (await call('/api/visitor/profile', { token })).json()).toEqual({ visitor: { name: 'Maria Lopez', email: 'maria@example.org', verified: false } });
  });

  it('a new chat starts under the name the visitor gave', async () => {
    const { token } = await newVisitor();
    await call('/api/visitor/profile', { method: 'PUT', token, body: json({ name: 'Jo' }) });
    expect((await startConversation(token)).visitorName).toBe('Jo');
  });

  it('a name given during a chat reaches the agent at once', async () => {
    const alice = await onlineAgent('alice@example.com');
    const visitor = await visitorWrites('Hello');
    await offerFor(alice.inbox, visitor.id);
    await accept(alice.cookie, visitor.id);
    await call('/api/visitor/profile', { method: 'PUT', token: visitor.token, body: json({ name: 'Maria Lopez' }) });
    await alice.inbox.waitFor((f) => f.type === 'chat' && f.chat.id === visitor.id && f.chat.visitorName === 'Maria Lopez');
    await visitor.socket.waitFor((f) => f.type === 'conversation' && f.conversation.visitorName === 'Maria Lopez');
  });

  it('refuses bad input, no token and a foreign origin', async () => {
    const { token } = await newVisitor();
    const bad = await call('/api/visitor/profile', { method: 'PUT', token, body: json({ email: 'not-an-email' }) });
    expect(bad.status).toBe(400);
    expect(await errorOf(bad)).toEqual({ code: 'invalid_request', message: 'email: must be an email address', field: 'email' });
    const empty = await call('/api/visitor/profile', { method: 'PUT', token, body: json({}) });
    expect(await errorOf(empty)).toMatchObject({ code: 'invalid_request', message: 'must give a name or an email' });
    const anonymous = await call('/api/visitor/profile', { method: 'PUT', body: json({ name: 'X' }) });
    expect(anonymous.status).toBe(401);
    const foreign = await call('/api/visitor/profile', { method: 'PUT', token, headers: { Origin: 'https://evil.example' }, body: json({ name: 'X' }) });
    expect(foreign.status).toBe(403);
    expect((await errorOf(foreign)).code).toBe('origin_not_allowed');
  });
});

describe('identify', () => {
  it('a good hash marks the name and email verified', async () => {
    await giveSecret();
    const { token, visitorId } = await newVisitor();
    const hash = await hmacHex('user-42', SECRET);
    const res = await call('/api/visitor/identify', { method: 'POST', token, body: json({ id: 'user-42', name: 'Kim', email: 'kim@example.org', hash }) });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ visitor: { name: 'Kim', email: 'kim@example.org', verified: true } });
    expect(await visitorRow(visitorId)).toMatchObject({ external_id: 'user-42', verified: 1 });

    // Typing another name afterwards is the visitor's word, not the site's.
    await call('/api/visitor/profile', { method: 'PUT', token, body: json({ name: 'Kimberly' }) });
    expect(await visitorRow(visitorId)).toMatchObject({ name: 'Kimberly', verified: 0 });
  });

  it('a bad hash keeps the fields unverified and says so', async () => {
    await giveSecret();
    const { token, visitorId } = await newVisitor();
    const wrong = await hmacHex('someone-else', SECRET);
    const res = await call('/api/visitor/identify', { method: 'POST', token, body: json({ id: 'user-42', name: 'Kim', hash: wrong }) });
    expect(res.status).toBe(403);
    expect(await errorOf(res)).toMatchObject({ code: 'identity_not_verified', field: 'hash' });
    expect(await visitorRow(visitorId)).toMatchObject({ name: 'Kim', verified: 0 });
  });

  it('without a site secret nothing verifies', async () => {
    await env.DB.prepare('UPDATE sites SET identity_secret = NULL WHERE id = ?').bind(DEMO_SITE.id).run();
    const { token } = await newVisitor();
    const res = await call('/api/visitor/identify', { method: 'POST', token, body: json({ id: 'user-42', hash: await hmacHex('user-42', SECRET) }) });
    expect(res.status).toBe(403);
    expect((await errorOf(res)).message).toContain('no identity secret');
  });

  it('refuses a malformed hash and a foreign origin', async () => {
    const { token } = await newVisitor();
    const res = await call('/api/visitor/identify', { method: 'POST', token, body: json({ id: 'user-42', hash: 'abc' }) });
    expect(res.status).toBe(400);
    expect(await errorOf(res)).toMatchObject({ code: 'invalid_request', field: 'hash' });
    const foreign = await call('/api/visitor/identify', { method: 'POST', token, headers: { Origin: 'https://evil.example' }, body: json({ id: 'u', hash: 'a'.repeat(64) }) });
    expect((await errorOf(foreign)).code).toBe('origin_not_allowed');
  });
});

describe('bans', () => {
  const ban = (visitorId: string, ip: string | null = null) =>
    env.DB.prepare('INSERT INTO bans (id, site_id, visitor_id, ip, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .bind(ulid(), DEMO_SITE.id, visitorId, ip, 'agent-alice', Date.now())
      .run();

  it('a banned visitor is refused by every visitor route', async () => {
    const { token, visitorId } = await newVisitor();
    await ban(visitorId);
    const refusals = [
      call('/api/visitor/conversation', { token }),
      call('/api/visitor/conversation', { method: 'POST', token, body: json({}) }),
      call('/api/visitor/conversation/end', { method: 'POST', token, body: json({}) }),
      call('/api/visitor/profile', { method: 'PUT', token, body: json({ name: 'X' }) }),
      call('/api/visitor/identify', { method: 'POST', token, body: json({ id: 'u', hash: 'a'.repeat(64) }) }),
      call('/api/visitor/tickets', { method: 'POST', token, body: json({ siteId: DEMO_SITE.id, name: 'X', email: 'x@example.org', message: 'hi' }) }),
    ];
    for (const res of await Promise.all(refusals)) {
      expect(res.status).toBe(403);
      expect(await errorOf(res)).toEqual({ code: 'banned', message: 'This chat is closed to you' });
    }
  });

  it('a banned visitor cannot open their chat’s socket', async () => {
    const { token, visitorId } = await newVisitor();
    const chat = await startConversation(token);
    await ban(visitorId);
    const refused = await refusedUpgrade(`/ws/visitor/conversations/${chat.id}?token=${token}`);
    expect(refused).toEqual({ status: 403, body: { error: { code: 'banned', message: 'This chat is closed to you' } } });
  });

  it('a ban by IP refuses a fresh visitor from that address', async () => {
    await ban('old-visitor', '203.0.113.9');
    const res = await call('/api/visitor/session', { method: 'POST', headers: { 'CF-Connecting-IP': '203.0.113.9' }, body: json({ siteId: DEMO_SITE.id }) });
    expect(res.status).toBe(403);
    expect((await errorOf(res)).code).toBe('banned');
    const elsewhere = await call('/api/visitor/session', { method: 'POST', headers: { 'CF-Connecting-IP': '198.51.100.1' }, body: json({ siteId: DEMO_SITE.id }) });
    expect(elsewhere.status).toBe(201);
  });
});
