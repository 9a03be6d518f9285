/** Sign-in throttling per email and per IP, and agents changing their own password. */
import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { admitSignIn, MAX_EMAIL_IP_FAILURES, THROTTLE_WINDOW_MS, UNDER_ATTACK_ATTEMPTS } from '../auth/throttle';
import { FAKE_TURNSTILE } from '../auth/turnstile';
import { app } from '../app';
import worker from '../index';
import { AGENT, auditActions, send } from './admin-helpers';
import { call, errorOf, json, ORIGIN, signIn } from './helpers';

const attempt = (email: string, password: string, ip = '203.0.113.7', turnstileToken?: string) =>
  call('/api/auth/sign-in', { method: 'POST', headers: { 'CF-Connecting-IP': ip }, body: json({ email, password, ...(turnstileToken ? { turnstileToken } : {}) }) });

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

describe('sign-in under attack', () => {
  it('counts and checks each attempt in one step: of 20 wrong passwords sent at once, 5 are checked', async () => {
    // Through the app itself, so the 20 requests truly overlap (SELF hands them over one by one).
    const body = json({ email: AGENT, password: 'wrong guess' });
    const headers = { Origin: ORIGIN, 'Content-Type': 'application/json', 'CF-Connecting-IP': '198.51.100.30' };
    const answers = await Promise.all(Array.from({ length: 20 }, () => app.request(`${ORIGIN}/api/auth/sign-in`, { method: 'POST', headers, body }, env)));
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 401)).toHaveLength(MAX_EMAIL_IP_FAILURES);
    expect(statuses.filter((s) => s === 429)).toHaveLength(20 - MAX_EMAIL_IP_FAILURES);
  }, 30_000);

  it('never refuses the right password from an address the agent has signed in from', async () => {
    expect((await attempt(AGENT, 'parley-demo', '198.51.100.50')).status).toBe(200);
    for (let i = 0; i < 60; i++) await attempt(AGENT, 'wrong guess', `203.0.${Math.floor(i / 4)}.${i}`);
    expect((await attempt(AGENT, 'parley-demo', '198.51.100.50')).status).toBe(200);
  }, 30_000);

  it('asks a new address for a Turnstile challenge once the account is under attack, and lets the right password through with it', async () => {
    for (let i = 0; i <= UNDER_ATTACK_ATTEMPTS; i++) await attempt(AGENT, 'wrong guess', `203.0.113.${i}`);
    const challenge = (await (await call('/api/auth/challenge')).json()) as { siteKey: string | null };
    expect(challenge).toEqual({ siteKey: FAKE_TURNSTILE.siteKey });

    const bare = await attempt(AGENT, 'parley-demo', '192.0.2.80');
    expect(bare.status).toBe(429);
    expect(await errorOf(bare)).toEqual({
      code: 'throttled',
      message: 'This account has had many failed sign-ins; confirm you are a person to go on',
      field: 'turnstileToken',
    });
    const forged = await attempt(AGENT, 'parley-demo', '192.0.2.81', 'made-up');
    expect(await errorOf(forged)).toMatchObject({ code: 'throttled', field: 'turnstileToken' });
    // A solved challenge buys one check of the password, not a pass for the wrong one.
    expect((await attempt(AGENT, 'wrong guess', '192.0.2.82', FAKE_TURNSTILE.passToken)).status).toBe(401);
    expect((await attempt(AGENT, 'parley-demo', '192.0.2.83', FAKE_TURNSTILE.passToken)).status).toBe(200);
  }, 30_000);
});

describe('sign-in under attack without Turnstile keys', () => {
  it('refuses new addresses until the window ends, and still lets the agent in from their own', async () => {
    const withoutTurnstile = { ...env, TURNSTILE_FAKE: undefined };
    expect((await attempt(AGENT, 'parley-demo', '198.51.100.60')).status).toBe(200);
    for (let i = 0; i <= UNDER_ATTACK_ATTEMPTS; i++) await attempt(AGENT, 'wrong guess', `203.0.113.${i}`);
    await expect(admitSignIn(withoutTurnstile, { email: AGENT, ip: '192.0.2.90', turnstileToken: FAKE_TURNSTILE.passToken })).rejects.toMatchObject({
      status: 429,
      error: { code: 'throttled', message: 'Too many failed sign-ins; try again in 15 minutes' },
    });
    await expect(admitSignIn(withoutTurnstile, { email: AGENT, ip: '198.51.100.60' })).resolves.toBeUndefined();
  }, 30_000);
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
