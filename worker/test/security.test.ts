import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { DEMO_SITE } from '../demo/demo-data';
import { call, connect, errorOf, json, newVisitor, refusedUpgrade, signIn, startConversation } from './helpers';


describe('agent sign-in', () => {
  it('sets an HttpOnly session cookie and stores only a PBKDF2 hash of the password', async () => {
    const res = await call('/api/auth/sign-in', { method: 'POST', body: json({ email: 'Alice@Example.com', password: 'parley-demo' }) });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ agent: { id: 'agent-alice', email: 'alice@example.com', name: 'Alice', role: 'agent' } });
    const cookie = res.headers.get('Set-Cookie')!;
    expect(cookie).toMatch(/^parley_session=[\w-]{40,};/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const row = await env.DB.prepare('SELECT password_hash FROM agents WHERE id = ?').bind('agent-alice').first<{ password_hash: string }>();
    expect(row!.password_hash).toMatch(/^pbkdf2\$100000\$/);
    expect(row!.password_hash).not.toContain('parley-demo');
  });

  it('refuses a wrong password and an unknown email with the same answer', async () => {
    for (const body of [
      { email: 'alice@example.com', password: 'wrong' },
      { email: 'nobody@example.com', password: 'parley-demo' },
    ]) {
      const res = await call('/api/auth/sign-in', { method: 'POST', body: json(body) });
      expect(res.status).toBe(401);
      expect(res.headers.get('Set-Cookie')).toBeNull();
      expect(await errorOf(res)).toEqual({ code: 'invalid_credentials', message: 'Email or password is wrong' });
    }
  });

  it('names the field at fault in a bad sign-in request', async () => {
    const notJson = await call('/api/auth/sign-in', { method: 'POST', body: '{email' });
    expect(notJson.status).toBe(400);
    expect((await errorOf(notJson)).code).toBe('bad_json');

    const noEmail = await call('/api/auth/sign-in', { method: 'POST', body: json({ password: 'x' }) });
    expect(noEmail.status).toBe(400);
    expect(await errorOf(noEmail)).toMatchObject({ code: 'invalid_request', field: 'email' });

    const badEmail = await call('/api/auth/sign-in', { method: 'POST', body: json({ email: 'alice', password: 'x' }) });
    expect(await errorOf(badEmail)).toMatchObject({ code: 'invalid_request', field: 'email', message: 'email: must be an email address' });

    const wrongType = await call('/api/auth/sign-in', { method: 'POST', body: json({ email: 'alice@example.com', password: 42 }) });
    expect(await errorOf(wrongType)).toMatchObject({ code: 'invalid_request', field: 'password' });
  });

  it('refuses sign-in posted from another site', async () => {
    const res = await call('/api/auth/sign-in', {
      method: 'POST',
      headers: { Origin: 'https://evil.example' },
      body: json({ email: 'alice@example.com', password: 'parley-demo' }),
    });
    expect(res.status).toBe(403);
    expect(await errorOf(res)).toEqual({ code: 'origin_not_allowed', message: 'Origin https://evil.example is not allowed' });
  });

  it('ends the session on sign-out, so the old cookie opens nothing', async () => {
    const cookie = await signIn('bob@example.com');
    expect((await call('/api/auth/me', { cookie })).status).toBe(200);
    const out = await call('/api/auth/sign-out', { method: 'POST', cookie });
    expect(out.status).toBe(204);
    expect(out.headers.get('Set-Cookie')).toMatch(/parley_session=;/);
    const me = await call('/api/auth/me', { cookie });
    expect(me.status).toBe(401);
    expect(await errorOf(me)).toEqual({ code: 'unauthenticated', message: 'Sign in first' });
  });
});

describe('console API and agent sockets without a session', () => {
  it('refuses every console route', async () => {
    for (const [method, path] of [
      ['GET', '/api/auth/me'],
      ['GET', '/api/console/inbox'],
      ['PUT', '/api/console/status'],
      ['POST', '/api/console/offers/x/accept'],
      ['POST', '/api/console/offers/x/reject'],
    ] as const) {
      const res = await call(path, { method, cookie: 'parley_session=forged-token' });
      expect(res.status, `${method} ${path}`).toBe(401);
      expect((await errorOf(res)).code).toBe('unauthenticated');
    }
  });

  it('refuses the inbox and conversation sockets', async () => {
    expect(await refusedUpgrade('/ws/agent/inbox')).toMatchObject({ status: 401, body: { error: { code: 'unauthenticated' } } });
    expect(await refusedUpgrade('/ws/agent/conversations/x')).toMatchObject({ status: 401 });
  });

  it('refuses agent sockets opened from another origin, even with a session', async () => {
    const cookie = await signIn('alice@example.com');
    expect(await refusedUpgrade('/ws/agent/inbox', { cookie, origin: 'https://evil.example' })).toMatchObject({
      status: 403,
      body: { error: { code: 'origin_not_allowed' } },
    });
    expect(await refusedUpgrade('/ws/agent/inbox', { cookie, origin: null })).toMatchObject({
      status: 403,
      body: { error: { code: 'origin_not_allowed', message: 'Missing Origin header' } },
    });
  });

  it('lets an agent open only the conversations assigned to them', async () => {
    const bob = await signIn('bob@example.com');
    const { token } = await newVisitor();
    const { id } = await startConversation(token);
    expect(await refusedUpgrade(`/ws/agent/conversations/${id}`, { cookie: bob })).toMatchObject({
      status: 403,
      body: { error: { code: 'forbidden' } },
    });
  });

  it('answers a plain request to a socket route with 426', async () => {
    const res = await call('/ws/agent/inbox');
    expect(res.status).toBe(426);
    expect((await errorOf(res)).code).toBe('invalid_request');
  });
});

describe('visitor tokens', () => {
  it('are issued only to pages on an allowed origin of a known site', async () => {
    const evil = await call('/api/visitor/session', {
      method: 'POST',
      headers: { Origin: 'https://evil.example' },
      body: json({ siteId: DEMO_SITE.id }),
    });
    expect(evil.status).toBe(403);
    expect((await errorOf(evil)).code).toBe('origin_not_allowed');

    const unknown = await call('/api/visitor/session', { method: 'POST', body: json({ siteId: 'no-such-site' }) });
    expect(unknown.status).toBe(404);
    expect(await errorOf(unknown)).toEqual({ code: 'not_found', message: 'No site "no-such-site"' });

    const missing = await call('/api/visitor/session', { method: 'POST', body: json({}) });
    expect(await errorOf(missing)).toMatchObject({ code: 'invalid_request', field: 'siteId' });
  });

  it('accept pages on an origin the site lists', async () => {
    await env.DB.prepare(`UPDATE sites SET allowed_origins = '["https://shop.example"]' WHERE id = ?`).bind(DEMO_SITE.id).run();
    const res = await call('/api/visitor/session', {
      method: 'POST',
      headers: { Origin: 'https://shop.example' },
      body: json({ siteId: DEMO_SITE.id }),
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe('*');
  });

  it('are refused when missing, forged or tampered with', async () => {
    const { token } = await newVisitor();
    const [payload, signature] = token.split('.');
    const otherPayload = btoa(JSON.stringify({ v: 'someone-else', s: DEMO_SITE.id })).replace(/=+$/, '');
    for (const bad of [undefined, 'garbage', `${otherPayload}.${signature}`, `${payload}.${signature}x`, `${payload}`]) {
      const res = await call('/api/visitor/conversation', bad ? { token: bad } : {});
      expect(res.status, String(bad)).toBe(401);
      expect((await errorOf(res)).code).toBe('unauthenticated');
    }
  });

  it('open only that visitor’s own conversations', async () => {
    const owner = await newVisitor();
    const { id } = await startConversation(owner.token);
    const stranger = await newVisitor();
    expect(await refusedUpgrade(`/ws/visitor/conversations/${id}?token=${stranger.token}`)).toEqual({
      status: 404,
      body: { error: { code: 'not_found', message: 'No such conversation' } },
    });
    const own = await connect(`/ws/visitor/conversations/${id}?token=${owner.token}`);
    own.send({ type: 'hello', after: 0 });
    expect(await own.waitFor((f) => f.type === 'welcome')).toMatchObject({ conversation: { id } });
  });

  it('open the conversation socket only from an allowed origin', async () => {
    const { token } = await newVisitor();
    const { id } = await startConversation(token);
    expect(await refusedUpgrade(`/ws/visitor/conversations/${id}?token=${token}`, { origin: 'https://evil.example' })).toMatchObject({
      status: 403,
      body: { error: { code: 'origin_not_allowed' } },
    });
  });
});

it('answers unknown API paths with a JSON 404', async () => {
  const res = await call('/api/nope');
  expect(res.status).toBe(404);
  expect(await errorOf(res)).toEqual({ code: 'not_found', message: 'No such endpoint' });
});
