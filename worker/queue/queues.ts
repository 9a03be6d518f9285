/** Queues in D1: the lookup every route uses, and the queue a new chat goes to. */
import { asc, eq, inArray } from 'drizzle-orm';
import type { AdminQueue } from '../../protocol/admin-api';
import { database } from '../db/client';
import { queueMembers, queues, routingRules } from '../db/schema';
import { HttpError } from '../http/errors';
import type { QueueRef } from './queue-types';
import { baseLanguage } from './routing';

export type QueueRow = typeof queues.$inferSelect;

export const queueRef = (q: QueueRow): QueueRef => ({ id: q.id, name: q.name, offerTimeoutMs: q.offerTimeoutSeconds * 1000 });

/** The queue's row, or a 404 naming it. */
export async function requireQueue(db: D1Database, queueId: string): Promise<QueueRow> {
  const [queue] = await database(db).select().from(queues).where(eq(queues.id, queueId)).limit(1);
  if (!queue) throw new HttpError(404, { code: 'not_found', message: `No queue "${queueId}"` });
  return queue;
}

/** Refuses queue ids that do not exist, naming the field. */
export async function requireQueues(db: D1Database, queueIds: string[], field = 'queueIds'): Promise<void> {
  if (queueIds.length === 0) return;
  const found = await database(db).select({ id: queues.id }).from(queues).where(inArray(queues.id, queueIds));
  const missing = queueIds.find((q) => !found.some((f) => f.id === q));
  if (missing) throw new HttpError(400, { code: 'invalid_request', message: `${field}: no queue "${missing}"`, field });
}

/** Queues as admins see them, with their members; all of them, or the one `id` names. */
export async function listQueues(db: D1Database, id?: string): Promise<AdminQueue[]> {
  const d = database(db);
  const rows = await d.select().from(queues).where(id ? eq(queues.id, id) : undefined).orderBy(asc(queues.createdAt), asc(queues.id));
  const members = await d.select().from(queueMembers);
  return rows.map((q) => ({
    id: q.id,
    siteId: q.siteId,
    name: q.name,
    offerTimeoutSeconds: q.offerTimeoutSeconds,
    agentIds: members.filter((m) => m.queueId === q.id).map((m) => m.agentId),
  }));
}

export async function adminQueue(db: D1Database, id: string): Promise<AdminQueue> {
  await requireQueue(db, id);
  return (await listQueues(db, id))[0]!;
}

/**
 * The queue a new chat goes to: the first routing rule (by position) that its pre-chat answers or
 * its language match; with none, the site's first queue; null if the site has no queue at all.
 */
export async function findQueue(
  db: D1Database,
  siteId: string,
  visitor: { language: string | null; answers: Record<string, string> },
): Promise<QueueRef | null> {
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
  if (rule) return queueRef(rule.queue);
  const [first] = await database(db).select().from(queues).where(eq(queues.siteId, siteId)).orderBy(asc(queues.createdAt), asc(queues.id)).limit(1);
  return first ? queueRef(first) : null;
}

/** `findQueue` for a chat, which cannot start without a queue. */
export async function chooseQueue(db: D1Database, siteId: string, visitor: { language: string | null; answers: Record<string, string> }): Promise<QueueRef> {
  const queue = await findQueue(db, siteId, visitor);
  if (!queue) throw new HttpError(409, { code: 'chat_closed', message: 'This site has no queue to take chats' });
  return queue;
}
