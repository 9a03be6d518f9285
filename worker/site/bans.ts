/**
 * Banned visitors: made from the workspace, listed and lifted by admins and supervisors, and
 * refused by every visitor route and socket, matched by their visitor id or their IP.
 */
import { and, desc, eq, or } from 'drizzle-orm';
import type { AdminBan } from '../../protocol/admin-api';
import { ulid } from '../../protocol/ids';
import { audit } from '../audit/audit';
import { createMiddleware } from 'hono/factory';
import { database } from '../db/client';
import { bans } from '../db/schema';
import type { AppEnv } from '../http/app-env';
import { clientIp } from '../http/client-ip';
import { siteStub, type Env } from '../env';
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

export interface NewBan {
  siteId: string;
  visitorId: string;
  /** Ban the IP address the visitor's widget last came from, too. */
  byIp: boolean;
  reason: string;
  conversationId: string;
}

/** Records the ban and closes the visitor's open widgets; the IP must be known to ban by it. */
export async function banVisitor(env: Env, ban: NewBan, byAgentId: string): Promise<{ id: string; byIp: boolean }> {
  const site = siteStub(env, ban.siteId);
  const ip = ban.byIp ? await site.ipOf(ban.visitorId) : null;
  if (ban.byIp && !ip) throw new HttpError(400, { code: 'invalid_request', message: "byIp: the visitor's IP address is not known", field: 'byIp' });
  const id = ulid();
  await database(env.DB)
    .insert(bans)
    .values({ id, siteId: ban.siteId, visitorId: ban.visitorId, ip, reason: ban.reason, createdBy: byAgentId, createdAt: Date.now() });
  await audit(env.DB, byAgentId, 'visitor.ban', ban.visitorId, { conversationId: ban.conversationId, byIp: ip !== null, reason: ban.reason });
  await site.banned(ban.visitorId);
  return { id, byIp: ip !== null };
}

export const listBans = async (db: D1Database): Promise<AdminBan[]> => database(db).select().from(bans).orderBy(desc(bans.createdAt));

export async function liftBan(db: D1Database, id: string, byAgentId: string): Promise<void> {
  const [ban] = await database(db).select().from(bans).where(eq(bans.id, id)).limit(1);
  if (!ban) throw new HttpError(404, { code: 'not_found', message: `No ban "${id}"` });
  await database(db).delete(bans).where(eq(bans.id, id));
  await audit(db, byAgentId, 'ban.lifted', id, { siteId: ban.siteId, visitorId: ban.visitorId });
}
