import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../http/app-env';
import { HttpError } from '../http/errors';
import { readVisitorToken, type VisitorClaims } from './visitor-token';

/**
 * Refuses the request unless it carries a valid visitor token; sets `c.var.visitor`.
 * REST calls send it as a Bearer token; a browser cannot set headers on a WebSocket, so
 * sockets send it as `?token=`.
 */
export const requireVisitor = createMiddleware<AppEnv>(async (c, next) => {
  const claims = await visitorOf(c);
  if (!claims) throw new HttpError(401, { code: 'unauthenticated', message: 'A visitor token is required' });
  c.set('visitor', claims);
  await next();
});

/** The visitor the request's token names; null without a token; a 401 for a token that is not valid. */
export async function visitorOf(c: Context<AppEnv>): Promise<VisitorClaims | null> {
  const header = c.req.header('Authorization');
  const token = header?.startsWith('Bearer ') ? header.slice(7) : c.req.query('token');
  if (!token) return null;
  const claims = await readVisitorToken(token, c.env.PARLEY_SECRET);
  if (!claims) throw new HttpError(401, { code: 'unauthenticated', message: 'The visitor token is not valid' });
  return claims;
}
