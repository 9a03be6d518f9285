/** Sign-in throttling per email and per IP, and agents changing their own password. */
import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { THROTTLE_WINDOW_MS } from '../auth/throttle';
import worker from '../index';
import { AGENT, auditActions, send } from './admin-helpers';
import { call, errorOf, json, signIn } from './helpers';

const attempt = (email: string, password: string, ip = '203.0.113.7') =>
  call('/api/auth/sign-in', { method: 'POST', headers: { 'CF-Connecting-IP': ip }, body: json({ email, password }) });

describe('sign-in throttling', () => {
  it('after 5 failures for one email from one IP, refuses even the right password there, saying when to retry', async () => {
    for (let i = 0; i < 5; i++) expect((await attempt(AGENT, 'wrong guess', '198.51.100.7')).status).toBe(401);
    const res = await attempt(AGENT, 'parley-demo', '198.51.100.7');
    expect(res.status).toBe(429);
    expect(await errorOf(res)).toEqual({ code: 'throttled', message: 'Too many failed sign-ins; try again in 15 minutes' });
    expect(Number(res.headers.get('Retry-After'))).toBeGreaterThan(14 * 60);
    // A stranger's wrong guesses do not lock the agent out: from their own address they sign in.
    expect((await attempt(AGENT, 'parley-demo', '198.51.100.99')).status).toBe(200);
    // Other accounts are unaffected.
    expect((await attempt('bob@example.com', 'parley-demo', '198.51.100.7')).status).toBe(200);
  });

  it('after 50 failures for one email from many IPs, refuses it everywhere', async () => {
    for (let i = 0; i < 50; i++) await attempt(AGENT, 'wrong guess', `198.51.${Math.floor(i / 4)}.${i}`);
    const res = await attempt(AGENT, 'parley-demo', '203.0.113.200');
    expect(res.status).toBe(429);
    expect((await errorOf(res)).code).toBe('throttled');
    // Fifty PBKDF2 checks: seconds on a busy two-core machine.
  }, 30_000);

  it('after 30 failures from one IP, refuses every email from it, but not from elsewhere', async () => {
    for (let i = 0; i < 30; i++) await attempt(`nobody${i}@example.com`, 'guess', '192.0.2.1');
    const res = await attempt('bob@example.com', 'parley-demo', '192.0.2.1');
    expect(res.status).toBe(429);
    expect((await errorOf(res)).code).toBe('throttled');
    expect((await attempt('bob@example.com', 'parley-demo', '192.0.2.2')).status).toBe(200);
  }, 30_000);

  it('forgets failure counts whose window is over, in the daily cron', async () => {
    await env.DB.prepare("INSERT INTO rate_counters (key, count, window_ends) VALUES ('ip:192.0.2.50', 3, ?), ('ip:192.0.2.51', 3, ?)")
      .bind(Date.now() - 1000, Date.now() + THROTTLE_WINDOW_MS)
      .run();
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ cron: '0 3 * * *' }), env, ctx);
    await waitOnExecutionContext(ctx);
    const { results } = await env.DB.prepare('SELECT key FROM rate_counters').all();
    expect(results).toEqual([{ key: 'ip:192.0.2.51' }]);
  });

  it('a right password clears the email’s failures', async () => {
    for (let i = 0; i < 4; i++) await attempt(AGENT, 'wrong guess');
    expect((await attempt(AGENT, 'parley-demo')).status).toBe(200);
    for (let i = 0; i < 4; i++) await attempt(AGENT, 'wrong guess');
    expect((await attempt(AGENT, 'parley-demo')).status).toBe(200);
  });
});

describe('changing one’s own password', () => {
  it('needs the current password, then signs out every other session', async () => {
    const here = await signIn(AGENT);
    const elsewhere = await signIn(AGENT);
    const wrong = await send('POST', '/api/auth/password', here, { current: 'not it', password: 'a new long passphrase' });
    expect(wrong.status).toBe(400);
    expect(await errorOf(wrong)).toEqual({ code: 'invalid_credentials', message: 'The current password is wrong', field: 'current' });
    const short = await send('POST', '/api/auth/password', here, { current: 'parley-demo', password: 'short' });
    expect((await errorOf(short)).field).toBe('password');

    expect((await send('POST', '/api/auth/password', here, { current: 'parley-demo', password: 'a new long passphrase' })).status).toBe(204);
    expect((await call('/api/auth/me', { cookie: here })).status).toBe(200);
    expect((await call('/api/auth/me', { cookie: elsewhere })).status).toBe(401);
    expect((await attempt(AGENT, 'parley-demo')).status).toBe(401);
    expect((await attempt(AGENT, 'a new long passphrase')).status).toBe(200);
    expect(await auditActions()).toEqual([{ agent_id: 'agent-alice', action: 'agent.password_changed', target: 'agent-alice' }]);
  });

  it('needs a session', async () => {
    const res = await call('/api/auth/password', { method: 'POST', body: json({ current: 'parley-demo', password: 'a new long passphrase' }) });
    expect(res.status).toBe(401);
  });
});
