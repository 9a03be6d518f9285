/** A site under attack: the admin's switch that makes chats and messages left wait for a solved Turnstile challenge. */
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { FAKE_TURNSTILE } from '../auth/turnstile';
import { DEMO_SITE } from '../demo/demo-data';
import { requireChallengeAvailable } from '../site/under-attack';
import { ADMIN, AGENT, send } from './admin-helpers';
import { call, errorOf, json, newVisitor, signIn } from './helpers';

const status = async () => (await (await call(`/api/visitor/sites/${DEMO_SITE.id}/status`)).json()) as { challengeSiteKey: string | null };
const start = (token: string, body: Record<string, unknown> = {}) => call('/api/visitor/conversation', { method: 'POST', token, body: json(body) });
const leaveMessage = (body: Record<string, unknown> = {}) =>
  call('/api/visitor/tickets', { method: 'POST', body: json({ siteId: DEMO_SITE.id, name: 'Sam', email: 'sam@example.com', message: 'Hello', ...body }) });
const challengeRequired = { code: 'challenge_required', message: 'Confirm you are a person first', field: 'turnstileToken' };

async function underAttack(on: boolean) {
  const res = await send('PATCH', `/api/admin/sites/${DEMO_SITE.id}`, await signIn(ADMIN), { underAttack: on });
  expect(res.status).toBe(200);
  expect(await res.json()).toMatchObject({ site: { underAttack: on } });
}

describe('a site under attack', () => {
  it('asks for nothing while the switch is off', async () => {
    expect((await status()).challengeSiteKey).toBeNull();
    expect((await start((await newVisitor()).token)).status).toBe(201);
    expect((await leaveMessage()).status).toBe(201);
  });

  it('needs a solved challenge to start a chat, and tells the widget the site key', async () => {
    await underAttack(true);
    expect((await status()).challengeSiteKey).toBe(FAKE_TURNSTILE.siteKey);
    const { token } = await newVisitor();
    for (const body of [{}, { turnstileToken: 'made-up' }]) {
      const res = await start(token, body);
      expect(res.status).toBe(403);
      expect(await errorOf(res)).toEqual(challengeRequired);
    }
    expect((await start(token, { turnstileToken: FAKE_TURNSTILE.passToken })).status).toBe(201);
    await underAttack(false);
    expect((await start((await newVisitor()).token)).status).toBe(201);
  });

  it('needs a solved challenge to leave a message', async () => {
    await underAttack(true);
    const refused = await leaveMessage();
    expect(refused.status).toBe(403);
    expect(await errorOf(refused)).toEqual(challengeRequired);
    expect((await leaveMessage({ turnstileToken: FAKE_TURNSTILE.passToken })).status).toBe(201);
  });

  it('is for admins to switch, and only where Turnstile is set up', async () => {
    expect((await send('PATCH', `/api/admin/sites/${DEMO_SITE.id}`, await signIn(AGENT), { underAttack: true })).status).toBe(403);
    expect(() => requireChallengeAvailable({ ...env, TURNSTILE_FAKE: undefined }, true)).toThrow(
      'underAttack: set the Turnstile keys (TURNSTILE_SITE_KEY, TURNSTILE_SECRET_KEY) first',
    );
    expect(() => requireChallengeAvailable({ ...env, TURNSTILE_FAKE: undefined }, false)).not.toThrow();
  });
});
