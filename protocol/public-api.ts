/**
 * The public API's bodies and answers (`/api/v1`, docs/api.md), the API tokens that open it and
 * the webhooks it sends. Every schema here is also the OpenAPI document's (`worker/api/openapi.ts`).
 */
import * as v from 'valibot';
import type { ChatMessage, ConversationStatus } from './chat';
import { accountEmail, id } from './fields';
import { MAX_MESSAGE_CHARS, MAX_NAME_CHARS } from './limits';
import { trimmedText } from './parse';

/** What a token may do: each route asks for one scope. */
export const API_SCOPES = [
  'conversations:read',
  'conversations:write',
  'contacts:read',
  'contacts:write',
  'tickets:read',
  'tickets:write',
  'reports:read',
  'visitors:export',
] as const;
export type ApiScope = (typeof API_SCOPES)[number];

/** Requests a token may make per minute unless its admin chose otherwise. */
export const DEFAULT_TOKEN_RATE = 120;

export const ApiTokenBody = v.object({
  name: trimmedText(60),
  scopes: v.pipe(v.array(v.picklist(API_SCOPES, `must be one of ${API_SCOPES.join(', ')}`)), v.minLength(1, 'must name at least one scope'), v.maxLength(API_SCOPES.length)),
  /** Requests per minute; 429 with Retry-After past it. */
  ratePerMinute: v.optional(v.pipe(v.number('must be a number'), v.integer('must be a whole number'), v.minValue(1), v.maxValue(6000))),
});

/** A token as the admin page lists it: never the token itself, only its first characters. */
export interface ApiToken {
  id: string;
  name: string;
  /** The token's first characters, to tell tokens apart. */
  prefix: string;
  scopes: ApiScope[];
  ratePerMinute: number;
  createdBy: string;
  createdAt: number;
  lastUsedAt: number | null;
}

/** The answer to creating a token: `token` is shown this once. */
export interface NewApiToken {
  token: string;
  apiToken: ApiToken;
}

// --- /api/v1 ---

/** A page of a list, oldest change last; `next` is the cursor of the page after it, null on the last. */
export interface Page<T> {
  data: T[];
  next: string | null;
}

const CONVERSATION_STATUSES = ['open', 'waiting', 'active', 'ended', 'missed'] as const;
/** An opaque cursor: the `next` of an earlier page. */
const cursor = v.optional(v.pipe(v.string(), v.regex(/^\d{1,15}\.[\w-]{1,64}$/, 'must be the next cursor of an earlier page')));
const limit = v.optional(
  v.pipe(v.string(), v.regex(/^\d{1,3}$/, 'must be a number from 1 to 100'), v.transform(Number), v.minValue(1, 'must be a number from 1 to 100'), v.maxValue(100, 'must be a number from 1 to 100')),
);

export const ConversationsQuery = v.object({
  status: v.optional(v.picklist(CONVERSATION_STATUSES, `must be one of ${CONVERSATION_STATUSES.join(', ')}`)),
  queue: v.optional(id),
  label: v.optional(id),
  /** Only conversations changed at or after this time (Unix milliseconds). */
  updatedSince: v.optional(v.pipe(v.string(), v.regex(/^\d{1,15}$/, 'must be a time in Unix milliseconds'), v.transform(Number))),
  cursor,
  limit,
});

export interface ApiConversation {
  id: string;
  siteId: string;
  queueId: string;
  status: ConversationStatus;
  visitorId: string;
  visitorName: string;
  email: string | null;
  agentId: string | null;
  contactId: string | null;
  rating: number | null;
  labels: string[];
  createdAt: number;
  updatedAt: number;
}

export interface ApiConversationWithMessages {
  conversation: ApiConversation;
  /** Every message agents see, private notes included, in order. */
  messages: ChatMessage[];
}

export const ApiMessageBody = v.object({
  text: trimmedText(MAX_MESSAGE_CHARS),
  /** Post as this agent (who joins the chat if not in it); without it, as the site itself. */
  agentId: v.optional(id),
  /** A note only agents see. */
  private: v.optional(v.boolean()),
  /** A ULID of the caller's: sending the same one again stores nothing new. */
  clientId: v.optional(v.pipe(v.string(), v.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'must be a ULID'))),
});

export const ApiEndBody = v.object({ agentId: v.optional(id) });

export const ApiLabelsBody = v.object({ labelIds: v.pipe(v.array(id), v.minLength(1, 'must name at least one label'), v.maxLength(20, 'must have at most 20 labels')) });

export const ContactsQuery = v.object({
  /** Matches name, email or account number (prefix of each). */
  q: v.optional(v.pipe(v.string(), v.trim(), v.minLength(1, 'must not be empty'), v.maxLength(100))),
  email: v.optional(accountEmail),
  accountNumber: v.optional(v.pipe(v.string(), v.trim(), v.minLength(1, 'must not be empty'), v.maxLength(64))),
  cursor,
  limit,
});

const optionalField = (max: number) => v.optional(v.nullable(v.pipe(v.string(), v.trim(), v.maxLength(max, `must be at most ${max} characters`))));

export const ApiContactBody = v.object({
  siteId: id,
  name: trimmedText(MAX_NAME_CHARS),
  email: v.optional(v.nullable(accountEmail)),
  accountNumber: optionalField(64),
  phone: optionalField(40),
});

export const ApiContactUpdateBody = v.object({
  name: v.optional(trimmedText(MAX_NAME_CHARS)),
  email: v.optional(v.nullable(accountEmail)),
  accountNumber: optionalField(64),
  phone: optionalField(40),
});

export const ApiTicketBody = v.object({
  siteId: id,
  /** Defaults to the queue a chat started now would go to. */
  queueId: v.optional(id),
  name: trimmedText(MAX_NAME_CHARS),
  email: accountEmail,
  message: trimmedText(MAX_MESSAGE_CHARS),
});

export const ApiTicketReplyBody = v.object({ text: trimmedText(MAX_MESSAGE_CHARS), agentId: v.optional(id) });

export interface ApiVisitor {
  id: string;
  siteId: string;
  name: string | null;
  email: string | null;
  verified: boolean;
  conversations: Array<{ id: string; status: ConversationStatus; createdAt: number }>;
}

// --- Webhooks ---

export const WEBHOOK_EVENTS = [
  'conversation.started',
  'conversation.ended',
  'message.created',
  'ticket.created',
  'ticket.updated',
  'rating.created',
  'contact.updated',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENTS)[number];

const events = v.pipe(
  v.array(v.picklist(WEBHOOK_EVENTS, `must be one of ${WEBHOOK_EVENTS.join(', ')}`)),
  v.minLength(1, 'must name at least one event'),
  v.maxLength(WEBHOOK_EVENTS.length),
);

export const WebhookBody = v.object({
  url: v.pipe(v.string(), v.trim(), v.maxLength(2000), v.url('must be a URL')),
  events,
});

export const UpdateWebhookBody = v.object({ events: v.optional(events), enabled: v.optional(v.boolean('must be true or false')) });

export const DeliveriesQuery = v.object({ before: v.optional(v.pipe(v.string(), v.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'must be the id of a delivery'))) });

export interface Webhook {
  id: string;
  url: string;
  events: WebhookEventType[];
  enabled: boolean;
  /** Why Parley turned it off, when it did. */
  disabledReason: string | null;
  /** Since when every delivery has failed; null while it works. */
  failingSince: number | null;
  createdAt: number;
}

/** The answer to adding an endpoint: `secret` is shown this once (receivers verify with it). */
export interface NewWebhook {
  webhook: Webhook;
  secret: string;
}

export interface WebhookDelivery {
  id: string;
  eventId: string;
  event: WebhookEventType;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  lastStatus: number | null;
  lastError: string | null;
  createdAt: number;
  updatedAt: number;
}

/** What a receiver gets: Standard Webhooks' `{ type, timestamp, data }`. */
export interface WebhookPayload {
  type: WebhookEventType;
  /** ISO 8601. */
  timestamp: string;
  data: Record<string, unknown>;
}
