/**
 * Notifications for agents away from the desk: which events each agent wants, on which channel,
 * the push subscriptions of their devices, and what a push carries to the console's service worker.
 */
import * as v from 'valibot';

/** What an agent can be told of. */
export const NOTIFICATION_EVENTS = ['offer', 'message', 'ticket', 'missed_chat', 'mention'] as const;
export type NotificationEventKind = (typeof NOTIFICATION_EVENTS)[number];

/**
 * Events that can also come by email: the ones that wait for an answer. An offer is gone in
 * seconds and a chat message is answered in the chat, so neither has an email to send.
 */
export const EMAIL_EVENTS = ['ticket', 'missed_chat'] as const satisfies readonly NotificationEventKind[];
export type EmailEventKind = (typeof EMAIL_EVENTS)[number];

export interface NotificationPreferences {
  push: Record<NotificationEventKind, boolean>;
  email: Record<EmailEventKind, boolean>;
}

/**
 * Until an agent chooses: push for everything (it only reaches devices they turned push on for),
 * email for nothing (mail nobody asked for is noise).
 */
export const DEFAULT_PREFERENCES: NotificationPreferences = {
  push: { offer: true, message: true, ticket: true, missed_chat: true, mention: true },
  email: { ticket: false, missed_chat: false },
};

/** One message for the three ways an object of choices goes wrong: a key unknown, a key missing, not an object. */
const objectIssue = (issue: v.BaseIssue<unknown>) =>
  issue.expected === 'never' ? 'is not a choice here' : issue.received === 'undefined' ? 'is required' : 'must be an object of true/false choices';

const choice = v.boolean('must be true or false');
const choices = <K extends string>(keys: readonly K[]) => v.strictObject(Object.fromEntries(keys.map((k) => [k, choice])) as Record<K, typeof choice>, objectIssue);

/** `PUT /api/console/notifications`: every choice, each named; an unknown one is refused. */
export const NotificationPreferencesBody = v.strictObject({ push: choices(NOTIFICATION_EVENTS), email: choices(EMAIL_EVENTS) }, objectIssue);

export interface NotificationsResponse {
  preferences: NotificationPreferences;
  push: {
    /** The VAPID public key (base64url, uncompressed P-256 point): the `applicationServerKey` to subscribe with. */
    publicKey: string;
    /** How many devices of this agent have push turned on. */
    devices: number;
  };
}

const base64url = (bytes: number, what: string) =>
  v.pipe(
    v.string(),
    v.regex(/^[A-Za-z0-9_-]+={0,2}$/, 'must be base64url'),
    v.check((s) => Math.floor((s.replace(/=+$/, '').length * 3) / 4) === bytes, `must be ${what}`),
  );

/** `POST /api/console/push-subscriptions`: a browser's `PushSubscription.toJSON()`. */
export const PushSubscriptionBody = v.object({
  endpoint: v.pipe(v.string(), v.maxLength(2048), v.url('must be a URL'), v.startsWith('https://', 'must be an https URL')),
  expirationTime: v.optional(v.nullable(v.number())),
  keys: v.object({
    p256dh: base64url(65, 'an uncompressed P-256 public key (65 bytes)'),
    auth: base64url(16, 'a 16-byte secret'),
  }),
});

/** After a device turned push on or off: how many have it now. */
export interface PushDevicesResponse {
  devices: number;
}

/** `DELETE /api/console/push-subscriptions`: the device that turns push off. */
export const PushUnsubscribeBody = v.object({
  endpoint: v.pipe(v.string(), v.maxLength(2048)),
});

/** What the service worker receives, already worded: it shows it and opens `url` on a click. */
export interface PushPayload {
  kind: NotificationEventKind;
  title: string;
  body: string;
  /** A console route, e.g. "/console/chats/01J…". */
  url: string;
  /** One notification per thing: a second push with the same tag replaces the first. */
  tag: string;
}
