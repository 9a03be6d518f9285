/** D1: the durable, queryable record. Live state lives in the Durable Objects. */
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

export const sites = sqliteTable('sites', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  /** JSON array of origins allowed to embed the widget, besides Parley's own. */
  allowedOrigins: text('allowed_origins', { mode: 'json' }).$type<string[]>().notNull().default([]),
  createdAt: integer('created_at').notNull(),
});

export const queues = sqliteTable(
  'queues',
  {
    id: text('id').primaryKey(),
    siteId: text('site_id').notNull().references(() => sites.id),
    name: text('name').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('queues_site').on(t.siteId)],
);

export const agents = sqliteTable('agents', {
  id: text('id').primaryKey(),
  email: text('email').notNull().unique(),
  name: text('name').notNull(),
  passwordHash: text('password_hash').notNull(),
  role: text('role', { enum: ['admin', 'agent'] }).notNull(),
  /** How many chats the agent handles at once. */
  capacity: integer('capacity').notNull().default(3),
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
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.conversationId, t.seq] }),
    uniqueIndex('messages_client_id').on(t.conversationId, t.clientId),
  ],
);
