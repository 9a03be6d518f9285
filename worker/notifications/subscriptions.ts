/**
 * Agents' devices with push turned on, in D1. An endpoint is one browser profile, so it belongs
 * to whoever signed in there last; each agent keeps their newest few.
 */
import { and, count, desc, eq, inArray, notInArray } from 'drizzle-orm';
import type * as v from 'valibot';
import type { PushSubscriptionBody } from '../../protocol/notifications';
import { isPrivateHost } from '../cards/open-graph';
import { database } from '../db/client';
import { pushSubscriptions } from '../db/schema';
import { httpError } from '../http/errors';
import { importBrowserKey } from './web-push';

export type PushSubscriptionRow = typeof pushSubscriptions.$inferSelect;

/** An agent's phone, laptop, desktop and a few more; an older one past these stops getting pushes. */
const MAX_DEVICES = 10;

/**
 * Saves the device for the agent (or moves it to them from whoever had that browser before). The
 * Worker will post to the endpoint, so it must be a public https host, and the key a real point.
 */
export async function saveSubscription(db: D1Database, agentId: string, body: v.InferOutput<typeof PushSubscriptionBody>, origin: string): Promise<void> {
  if (isPrivateHost(new URL(body.endpoint).hostname)) throw httpError(400, 'invalid_request', 'endpoint: must be a push service on the internet', 'endpoint');
  try {
    await importBrowserKey(body.keys.p256dh);
  } catch {
    throw httpError(400, 'invalid_request', 'keys.p256dh: must be a P-256 public key', 'keys.p256dh');
  }
  const d = database(db);
  const row = { agentId, p256dh: body.keys.p256dh, auth: body.keys.auth, origin, createdAt: Date.now() };
  await d.insert(pushSubscriptions).values({ endpoint: body.endpoint, ...row }).onConflictDoUpdate({ target: pushSubscriptions.endpoint, set: row });
  const newest = d
    .select({ endpoint: pushSubscriptions.endpoint })
    .from(pushSubscriptions)
    .where(eq(pushSubscriptions.agentId, agentId))
    .orderBy(desc(pushSubscriptions.createdAt))
    .limit(MAX_DEVICES);
  await d.delete(pushSubscriptions).where(and(eq(pushSubscriptions.agentId, agentId), notInArray(pushSubscriptions.endpoint, newest)));
}

/** Turns push off for one of the agent's own devices; another agent's endpoint is not found. */
export async function deleteSubscription(db: D1Database, agentId: string, endpoint: string): Promise<void> {
  const gone = await database(db)
    .delete(pushSubscriptions)
    .where(and(eq(pushSubscriptions.endpoint, endpoint), eq(pushSubscriptions.agentId, agentId)))
    .returning({ endpoint: pushSubscriptions.endpoint });
  if (gone.length === 0) throw httpError(404, 'not_found', 'endpoint: push is not on for this device', 'endpoint');
}

export async function countSubscriptions(db: D1Database, agentId: string): Promise<number> {
  const [row] = await database(db).select({ n: count() }).from(pushSubscriptions).where(eq(pushSubscriptions.agentId, agentId));
  return row?.n ?? 0;
}

export function subscriptionsOf(db: D1Database, agentIds: string[]): Promise<PushSubscriptionRow[]> {
  return database(db).select().from(pushSubscriptions).where(inArray(pushSubscriptions.agentId, agentIds));
}

/** The push service says the device is gone (404, 410): it will never take a push again. */
export async function forgetSubscription(db: D1Database, endpoint: string): Promise<void> {
  await database(db).delete(pushSubscriptions).where(eq(pushSubscriptions.endpoint, endpoint));
}
