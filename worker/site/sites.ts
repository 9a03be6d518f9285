import { eq } from 'drizzle-orm';
import type { SiteStatusResponse } from '../../protocol/api';
import type { Availability } from '../../protocol/chat';
import type { AgentRecord } from '../auth/session';
import { maySeeSite } from '../conversation/access';
import { database } from '../db/client';
import { queues, sites } from '../db/schema';
import { queueStub, type Env } from '../env';
import { HttpError } from '../http/errors';
import { isWithinHours } from './business-hours';
import { challengeSiteKey } from './under-attack';

export async function requireSite(db: D1Database, siteId: string) {
  const [site] = await database(db).select().from(sites).where(eq(sites.id, siteId)).limit(1);
  if (!site) throw new HttpError(404, { code: 'not_found', message: `No site "${siteId}"` });
  return site;
}

/** The site, for an agent who may watch its live visitors (`maySeeSite`); any other gets the same 404 as for no site. */
export async function requireWatchedSite(db: D1Database, agent: AgentRecord, siteId: string) {
  const site = await requireSite(db, siteId);
  if (!(await maySeeSite(db, agent, site.id))) throw new HttpError(404, { code: 'not_found', message: `No site "${siteId}"` });
  return site;
}

/** The sites whose live visitors the agent may watch, by name. */
export async function watchedSites(db: D1Database, agent: AgentRecord): Promise<Array<{ id: string; name: string }>> {
  const all = await database(db).select({ id: sites.id, name: sites.name }).from(sites).orderBy(sites.name);
  const allowed = await Promise.all(all.map((site) => maySeeSite(db, agent, site.id)));
  return all.filter((_, i) => allowed[i]);
}

/** What the widget is told before it shows itself: is chat on, is anyone there, is it open hours. */
export async function siteStatus(env: Env, site: typeof sites.$inferSelect): Promise<SiteStatusResponse> {
  const siteQueues = await database(env.DB).select({ id: queues.id }).from(queues).where(eq(queues.siteId, site.id));
  const views = await Promise.all(siteQueues.map((q) => queueStub(env, q.id).visitorView()));
  const presences = views.map((v) => v.presence);
  const availability: Availability = presences.includes('online') ? 'online' : presences.includes('away') ? 'away' : 'offline';
  const withinHours = isWithinHours(site.businessHours ?? null);
  const waits = views.map((v) => v.expectedWaitMs).filter((w): w is number => w !== null);
  return {
    chatEnabled: site.chatEnabled,
    availability,
    withinHours,
    canChat: site.chatEnabled && withinHours && availability === 'online',
    expectedWaitMs: waits.length ? Math.min(...waits) : null,
    challengeSiteKey: challengeSiteKey(env, site),
  };
}
