import { asc, eq } from 'drizzle-orm';
import type { SiteStatusResponse } from '../../protocol/api';
import type { Availability } from '../../protocol/chat';
import type { QueueRef } from '../conversation/conversation-do';
import { database } from '../db/client';
import { queues, routingRules, sites } from '../db/schema';
import { queueStub, type Env } from '../env';
import { HttpError } from '../http/errors';
import { baseLanguage } from '../queue/routing';
import { isWithinHours } from './business-hours';

export async function requireSite(db: D1Database, siteId: string) {
  const [site] = await database(db).select().from(sites).where(eq(sites.id, siteId)).limit(1);
  if (!site) throw new HttpError(404, { code: 'not_found', message: `No site "${siteId}"` });
  return site;
}

const toRef = (q: typeof queues.$inferSelect): QueueRef => ({ id: q.id, name: q.name, offerTimeoutMs: q.offerTimeoutSeconds * 1000 });

export async function requireQueue(db: D1Database, queueId: string): Promise<QueueRef & { siteId: string }> {
  const [queue] = await database(db).select().from(queues).where(eq(queues.id, queueId)).limit(1);
  if (!queue) throw new HttpError(404, { code: 'not_found', message: `No queue "${queueId}"` });
  return { ...toRef(queue), siteId: queue.siteId };
}

/**
 * The queue a new chat goes to: the first routing rule (by position) that its pre-chat answers or
 * its language match; with none, the site's first queue.
 */
export async function chooseQueue(
  db: D1Database,
  siteId: string,
  visitor: { language: string | null; answers: Record<string, string> },
): Promise<QueueRef> {
  const rules = await database(db)
    .select({ field: routingRules.field, value: routingRules.value, queue: queues })
    .from(routingRules)
    .innerJoin(queues, eq(queues.id, routingRules.queueId))
    .where(eq(routingRules.siteId, siteId))
    .orderBy(asc(routingRules.position));
  const matches = (field: string, value: string) =>
    field === 'language'
      ? visitor.language !== null && baseLanguage(visitor.language) === baseLanguage(value)
      : visitor.answers[field] === value;
  const rule = rules.find((r) => matches(r.field, r.value));
  if (rule) return toRef(rule.queue);
  const [first] = await database(db).select().from(queues).where(eq(queues.siteId, siteId)).orderBy(asc(queues.createdAt), asc(queues.id)).limit(1);
  if (!first) throw new HttpError(409, { code: 'chat_closed', message: 'This site has no queue to take chats' });
  return toRef(first);
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
  };
}
