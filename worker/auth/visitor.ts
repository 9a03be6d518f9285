import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../http/app-env';
import { HttpError } from '../http/errors';
import { readVisitorToken } from './visitor-token';

/**
 * Refuses the request unless it carries a valid visitor token; sets `c.var.visitor`.
 * REST calls send it as a Bearer token; a browser cannot set headers on a WebSocket, so
 * sockets send it as `?token=`.
 */
export const requireVisitor = createMiddleware<AppEnv>(async (c, next) => {
  const header = c.req.header('Authorization');
  const token = header?.startsWith('Bearer ') ? header.slice(7) : c.req.query('token');
  if (!token) throw new HttpError(401, { code: 'unauthenticated', message: 'A visitor token is required' });
  const claims = await readVisitorToken(token, c.env.PARLEY_SECRET);
  if (!claims) throw new HttpError(401, { code: 'unauthenticated', message: 'The visitor token is not valid' });
  c.set('visitor', claims);
  await next();
});
