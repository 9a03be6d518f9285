/**
 * The public API's door: a Bearer token (`tokens.ts`), the scope the route asks for, and the
 * token's own rate limit, counted in D1 so it holds across Worker instances.
 */
import { createMiddleware } from 'hono/factory';
import type { ApiScope } from '../../protocol/public-api';
import type { AppEnv } from '../http/app-env';
import { HttpError } from '../http/errors';
import { countUpWindows } from '../http/rate-counters';
import { tokenCaller } from './tokens';

const MINUTE = 60_000;
/** Last use is written at most this often, so a busy token costs no extra write per request. */
const LAST_USED_EVERY = MINUTE;

/** Sets `c.var.apiToken`, and `c.var.agent` to the admin the token acts as. */
export const requireToken = createMiddleware<AppEnv>(async (c, next) => {
  const { token, agent } = await tokenCaller(c.env.DB, c.req.header('Authorization'));
  const now = Date.now();
  const [counted] = await countUpWindows(c.env.DB, [`api-token:${token.id}`], MINUTE, now);
  if (counted!.count > token.ratePerMinute) {
    const seconds = Math.max(1, Math.ceil((counted!.windowEnds - now) / 1000));
    throw new HttpError(429, { code: 'rate_limited', message: `This token may make ${token.ratePerMinute} requests a minute` }, { 'Retry-After': String(seconds) });
  }
  if (token.lastUsedAt === null || token.lastUsedAt < now - LAST_USED_EVERY) {
    c.executionCtx.waitUntil(c.env.DB.prepare('UPDATE api_tokens SET last_used_at = ?1 WHERE id = ?2').bind(now, token.id).run());
  }
  c.set('apiToken', token);
  c.set('agent', agent);
  await next();
});

/** After `requireToken`: 403 unless the token has `scope`. */
export const requireScope = (scope: ApiScope) =>
  createMiddleware<AppEnv>(async (c, next) => {
    if (!c.var.apiToken.scopes.includes(scope)) {
      throw new HttpError(403, { code: 'insufficient_scope', message: `This token lacks the ${scope} scope` }, { 'WWW-Authenticate': `Bearer error="insufficient_scope", scope="${scope}"` });
    }
    await next();
  });
