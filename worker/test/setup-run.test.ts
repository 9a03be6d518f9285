/** First run of a fresh deployment: the setup token creates the first admin and site, once. */
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { call, errorOf, json } from './helpers';

/** A deployment as `wrangler deploy` leaves it: migrated, no accounts, no sites. */
async function fresh() {
  await env.DB.batch(['sessions', 'queue_members', 'agents', 'queues', 'sites'].map((t) => env.DB.prepare(`DELETE FROM ${t}`)));
}

const form = { token: 'test-setup-token', name: 'Sam Owner', email: 'Sam@Shop.example', password: 'a long passphrase', siteName: 'Nordic Pottery!' };
const setup = (body: unknown, headers: Record<string, string> = {}) => call('/api/setup', { method: 'POST', headers, body: json(body) });

describe('first-run setup', () => {
  it('is not needed once accounts exist', async () => {
    expect(await (await call('/api/setup')).json()).toEqual({ needed: false });
    const res = await setup(form);
    expect(res.status).toBe(409);
    expect((await errorOf(res)).code).toBe('already_set_up');
  });

  it('creates the first admin, their site and its General queue, and signs them in', async () => {
    await fresh();
    expect(await (await call('/api/setup')).json()).toEqual({ needed: true });
    const res = await setup(form);
    expect(res.status).toBe(201);
    const body = (await res.json()) as { agent: { role: string; email: string }; site: { id: string; name: string } };
    expect(body.agent).toMatchObject({ role: 'admin', email: 'sam@shop.example', name: 'Sam Owner' });
    expect(body.site.id).toMatch(/^nordic-pottery-[0-9a-z]{4}$/);
    const cookie = res.headers.get('Set-Cookie')!.split(';')[0]!;
    expect(await (await call('/api/auth/me', { cookie })).json()).toMatchObject({ agent: { role: 'admin' } });

    const queue = await env.DB.prepare('SELECT q.name FROM queues q JOIN queue_members m ON m.queue_id = q.id WHERE q.site_id = ?').bind(body.site.id).first();
    expect(queue).toEqual({ name: 'General' });
    // The password works for a later sign-in; the setup cannot be run again.
    const signIn = await call('/api/auth/sign-in', { method: 'POST', body: json({ email: 'sam@shop.example', password: 'a long passphrase' }) });
    expect(signIn.status).toBe(200);
    expect((await setup(form)).status).toBe(409);
  });

  it('refuses a wrong token, a foreign origin and a bad form, creating nothing', async () => {
    await fresh();
    const wrong = await setup({ ...form, token: 'guess' });
    expect(wrong.status).toBe(403);
    expect(await errorOf(wrong)).toEqual({ code: 'forbidden', message: 'The setup token is wrong' });
    expect((await setup(form, { Origin: 'https://evil.example' })).status).toBe(403);
    for (const [change, field] of [
      [{ password: 'short' }, 'password'],
      [{ email: 'not-an-email' }, 'email'],
      [{ siteName: '  ' }, 'siteName'],
      [{ name: undefined }, 'name'],
    ] as const) {
      const res = await setup({ ...form, ...change });
      expect(res.status).toBe(400);
      expect((await errorOf(res)).field).toBe(field);
    }
    expect(await (await call('/api/setup')).json()).toEqual({ needed: true });
  });

  it('lets only one of two setups at once make an admin', async () => {
    await fresh();
    const results = await Promise.all([setup(form), setup({ ...form, email: 'other@shop.example' })]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    const admins = await env.DB.prepare("SELECT count(*) AS n FROM agents WHERE role = 'admin'").first();
    expect(admins).toEqual({ n: 1 });
  });
});
