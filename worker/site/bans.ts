import { and, eq, or } from 'drizzle-orm';
import { database } from '../db/client';
import { bans } from '../db/schema';

/** The caller's IP as Cloudflare reports it; null in tests and local dev without it. */
export const clientIp = (request: Request) => request.headers.get('CF-Connecting-IP');

/** Whether a visitor of a site is banned, by their id or by the IP they come from. */
export async function isBanned(db: D1Database, siteId: string, visitorId: string, ip: string | null): Promise<boolean> {
  const byWho = ip ? or(eq(bans.visitorId, visitorId), eq(bans.ip, ip)) : eq(bans.visitorId, visitorId);
  const [row] = await database(db).select({ id: bans.id }).from(bans).where(and(eq(bans.siteId, siteId), byWho)).limit(1);
  return row !== undefined;
}
