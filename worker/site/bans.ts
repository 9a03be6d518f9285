/** Banned visitors: refused by every visitor route, matched by their visitor id or their IP. */
import { and, eq, or } from 'drizzle-orm';
import { createMiddleware } from 'hono/factory';
import { database } from '../db/client';
import { bans } from '../db/schema';
import type { AppEnv } from '../http/app-env';
import { clientIp } from '../http/client-ip';
import { HttpError } from '../http/errors';

export async function isBanned(db: D1Database, siteId: string, visitorId: string | null, ip: string | null): Promise<boolean> {
  const who = [visitorId ? eq(bans.visitorId, visitorId) : undefined, ip ? eq(bans.ip, ip) : undefined].filter((c) => c !== undefined);
  if (!who.length) return false;
  const rows = await database(db).select({ id: bans.id }).from(bans).where(and(eq(bans.siteId, siteId), or(...who))).limit(1);
  return rows.length > 0;
}

export async function refuseIfBanned(db: D1Database, siteId: string, visitorId: string | null, request: Request): Promise<void> {
  if (await isBanned(db, siteId, visitorId, clientIp(request))) {
    throw new HttpError(403, { code: 'banned', message: 'This chat is closed to you' });
  }
}

/** After requireVisitor: the visitor of the token must not be banned. */
export const refuseBanned = createMiddleware<AppEnv>(async (c, next) => {
  const { siteId, visitorId } = c.var.visitor;
  await refuseIfBanned(c.env.DB, siteId, visitorId, c.req.raw);
  await next();
});
