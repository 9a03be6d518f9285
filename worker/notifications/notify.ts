/**
 * The one way the rest of the Worker tells agents something while they are away from the desk:
 * `notifyAgents(env, agentIds, event)` sends each active agent the event on the channels they
 * chose (push to each of their devices, email for the events that have one). It never throws:
 * callers are chats and visitors' requests, which a push service or a mail failing must not touch,
 * so they hand it to `waitUntil` and carry on.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { ChatMessage, Offer } from '../../protocol/chat';
import { EMAIL_EVENTS, type EmailEventKind, type NotificationEventKind } from '../../protocol/notifications';
import { database } from '../db/client';
import { agents } from '../db/schema';
import type { Env } from '../env';
import { sendMail } from '../mail/mailer';
import { preferencesOf } from './preferences';
import { forgetSubscription, subscriptionsOf } from './subscriptions';
import { vapidAuthorization, vapidKeysOf, vapidSubject } from './vapid';
import { sendPush, type PushOptions } from './web-push';
import { notificationMail, pushPayload } from './wording';

/** A visitor waited and no agent answered; raised by the chat's lifecycle. */
export interface MissedChatEvent {
  kind: 'missed_chat';
  conversationId: string;
  visitorName: string;
  queueName: string;
  /** The visitor's first words, if any. */
  preview: string;
  visitorEmail: string | null;
}

export type NotificationEvent =
  | { kind: 'offer'; offer: Offer }
  | { kind: 'message' | 'mention'; conversationId: string; message: ChatMessage }
  /** A new ticket, or (`reply`) the customer's answer to one by mail. */
  | { kind: 'ticket'; ticket: { id: string; siteName: string; name: string; email: string; message: string; reply?: boolean } }
  | MissedChatEvent;

/**
 * How long a push service keeps a message for an offline device, and how soon it should wake it:
 * an offer is gone in seconds, a chat message matters for a while, a ticket for a day.
 */
const DELIVERY: Record<NotificationEventKind, Pick<PushOptions, 'ttl' | 'urgency'>> = {
  offer: { ttl: 60, urgency: 'high' },
  message: { ttl: 60 * 60, urgency: 'high' },
  mention: { ttl: 60 * 60, urgency: 'high' },
  ticket: { ttl: 24 * 60 * 60, urgency: 'normal' },
  missed_chat: { ttl: 24 * 60 * 60, urgency: 'normal' },
};

/** Agents read per D1 query: well inside D1's 100 bound parameters. */
const GROUP = 50;

const hasEmail = (kind: NotificationEventKind): kind is EmailEventKind => (EMAIL_EVENTS as readonly string[]).includes(kind);

export async function notifyAgents(env: Env, agentIds: readonly string[], event: NotificationEvent): Promise<void> {
  try {
    const ids = [...new Set(agentIds)];
    for (let i = 0; i < ids.length; i += GROUP) await notifyGroup(env, ids.slice(i, i + GROUP), event);
  } catch (err) {
    console.error(`[notifyAgents] ${event.kind}`, err);
  }
}

async function notifyGroup(env: Env, ids: string[], event: NotificationEvent): Promise<void> {
  const [people, preferences] = await Promise.all([
    database(env.DB)
      .select({ id: agents.id, email: agents.email })
      .from(agents)
      .where(and(inArray(agents.id, ids), eq(agents.active, true))),
    preferencesOf(env.DB, ids),
  ]);
  const wants = (id: string) => preferences.get(id)!;
  const { kind } = event;
  const byPush = people.filter((p) => wants(p.id).push[kind]).map((p) => p.id);
  const byMail = hasEmail(kind) ? people.filter((p) => wants(p.id).email[kind]) : [];
  await Promise.all([pushTo(env, byPush, event), ...byMail.map((p) => mailTo(env, p.email, event))]);
}

/** Every device of these agents; a device the push service says is gone is forgotten. */
async function pushTo(env: Env, agentIds: string[], event: NotificationEvent): Promise<void> {
  if (agentIds.length === 0) return;
  const devices = await subscriptionsOf(env.DB, agentIds);
  if (devices.length === 0) return;
  const keys = await vapidKeysOf(env);
  const payload = pushPayload(event);
  await Promise.all(
    devices.map(async (device) => {
      const host = new URL(device.endpoint).host;
      try {
        const authorization = await vapidAuthorization(device.endpoint, keys, vapidSubject(env, device.origin));
        const status = await sendPush(device, payload, { authorization, ...DELIVERY[event.kind] });
        if (status === 404 || status === 410) await forgetSubscription(env.DB, device.endpoint);
        // The endpoint is a capability URL: only its host goes to the log.
        else if (status >= 300) console.warn(`[notifyAgents] push to ${host} answered ${status}`);
      } catch (err) {
        console.error(`[notifyAgents] push to ${host} failed`, err);
      }
    }),
  );
}

async function mailTo(env: Env, to: string, event: NotificationEvent): Promise<void> {
  const mail = notificationMail(event, to);
  if (!mail) return;
  try {
    await sendMail(env, mail);
  } catch (err) {
    console.error(`[notifyAgents] mail for ${event.kind} failed`, err);
  }
}
