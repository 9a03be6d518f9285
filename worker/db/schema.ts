/** D1: the durable, queryable record. Live state lives in the Durable Objects. */
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import type { BusinessHours } from '../../protocol/chat';

export const sites = sqliteTable('sites', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  /** JSON array of origins allowed to embed the widget, besides Parley's own. */
  allowedOrigins: text('allowed_origins', { mode: 'json' }).$type<string[]>().notNull().default([]),
  /** Off: the widget does not show at all. */
  chatEnabled: integer('chat_enabled', { mode: 'boolean' }).notNull().default(true),
  /** When agents answer; null: always. Outside these hours the widget offers a message form. */
  businessHours: text('business_hours', { mode: 'json' }).$type<BusinessHours | null>(),
  createdAt: integer('created_at').notNull(),
});

export const queues = sqliteTable(
  'queues',
  {
    id: text('id').primaryKey(),
    siteId: text('site_id').notNull().references(() => sites.id),
    name: text('name').notNull(),
    /** How long an agent has to answer an offer before it goes to the next one. */
    offerTimeoutSeconds: integer('offer_timeout_seconds').notNull().default(30),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('queues_site').on(t.siteId)],
);

/** Which queue a new chat goes to: the first rule (by position) whose answer matches. */
export const routingRules = sqliteTable(
  'routing_rules',
  {
    id: text('id').primaryKey(),
    siteId: text('site_id').notNull().references(() => sites.id),
    position: integer('position').notNull(),
    /** A pre-chat answer's field name, or "language" for the visitor's language. */
    field: text('field').notNull(),
    value: text('value').notNull(),
    queueId: text('queue_id').notNull().references(() => queues.id),
  },
  (t) => [index('routing_rules_site').on(t.siteId, t.position)],
);

export const agents = sqliteTable('agents', {
  id: text('id').primaryKey(),
  email: text('email').notNull().unique(),
  name: text('name').notNull(),
  passwordHash: text('password_hash').notNull(),
  role: text('role', { enum: ['admin', 'agent'] }).notNull(),
  /** How many chats the agent handles at once, 1 to 6. */
  capacity: integer('capacity').notNull().default(3),
  /** BCP 47 primary language subtags, e.g. "en", "nb". */
  primaryLanguage: text('primary_language').notNull().default('en'),
  secondaryLanguages: text('secondary_languages', { mode: 'json' }).$type<string[]>().notNull().default([]),
  createdAt: integer('created_at').notNull(),
});

export const queueMembers = sqliteTable(
  'queue_members',
  {
    queueId: text('queue_id').notNull().references(() => queues.id),
    agentId: text('agent_id').notNull().references(() => agents.id),
  },
  (t) => [primaryKey({ columns: [t.queueId, t.agentId] }), index('queue_members_agent').on(t.agentId)],
);

export const sessions = sqliteTable(
  'sessions',
  {
    /** SHA-256 of the cookie's token, so a leaked table opens nothing. */
    tokenHash: text('token_hash').primaryKey(),
    agentId: text('agent_id').notNull().references(() => agents.id),
    expiresAt: integer('expires_at').notNull(),
  },
  (t) => [index('sessions_agent').on(t.agentId)],
);

export const conversations = sqliteTable(
  'conversations',
  {
    id: text('id').primaryKey(),
    siteId: text('site_id').notNull().references(() => sites.id),
    queueId: text('queue_id').notNull().references(() => queues.id),
    visitorId: text('visitor_id').notNull(),
    visitorName: text('visitor_name').notNull(),
    language: text('language'),
    status: text('status', { enum: ['open', 'waiting', 'active', 'ended'] }).notNull(),
    agentId: text('agent_id'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [index('conversations_visitor').on(t.visitorId, t.createdAt)],
);

export const messages = sqliteTable(
  'messages',
  {
    conversationId: text('conversation_id').notNull().references(() => conversations.id),
    seq: integer('seq').notNull(),
    clientId: text('client_id').notNull(),
    authorRole: text('author_role', { enum: ['visitor', 'agent', 'system'] }).notNull(),
    authorId: text('author_id'),
    authorName: text('author_name').notNull(),
    text: text('text').notNull(),
    event: text('event'),
    /** Between agents only: never sent to the visitor, never in their transcript. */
    private: integer('private', { mode: 'boolean' }).notNull().default(false),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.conversationId, t.seq] }),
    uniqueIndex('messages_client_id').on(t.conversationId, t.clientId),
  ],
);

/** Messages left when no agent could chat: answered later, by email. */
export const tickets = sqliteTable(
  'tickets',
  {
    id: text('id').primaryKey(),
    siteId: text('site_id').notNull().references(() => sites.id),
    visitorId: text('visitor_id'),
    name: text('name').notNull(),
    email: text('email').notNull(),
    message: text('message').notNull(),
    status: text('status', { enum: ['open', 'closed'] }).notNull().default('open'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('tickets_site').on(t.siteId, t.createdAt)],
);
