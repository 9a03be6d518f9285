/**
 * The Queue consumer: one attempt per message, signed afresh. A 2xx is delivered; anything else is
 * retried by the Queue with exponential backoff until its retries run out, when the message goes
 * to the dead-letter queue and the delivery is marked failed. An endpoint that has failed for days
 * is turned off and the admins told (audit log and mail).
 */
import { and, eq, isNull } from 'drizzle-orm';
import { audit } from '../audit/audit';
import { database } from '../db/client';
import { agents, webhookDeliveries, webhooks } from '../db/schema';
import type { Env } from '../env';
import { sendMail } from '../mail/mailer';
import { checkWebhookUrl } from './endpoints';
import { signedHeaders } from './signing';
import { forgetSubscribers } from './subscribers';

export interface DeliveryMessage {
  deliveryId: string;
}

const TIMEOUT_MS = 10_000;
/** Failing without a single success for this long turns an endpoint off. */
export const DISABLE_AFTER_MS = 3 * 24 * 60 * 60 * 1000;
/** What is kept of a receiver's error answer, for the log. */
const ERROR_CHARS = 200;

/** Seconds before attempt `attempts + 1`: 10 s, 20 s, 40 s … at most 6 hours (`WEBHOOK_RETRY_BASE_SECONDS` for the tests). */
export function backoffSeconds(attempts: number, baseSeconds = 10): number {
  return Math.min(6 * 60 * 60, baseSeconds * 2 ** Math.max(0, attempts - 1));
}

type Attempt = { ok: true; status: number } | { ok: false; status: number | null; error: string };

async function attempt(env: Env, url: string, secret: string, eventId: string, payload: string): Promise<Attempt> {
  try {
    await checkWebhookUrl(env, url);
  } catch (err) {
    return { ok: false, status: null, error: (err as Error).message };
  }
  const headers = signedHeaders(secret, eventId, Math.floor(Date.now() / 1000), payload);
  try {
    const res = await fetch(url, {
      method: 'POST',
      body: payload,
      redirect: 'manual',
      headers: { ...headers, 'Content-Type': 'application/json', 'User-Agent': 'Parley-Webhooks/1' },
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (res.status >= 200 && res.status < 300) return { ok: true, status: res.status };
    return { ok: false, status: res.status, error: (await res.text().catch(() => '')).slice(0, ERROR_CHARS) || `answered ${res.status}` };
  } catch (err) {
    return { ok: false, status: null, error: `could not be reached: ${(err as Error).message}`.slice(0, ERROR_CHARS) };
  }
}

/** Handles a batch from the delivery queue: each message acked or retried on its own. */
export async function deliverBatch(batch: MessageBatch<DeliveryMessage>, env: Env): Promise<void> {
  const base = Number(env.WEBHOOK_RETRY_BASE_SECONDS ?? 10);
  await Promise.all(
    batch.messages.map(async (message) => {
      const outcome = await deliverOne(env, message.body.deliveryId);
      if (outcome === 'retry') message.retry({ delaySeconds: backoffSeconds(message.attempts, base) });
      else message.ack();
    }),
  );
}

async function deliverOne(env: Env, deliveryId: string): Promise<'done' | 'retry'> {
  const d = database(env.DB);
  const [found] = await d
    .select({ delivery: webhookDeliveries, hook: webhooks })
    .from(webhookDeliveries)
    .innerJoin(webhooks, eq(webhooks.id, webhookDeliveries.webhookId))
    .where(eq(webhookDeliveries.id, deliveryId))
    .limit(1);
  // Deleted since, or already delivered (a Queue delivers at least once).
  if (!found || found.delivery.status === 'delivered') return 'done';
  const { delivery, hook } = found;
  if (!hook.enabled) {
    await d.update(webhookDeliveries).set({ status: 'failed', lastError: 'the webhook is turned off', updatedAt: Date.now() }).where(eq(webhookDeliveries.id, delivery.id));
    return 'done';
  }
  const result = await attempt(env, hook.url, hook.secret, delivery.eventId, delivery.payload);
  const now = Date.now();
  const logged = { attempts: delivery.attempts + 1, lastStatus: result.status, lastError: result.ok ? null : result.error, updatedAt: now };
  if (result.ok) {
    await d.batch([
      d.update(webhookDeliveries).set({ ...logged, status: 'delivered' }).where(eq(webhookDeliveries.id, delivery.id)),
      d.update(webhooks).set({ failingSince: null }).where(eq(webhooks.id, hook.id)),
    ]);
    return 'done';
  }
  await d.batch([
    d.update(webhookDeliveries).set(logged).where(eq(webhookDeliveries.id, delivery.id)),
    d.update(webhooks).set({ failingSince: now }).where(and(eq(webhooks.id, hook.id), isNull(webhooks.failingSince))),
  ]);
  const failingSince = hook.failingSince ?? now;
  if (now - failingSince >= DISABLE_AFTER_MS) {
    await disable(env, hook.id, hook.url, failingSince);
    await d.update(webhookDeliveries).set({ status: 'failed' }).where(eq(webhookDeliveries.id, delivery.id));
    return 'done';
  }
  return 'retry';
}

/** The dead-letter queue's consumer: the delivery's retries ran out. */
export async function deadLetters(batch: MessageBatch<DeliveryMessage>, env: Env): Promise<void> {
  const d = database(env.DB);
  for (const message of batch.messages) {
    await d
      .update(webhookDeliveries)
      .set({ status: 'failed', updatedAt: Date.now() })
      .where(and(eq(webhookDeliveries.id, message.body.deliveryId), eq(webhookDeliveries.status, 'pending')));
    message.ack();
  }
}

async function disable(env: Env, webhookId: string, url: string, failingSince: number): Promise<void> {
  const days = Math.floor((Date.now() - failingSince) / (24 * 60 * 60 * 1000));
  const reason = `Every delivery failed for ${days} days; turned off by Parley`;
  const [changed] = await database(env.DB)
    .update(webhooks)
    .set({ enabled: false, disabledReason: reason })
    .where(and(eq(webhooks.id, webhookId), eq(webhooks.enabled, true)))
    .returning({ id: webhooks.id });
  // Another consumer may have got here first: the admins are told once.
  if (!changed) return;
  forgetSubscribers();
  await audit(env.DB, null, 'webhook.disabled', webhookId, { url, reason });
  const admins = await database(env.DB).select({ email: agents.email }).from(agents).where(and(eq(agents.role, 'admin'), eq(agents.active, true)));
  for (const admin of admins) {
    await sendMail(env, {
      to: admin.email,
      subject: 'A Parley webhook was turned off',
      text: `Parley could not deliver events to ${url} for ${days} days, so it stopped trying.\n\nFix the receiver, then turn the webhook on again in Admin → Webhooks; "Send again" there resends what it missed.\n`,
    });
  }
}
