/**
 * Which endpoints want which events, read from D1 at most once per isolate every few seconds: every
 * chat's flush asks, and with no webhook set up the answer must cost next to nothing.
 */
import { eq } from 'drizzle-orm';
import type { WebhookEventType } from '../../protocol/public-api';
import { database } from '../db/client';
import { webhooks } from '../db/schema';

/** A change made in another isolate is seen after at most this long. */
const FRESH_MS = 10_000;

let cached: { at: number; list: Promise<Array<{ id: string; events: string[] }>> } | null = null;

/** A change made here is seen at once. */
export function forgetSubscribers(): void {
  cached = null;
}

export async function subscribers(db: D1Database, event: WebhookEventType, now = Date.now()): Promise<string[]> {
  if (!cached || now - cached.at > FRESH_MS) {
    const list = database(db).select({ id: webhooks.id, events: webhooks.events }).from(webhooks).where(eq(webhooks.enabled, true));
    cached = { at: now, list: Promise.resolve(list) };
    cached.list.catch(() => (cached = null));
  }
  return (await cached.list).filter((w) => w.events.includes(event)).map((w) => w.id);
}
