/**
 * An event leaves Parley here: one delivery row per endpoint that wants it (the log the admin
 * page shows), and one Queue message per delivery, which `delivery.ts` consumes. Each event has
 * an id of its own, the same however often it is published, so a repeat (an outbox flush retried)
 * adds no second delivery and a receiver can de-duplicate by `webhook-id`.
 */
import { waitUntil } from 'cloudflare:workers';
import { ulid } from '../../protocol/ids';
import type { WebhookEventType, WebhookPayload } from '../../protocol/public-api';
import type { Env } from '../env';
import { subscribers } from './subscribers';

export interface WebhookEvent {
  /** `msg_…`, `evt_…`: stable for the same happening. */
  id: string;
  type: WebhookEventType;
  at: number;
  data: Record<string, unknown>;
}

export async function publish(env: Env, events: WebhookEvent[]): Promise<void> {
  const deliveries: Array<{ id: string; webhookId: string; event: WebhookEvent }> = [];
  for (const event of events) {
    for (const webhookId of await subscribers(env.DB, event.type)) deliveries.push({ id: ulid(), webhookId, event });
  }
  if (!deliveries.length) return;
  const now = Date.now();
  const stored = await env.DB.batch(
    deliveries.map(({ id, webhookId, event }) => {
      const payload: WebhookPayload = { type: event.type, timestamp: new Date(event.at).toISOString(), data: event.data };
      return env.DB.prepare(
        `INSERT INTO webhook_deliveries (id, webhook_id, event_id, event, payload, status, attempts, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, 'pending', 0, ?6, ?6) ON CONFLICT (webhook_id, event_id) DO NOTHING RETURNING id`,
      ).bind(id, webhookId, event.id, event.type, JSON.stringify(payload), now);
    }),
  );
  const fresh = stored.flatMap((r) => (r.results as Array<{ id: string }>).map((row) => ({ body: { deliveryId: row.id } })));
  // A Queue batch holds at most 100 messages.
  for (let i = 0; i < fresh.length; i += 100) await env.WEBHOOKS.sendBatch(fresh.slice(i, i + 100));
}

/** For the domain functions outside a Durable Object (tickets, contacts, ratings): published after the answer, never failing it. */
export function publishLater(env: Env, event: WebhookEvent): void {
  waitUntil(
    publish(env, [event]).catch((err) => {
      console.error(`[webhooks] publishing ${event.type}`, err);
    }),
  );
}
