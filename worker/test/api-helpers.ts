/** What the public API tests share: a token made the way an admin makes one, and calls with it. */
import { expect } from 'vitest';
import type { ApiScope, NewApiToken } from '../../protocol/public-api';
import { API_SCOPES } from '../../protocol/public-api';
import { ADMIN, send } from './admin-helpers';
import { call, json, signIn } from './helpers';

export async function apiToken(scopes: readonly ApiScope[] = API_SCOPES, extra: { name?: string; ratePerMinute?: number } = {}): Promise<NewApiToken> {
  const res = await send('POST', '/api/admin/api-tokens', await signIn(ADMIN), { name: extra.name ?? 'CRM sync', scopes, ...extra });
  expect(res.status).toBe(201);
  return res.json();
}

/** A public API call; no Origin, as a server-to-server client sends none. */
export const api = (method: string, path: string, token: string | null, body?: unknown) =>
  call(path, {
    method,
    headers: { Origin: '', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : json(body) }),
  });
