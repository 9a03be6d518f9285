/**
 * Webhook endpoints (admins): a URL that passes the card fetcher's SSRF rules, the events it wants,
 * and a signing secret shown once; their delivery log and "send again".
 */
import { and, desc, eq, lt } from 'drizzle-orm';
import { ulid } from '../../protocol/ids';
import type { NewWebhook, Webhook, WebhookDelivery, WebhookEventType } from '../../protocol/public-api';
import { refuseInwardHost } from '../cards/open-graph';
import { resolverFor } from '../cards/dns';
import { database } from '../db/client';
import { webhookDeliveries, webhooks } from '../db/schema';
import type { Env } from '../env';
import { HttpError } from '../http/errors';
import { forgetSubscribers } from './subscribers';
import { newSecret } from './signing';

type WebhookRow = typeof webhooks.$inferSelect;
type DeliveryRow = typeof webhookDeliveries.$inferSelect;

const DELIVERY_PAGE = 50;

export const shownWebhook = ({ id, url, events, enabled, disabledReason, failingSince, createdAt }: WebhookRow): Webhook => ({
  id,
  url,
  events: events as WebhookEventType[],
  enabled,
  disabledReason,
  failingSince,
  createdAt,
});

export const shownDelivery = ({ id, eventId, event, status, attempts, lastStatus, lastError, createdAt, updatedAt }: DeliveryRow): WebhookDelivery => ({
  id,
  eventId,
  event: event as WebhookEventType,
  status,
  attempts,
  lastStatus,
  lastError,
  createdAt,
  updatedAt,
});

/** Local dev (`npm start`, scripts/local-app.ts) sets this, so a receiver on the developer's machine can be tried. */
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
const isLocalDevReceiver = (env: Env, url: URL) => env.LOCAL_WEBHOOKS === 'allowed' && LOCAL_HOSTS.has(url.hostname);

/**
 * Refuses a URL Parley must not post to: not http(s), or a host that is (or resolves to) a private
 * address, as for cards. Checked when the endpoint is saved and again before every attempt, since
 * what a name resolves to can change. Production receivers must use https.
 */
export async function checkWebhookUrl(env: Env, raw: string): Promise<void> {
  const url = new URL(raw);
  if (isLocalDevReceiver(env, url)) return;
  if (url.protocol !== 'https:') throw new HttpError(400, { code: 'webhook_url_refused', message: 'url: must be an https URL', field: 'url' });
  try {
    await refuseInwardHost(resolverFor(env), url.hostname);
  } catch (err) {
    if (err instanceof HttpError) throw new HttpError(400, { ...err.error, code: 'webhook_url_refused', field: 'url' });
    throw err;
  }
}

export async function createWebhook(env: Env, createdBy: string, { url, events }: { url: string; events: WebhookEventType[] }): Promise<NewWebhook> {
  await checkWebhookUrl(env, url);
  const secret = newSecret();
  const [row] = await database(env.DB)
    .insert(webhooks)
    .values({ id: ulid(), url, events: [...new Set(events)], secret, createdBy, createdAt: Date.now() })
    .returning();
  forgetSubscribers();
  return { webhook: shownWebhook(row!), secret };
}

export async function listWebhooks(db: D1Database): Promise<Webhook[]> {
  return (await database(db).select().from(webhooks).orderBy(desc(webhooks.createdAt))).map(shownWebhook);
}

export async function requireWebhook(db: D1Database, id: string): Promise<WebhookRow> {
  const [row] = await database(db).select().from(webhooks).where(eq(webhooks.id, id)).limit(1);
  if (!row) throw new HttpError(404, { code: 'not_found', message: 'No such webhook' });
  return row;
}

export async function updateWebhook(db: D1Database, id: string, change: { events?: WebhookEventType[] | undefined; enabled?: boolean | undefined }): Promise<Webhook> {
  await requireWebhook(db, id);
  const set = {
    ...(change.events ? { events: [...new Set(change.events)] } : {}),
    // Turned on again by hand: its failures so far no longer count towards disabling it.
    ...(change.enabled !== undefined ? { enabled: change.enabled, disabledReason: null, failingSince: null } : {}),
  };
  const [row] = Object.keys(set).length
    ? await database(db).update(webhooks).set(set).where(eq(webhooks.id, id)).returning()
    : [await requireWebhook(db, id)];
  forgetSubscribers();
  return shownWebhook(row!);
}

export async function deleteWebhook(db: D1Database, id: string): Promise<Webhook> {
  const row = await requireWebhook(db, id);
  const d = database(db);
  await d.batch([d.delete(webhookDeliveries).where(eq(webhookDeliveries.webhookId, id)), d.delete(webhooks).where(eq(webhooks.id, id))]);
  forgetSubscribers();
  return shownWebhook(row);
}

export async function listDeliveries(db: D1Database, webhookId: string, before?: string): Promise<WebhookDelivery[]> {
  await requireWebhook(db, webhookId);
  const rows = await database(db)
    .select()
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.webhookId, webhookId), before ? lt(webhookDeliveries.id, before) : undefined))
    .orderBy(desc(webhookDeliveries.id))
    .limit(DELIVERY_PAGE);
  return rows.map(shownDelivery);
}

/** "Send again": the same event (same id, so a receiver that had it can tell), a fresh round of attempts. */
export async function redeliver(env: Env, webhookId: string, deliveryId: string): Promise<WebhookDelivery> {
  const hook = await requireWebhook(env.DB, webhookId);
  if (!hook.enabled) throw new HttpError(409, { code: 'invalid_request', message: 'This webhook is turned off; turn it on first' });
  const [row] = await database(env.DB)
    .update(webhookDeliveries)
    .set({ status: 'pending', updatedAt: Date.now() })
    .where(and(eq(webhookDeliveries.id, deliveryId), eq(webhookDeliveries.webhookId, webhookId)))
    .returning();
  if (!row) throw new HttpError(404, { code: 'not_found', message: 'No such delivery' });
  await env.WEBHOOKS.send({ deliveryId: row.id });
  return shownDelivery(row);
}
