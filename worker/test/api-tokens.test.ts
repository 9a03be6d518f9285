/** API tokens: made by admins, shown once, kept hashed, scoped, revocable, rate limited. */
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import type { ApiToken } from '../../protocol/public-api';
import { sha256 } from '../auth/encoding';
import { ADMIN, AGENT, auditActions, send } from './admin-helpers';
import { api, apiToken } from './api-helpers';
import { call, errorOf, signIn } from './helpers';

describe('API tokens', () => {
  it('are shown once, stored only as a hash, listed with their prefix and last use', async () => {
    const { token, apiToken: made } = await apiToken(['conversations:read']);
    expect(token).toMatch(/^parley_[\w-]{40,}$/);
    expect(made).toMatchObject({ name: 'CRM sync', scopes: ['conversations:read'], ratePerMinute: 120, lastUsedAt: null, createdBy: 'agent-admin' });
    expect(token.startsWith(made.prefix)).toBe(true);
    const row = await env.DB.prepare('SELECT * FROM api_tokens WHERE id = ?').bind(made.id).first<Record<string, unknown>>();
    expect(Object.values(row!)).not.toContain(token);
    expect(row!.token_hash).toBe(await sha256(token));

    expect((await api('GET', '/api/v1/conversations', token)).status).toBe(200);
    const admin = await signIn(ADMIN);
    const listed = (await (await send('GET', '/api/admin/api-tokens', admin)).json()) as { apiTokens: ApiToken[] };
    expect(listed.apiTokens).toHaveLength(1);
    expect(listed.apiTokens[0]!.lastUsedAt).toBeGreaterThan(0);
    expect(JSON.stringify(listed)).not.toContain(token);
    expect((await auditActions()).map((a) => a.action)).toContain('api_token.created');
  });

  it('are for admins only, and bad bodies are refused with the field named', async () => {
    const alice = await signIn(AGENT);
    expect((await send('POST', '/api/admin/api-tokens', alice, { name: 'x', scopes: ['contacts:read'] })).status).toBe(403);
    expect((await send('GET', '/api/admin/api-tokens', alice)).status).toBe(403);
    const admin = await signIn(ADMIN);
    for (const [body, field] of [
      [{ name: '', scopes: ['contacts:read'] }, 'name'],
      [{ name: 'x', scopes: [] }, 'scopes'],
      [{ name: 'x', scopes: ['everything'] }, 'scopes.0'],
      [{ name: 'x', scopes: ['contacts:read'], ratePerMinute: 0 }, 'ratePerMinute'],
      [{ name: 'x', scopes: ['contacts:read'], ratePerMinute: 1.5 }, 'ratePerMinute'],
    ] as const) {
      const res = await send('POST', '/api/admin/api-tokens', admin, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(await errorOf(res)).toMatchObject({ code: 'invalid_request', field });
    }
    const broken = await send('POST', '/api/admin/api-tokens', admin, undefined);
    expect(broken.status).toBe(400);
    expect((await send('DELETE', '/api/admin/api-tokens/nope', admin)).status).toBe(404);
  });

  it('refuse a missing, unknown or revoked token with a coded 401, and a missing scope with 403', async () => {
    const { token, apiToken: made } = await apiToken(['contacts:read']);
    const none = await api('GET', '/api/v1/contacts', null);
    expect(none.status).toBe(401);
    expect(none.headers.get('WWW-Authenticate')).toMatch(/^Bearer/);
    expect((await errorOf(none)).code).toBe('unauthenticated');
    expect((await errorOf(await api('GET', '/api/v1/contacts', 'parley_guessed'))).code).toBe('invalid_token');
    const basic = await call('/api/v1/contacts', { headers: { Authorization: 'Basic YWRtaW46YWRtaW4=' } });
    expect(basic.status).toBe(401);
    expect((await errorOf(basic)).code).toBe('unauthenticated');

    const underScoped = await api('GET', '/api/v1/conversations', token);
    expect(underScoped.status).toBe(403);
    expect(await errorOf(underScoped)).toMatchObject({ code: 'insufficient_scope', message: 'This token lacks the conversations:read scope' });
    expect((await api('POST', '/api/v1/contacts', token, { siteId: 'demo-shop', name: 'Ann' })).status).toBe(403);
    expect((await api('GET', '/api/v1/contacts', token)).status).toBe(200);

    const admin = await signIn(ADMIN);
    expect((await send('DELETE', `/api/admin/api-tokens/${made.id}`, admin)).status).toBe(204);
    const revoked = await api('GET', '/api/v1/contacts', token);
    expect(revoked.status).toBe(401);
    expect((await errorOf(revoked)).code).toBe('token_revoked');
    expect((await send('DELETE', `/api/admin/api-tokens/${made.id}`, admin)).status).toBe(404);
    expect(((await (await send('GET', '/api/admin/api-tokens', admin)).json()) as { apiTokens: ApiToken[] }).apiTokens).toEqual([]);
    expect((await auditActions()).map((a) => a.action)).toContain('api_token.revoked');
  });

  it('stop working when the admin who made them is no longer an admin', async () => {
    const { token } = await apiToken(['contacts:read']);
    await env.DB.prepare("UPDATE agents SET role = 'agent' WHERE id = 'agent-admin'").run();
    const res = await api('GET', '/api/v1/contacts', token);
    expect(res.status).toBe(401);
    expect((await errorOf(res)).code).toBe('token_revoked');
  });

  it('have a rate limit per token: 429 with Retry-After past it, other tokens unaffected', async () => {
    const { token } = await apiToken(['contacts:read'], { ratePerMinute: 3 });
    const { token: other } = await apiToken(['contacts:read'], { name: 'Other' });
    for (let i = 0; i < 3; i++) expect((await api('GET', '/api/v1/contacts', token)).status).toBe(200);
    const limited = await api('GET', '/api/v1/contacts', token);
    expect(limited.status).toBe(429);
    expect((await errorOf(limited)).code).toBe('rate_limited');
    const wait = Number(limited.headers.get('Retry-After'));
    expect(wait).toBeGreaterThanOrEqual(1);
    expect(wait).toBeLessThanOrEqual(60);
    expect((await api('GET', '/api/v1/contacts', other)).status).toBe(200);
  });
});
