/**
 * Which endpoints want which events, read from D1 at most once per isolate every few seconds: every
 * chat's flush asks, and with no webhook set up the answer must cost next to nothing.
 *
 * The answer is kept, never the pending query: a promise made in one request's I/O context and
 * awaited from another's can wait forever in workerd once the first request is gone, and a chat's
 * outbox flush waiting forever would stop its D1 copy.
 */
import { eq } from 'drizzle-orm';
import type { WebhookEventType } from '../../protocol/public-api';
import { database } from '../db/client';
import { webhooks } from '../db/schema';

/** A change made in another isolate is seen after at most this long. */
const FRESH_MS = 10_000;

let cached: { at: number; list: Array<{ id: string; events: string[] }> } | null = null;
/** Bumped by every change, so a read that started before one does not keep its stale answer. */
let generation = 0;

/** A change made here is seen at once. */
export function forgetSubscribers(): void {
  cached = null;
  generation++;
}

export async function subscribers(db: D1Database, event: WebhookEventType, now = Date.now()): Promise<string[]> {
  let list = cached && now - cached.at <= FRESH_MS ? cached.list : null;
  if (!list) {
    const asked = generation;
    list = await database(db).select({ id: webhooks.id, events: webhooks.events }).from(webhooks).where(eq(webhooks.enabled, true));
    if (asked === generation) cached = { at: now, list };
  }
  return list.filter((w) => w.events.includes(event)).map((w) => w.id);
}
