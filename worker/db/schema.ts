/** D1: the durable, queryable record. Live state lives in the Durable Objects. */
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import type { Attachment, BusinessHours, ChatMessage, Lifecycle, ProactiveRule, SurveyField, WidgetSettings } from '../../protocol/chat';
import type { NotificationPreferences } from '../../protocol/notifications';
import { bucketColumns, DURATIONS } from '../reports/buckets';

export const sites = sqliteTable('sites', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  /** JSON array of origins allowed to embed the widget, besides Parley's own. */
  allowedOrigins: text('allowed_origins', { mode: 'json' }).$type<string[]>().notNull().default([]),
  /** Off: the widget does not show at all. */
  chatEnabled: integer('chat_enabled', { mode: 'boolean' }).notNull().default(true),
  /** When agents answer; null: always. Outside these hours the widget offers a message form. */
  businessHours: text('business_hours', { mode: 'json' }).$type<BusinessHours | null>(),
  /** The configurator's settings; null: the defaults. */
  widget: text('widget', { mode: 'json' }).$type<WidgetSettings | null>(),
  /** Signs `identify()` hashes; shown to the admin once, when made or rotated. */
  identitySecret: text('identity_secret'),
  survey: text('survey', { mode: 'json' }).$type<SurveyField[]>().notNull().default([]),
  proactiveRules: text('proactive_rules', { mode: 'json' }).$type<ProactiveRule[]>().notNull().default([]),
  /** Conversations older than this many days are deleted by the daily cron; 0 keeps them. */
  retentionDays: integer('retention_days').notNull().default(0),
  /** When chats end by themselves; null: the defaults (`DEFAULT_LIFECYCLE`). */
  lifecycle: text('lifecycle', { mode: 'json' }).$type<Lifecycle | null>(),
  /** Switched on by an admin when spam floods in: chats and messages left need a Turnstile challenge. */
  underAttack: integer('under_attack', { mode: 'boolean' }).notNull().default(false),
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
  role: text('role', { enum: ['admin', 'supervisor', 'agent'] }).notNull(),
  department: text('department'),
  /** R2 key of the agent's photo. */
  photoKey: text('photo_key'),
  /** Deactivated agents cannot sign in and take no chats. */
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  /** How many chats the agent handles at once, 1 to 6. */
  capacity: integer('capacity').notNull().default(3),
  /** BCP 47 primary language subtags, e.g. "en", "nb". */
  primaryLanguage: text('primary_language').notNull().default('en'),
  secondaryLanguages: text('secondary_languages', { mode: 'json' }).$type<string[]>().notNull().default([]),
  /** An agent whose console is closed or idle this long goes to away by themself. */
  awayAfterMinutes: integer('away_after_minutes').notNull().default(5),
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
    /** The visitor's email, from the survey, identify() or the rating form. */
    email: text('email'),
    /** Pre-chat answers by field name. */
    answers: text('answers', { mode: 'json' }).$type<Record<string, string>>().notNull().default({}),
    rating: integer('rating'),
    ratingComment: text('rating_comment'),
    /** Transcripts the visitor had mailed; capped, so the widget cannot be used to send mail at will. */
    transcriptsSent: integer('transcripts_sent').notNull().default(0),
    contactId: text('contact_id'),
    /** The page the chat began on (its origin the widget's own): where a continuation link takes the visitor back to. */
    pageUrl: text('page_url'),
    status: text('status', { enum: ['open', 'waiting', 'active', 'ended', 'missed'] }).notNull(),
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
    /** Attachments, choices, replyTo and card, as in ChatMessage; null for plain text. */
    content: text('content', { mode: 'json' }).$type<MessageContent | null>(),
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
    /**
     * Whose ticket it is: its members (and staff) see and answer it, as with a chat. Null only
     * when its site had no queue to give it to; then staff alone see it.
     */
    queueId: text('queue_id').references(() => queues.id),
    visitorId: text('visitor_id'),
    name: text('name').notNull(),
    email: text('email').notNull(),
    message: text('message').notNull(),
    status: text('status', { enum: ['open', 'pending', 'solved'] }).notNull().default('open'),
    /** The missed chat this ticket was made from, if any: one ticket per chat. */
    conversationId: text('conversation_id'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    index('tickets_site').on(t.siteId, t.createdAt),
    uniqueIndex('tickets_conversation').on(t.conversationId),
    index('tickets_queue').on(t.queueId, t.createdAt),
  ],
);

export type MessageContent = Pick<ChatMessage, 'attachments' | 'choices' | 'replyTo' | 'card' | 'actors' | 'via'>;

/** A visitor as the sites know them across visits; `identify()` fills the verified fields. */
export const visitors = sqliteTable('visitors', {
  id: text('id').primaryKey(),
  siteId: text('site_id').notNull().references(() => sites.id),
  /** The site's own user id, from identify(). */
  externalId: text('external_id'),
  name: text('name'),
  email: text('email'),
  /** identify() came with a valid hash: name and email are the site's, not typed by the visitor. */
  verified: integer('verified', { mode: 'boolean' }).notNull().default(false),
  visits: integer('visits').notNull().default(1),
  firstSeen: integer('first_seen').notNull(),
  lastSeen: integer('last_seen').notNull(),
});

/** A sign-up link sent by an admin; its token's SHA-256 is kept, as for sessions. */
export const agentInvites = sqliteTable('agent_invites', {
  tokenHash: text('token_hash').primaryKey(),
  email: text('email').notNull(),
  name: text('name').notNull(),
  role: text('role', { enum: ['admin', 'supervisor', 'agent'] }).notNull(),
  queueIds: text('queue_ids', { mode: 'json' }).$type<string[]>().notNull().default([]),
  createdBy: text('created_by').notNull(),
  expiresAt: integer('expires_at').notNull(),
  acceptedAt: integer('accepted_at'),
});

/**
 * Fixed-window counters, each counted until its window ends: sign-in attempts ("email-ip:…",
 * "email:…", "ip:…") and the addresses agents signed in from ("signed-in:…"), mails asked for by
 * visitors ("transcripts:<ip>").
 */
export const rateCounters = sqliteTable('rate_counters', {
  key: text('key').primaryKey(),
  count: integer('count').notNull(),
  windowEnds: integer('window_ends').notNull(),
});

/** Canned replies agents pick in the composer; a null queue means shared by all. */
export const predefinedMessages = sqliteTable('predefined_messages', {
  id: text('id').primaryKey(),
  queueId: text('queue_id').references(() => queues.id),
  title: text('title').notNull(),
  text: text('text').notNull(),
  createdBy: text('created_by').notNull(),
  createdAt: integer('created_at').notNull(),
});

export const bans = sqliteTable(
  'bans',
  {
    id: text('id').primaryKey(),
    siteId: text('site_id').notNull().references(() => sites.id),
    visitorId: text('visitor_id').notNull(),
    ip: text('ip'),
    reason: text('reason').notNull().default(''),
    createdBy: text('created_by').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('bans_visitor').on(t.siteId, t.visitorId), index('bans_ip').on(t.siteId, t.ip)],
);

/** Who changed which setting, and how. */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: text('id').primaryKey(),
    agentId: text('agent_id'),
    action: text('action').notNull(),
    target: text('target').notNull(),
    detail: text('detail', { mode: 'json' }).$type<Record<string, unknown>>().notNull().default({}),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('audit_log_time').on(t.createdAt)],
);

/** The local CRM: people the business knows, matched by email or account number. */
export const contacts = sqliteTable(
  'contacts',
  {
    id: text('id').primaryKey(),
    siteId: text('site_id').notNull().references(() => sites.id),
    name: text('name').notNull(),
    email: text('email'),
    accountNumber: text('account_number'),
    phone: text('phone'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('contacts_email').on(t.siteId, t.email), index('contacts_account').on(t.siteId, t.accountNumber)],
);

export const contactNotes = sqliteTable('contact_notes', {
  id: text('id').primaryKey(),
  contactId: text('contact_id').notNull().references(() => contacts.id),
  agentId: text('agent_id').notNull(),
  text: text('text').notNull(),
  createdAt: integer('created_at').notNull(),
});

export const cases = sqliteTable('cases', {
  id: text('id').primaryKey(),
  contactId: text('contact_id').notNull().references(() => contacts.id),
  title: text('title').notNull(),
  status: text('status', { enum: ['open', 'closed'] }).notNull().default('open'),
  createdAt: integer('created_at').notNull(),
});

/** Files in R2 (key `files/<conversation>/<id>`); `private` ones only agents may fetch. */
export const attachments = sqliteTable(
  'attachments',
  {
    id: text('id').primaryKey(),
    conversationId: text('conversation_id').notNull(),
    name: text('name').notNull(),
    type: text('type').notNull(),
    size: integer('size').notNull(),
    uploaderRole: text('uploader_role', { enum: ['visitor', 'agent'] }).notNull(),
    uploaderId: text('uploader_id').notNull(),
    private: integer('private', { mode: 'boolean' }).notNull().default(false),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('attachments_conversation').on(t.conversationId)],
);

/** Every mail Parley sends; local dev keeps them here to read in the console instead of sending. */
export const mails = sqliteTable(
  'mails',
  {
    id: text('id').primaryKey(),
    to: text('to').notNull(),
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    status: text('status', { enum: ['kept', 'sent', 'failed'] }).notNull(),
    /** The conversation or ticket the mail belongs to, whose reply address it carries; null for others (invitations). */
    threadId: text('thread_id'),
    /** Its `Message-ID`, without the angle brackets: the next mail of the thread answers it. */
    messageId: text('message_id'),
    replyTo: text('reply_to'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('mails_time').on(t.createdAt), index('mails_thread').on(t.threadId, t.createdAt)],
);

/**
 * Every mail that reached the email handler, and what became of it: added to its conversation or
 * ticket, or dropped or rejected with the reason. The customer's own `Message-ID` is kept, so a
 * mail delivered twice is added once and the answer threads under it.
 */
export const inboundMails = sqliteTable(
  'inbound_mails',
  {
    id: text('id').primaryKey(),
    from: text('from').notNull(),
    to: text('to').notNull(),
    subject: text('subject').notNull(),
    messageId: text('message_id'),
    threadId: text('thread_id'),
    outcome: text('outcome', { enum: ['added', 'dropped', 'rejected'] }).notNull(),
    reason: text('reason'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('inbound_mails_time').on(t.createdAt), index('inbound_mails_thread').on(t.threadId, t.createdAt)],
);

/** A ticket's correspondence after its first message: the agents' answers and the customer's replies by mail. */
export const ticketMessages = sqliteTable(
  'ticket_messages',
  {
    id: text('id').primaryKey(),
    ticketId: text('ticket_id').notNull().references(() => tickets.id),
    authorRole: text('author_role', { enum: ['visitor', 'agent'] }).notNull(),
    authorName: text('author_name').notNull(),
    text: text('text').notNull(),
    /** Files that came with a customer's mail, in R2 under the ticket (`tickets/<ticket>/<file>`). */
    attachments: text('attachments', { mode: 'json' }).$type<Attachment[]>().notNull().default([]),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('ticket_messages_ticket').on(t.ticketId, t.createdAt)],
);

/** Labels admins define; agents put them on chats and tickets, and filter by them. */
export const labels = sqliteTable('labels', {
  id: text('id').primaryKey(),
  name: text('name').notNull().unique(),
  /** A CSS hex colour, e.g. "#2f6fde". */
  color: text('color').notNull(),
  createdAt: integer('created_at').notNull(),
});

export const conversationLabels = sqliteTable(
  'conversation_labels',
  {
    conversationId: text('conversation_id').notNull(),
    labelId: text('label_id').notNull().references(() => labels.id),
  },
  (t) => [primaryKey({ columns: [t.conversationId, t.labelId] }), index('conversation_labels_label').on(t.labelId)],
);

export const ticketLabels = sqliteTable(
  'ticket_labels',
  {
    ticketId: text('ticket_id').notNull(),
    labelId: text('label_id').notNull().references(() => labels.id),
  },
  (t) => [primaryKey({ columns: [t.ticketId, t.labelId] }), index('ticket_labels_label').on(t.labelId)],
);

/**
 * The Worker's VAPID key pair (P-256, base64url: the raw public point and the private scalar),
 * made on first need; one row, id "vapid". Unused when the deployment sets both VAPID secrets.
 */
export const vapidKeys = sqliteTable('vapid_keys', {
  id: text('id').primaryKey(),
  publicKey: text('public_key').notNull(),
  privateKey: text('private_key').notNull(),
  createdAt: integer('created_at').notNull(),
});

/** One device's Web Push subscription; the endpoint is the push service's unguessable URL for it. */
export const pushSubscriptions = sqliteTable(
  'push_subscriptions',
  {
    endpoint: text('endpoint').primaryKey(),
    agentId: text('agent_id').notNull().references(() => agents.id),
    /** The browser's ECDH public key and auth secret (base64url): what a payload is encrypted to. */
    p256dh: text('p256dh').notNull(),
    auth: text('auth').notNull(),
    /** The console's origin it was made from: the VAPID contact when no other is configured. */
    origin: text('origin').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('push_subscriptions_agent').on(t.agentId)],
);

/** What each agent wants to be told of, per event and channel; no row: the defaults. */
export const notificationPreferences = sqliteTable('notification_preferences', {
  agentId: text('agent_id').primaryKey().references(() => agents.id),
  choices: text('choices', { mode: 'json' }).$type<NotificationPreferences>().notNull(),
  updatedAt: integer('updated_at').notNull(),
});

// --- Reports (worker/reports/, docs/reports.md): written from the chats' outbox, never scanned by a page. ---

/** One row per chat that reached a queue: the moments its figures are made from, of its first stretch (before any reopen). */
export const reportChats = sqliteTable(
  'report_chats',
  {
    conversationId: text('conversation_id').primaryKey(),
    siteId: text('site_id').notNull(),
    /** The queue it came into, and the agent who first accepted it: transfers do not move its figures. */
    queueId: text('queue_id').notNull(),
    agentId: text('agent_id'),
    language: text('language'),
    /** The UTC hour it was queued in (ms): its row in `report_hours`. */
    hour: integer('hour').notNull(),
    queuedAt: integer('queued_at').notNull(),
    acceptedAt: integer('accepted_at'),
    firstResponseAt: integer('first_response_at'),
    endedAt: integer('ended_at'),
    missed: integer('missed').notNull().default(0),
    transferred: integer('transferred').notNull().default(0),
    reopened: integer('reopened').notNull().default(0),
    rating: integer('rating'),
    ratingComment: text('rating_comment'),
    ratedAt: integer('rated_at'),
  },
  (t) => [index('report_chats_hour').on(t.siteId, t.hour), index('report_chats_rated').on(t.siteId, t.ratedAt)],
);

const histogram = (prefix: string) => Object.fromEntries(bucketColumns(prefix).map((c) => [c, integer(c).notNull().default(0)]));
/** What every rollup row counts of its chats: sums, ratings by stars, and a histogram of each duration. */
const rollup = () => ({
  chats: integer('chats').notNull(),
  accepted: integer('accepted').notNull(),
  missed: integer('missed').notNull(),
  transferred: integer('transferred').notNull(),
  reopened: integer('reopened').notNull(),
  rated: integer('rated').notNull(),
  ratingSum: integer('rating_sum').notNull(),
  ...Object.fromEntries([1, 2, 3, 4, 5].map((r) => [`r${r}`, integer(`r${r}`).notNull().default(0)])),
  ...histogram(DURATIONS.wait),
  ...histogram(DURATIONS.firstResponse),
  ...histogram(DURATIONS.handle),
});

/** Per UTC hour, site, queue, agent and language: that hour's chats, counted from `report_chats`. */
export const reportHours = sqliteTable(
  'report_hours',
  {
    siteId: text('site_id').notNull(),
    hour: integer('hour').notNull(),
    queueId: text('queue_id').notNull(),
    /** '' for chats nobody accepted; '' for no language. */
    agentId: text('agent_id').notNull(),
    language: text('language').notNull(),
    ...rollup(),
  },
  (t) => [primaryKey({ columns: [t.siteId, t.hour, t.queueId, t.agentId, t.language] }), index('report_hours_hour').on(t.hour)],
);

/** The same per UTC day, counted from the hours: a long range reads its whole days here and only its edges by the hour. */
export const reportDays = sqliteTable(
  'report_days',
  {
    siteId: text('site_id').notNull(),
    day: integer('day').notNull(),
    queueId: text('queue_id').notNull(),
    agentId: text('agent_id').notNull(),
    language: text('language').notNull(),
    ...rollup(),
  },
  (t) => [primaryKey({ columns: [t.siteId, t.day, t.queueId, t.agentId, t.language] }), index('report_days_day').on(t.day)],
);

/** Per UTC hour, site and queue only: the charts and the heatmap over a year, unless filtered by agent or language. */
export const reportHourTotals = sqliteTable(
  'report_hour_totals',
  {
    siteId: text('site_id').notNull(),
    hour: integer('hour').notNull(),
    queueId: text('queue_id').notNull(),
    ...rollup(),
  },
  (t) => [primaryKey({ columns: [t.siteId, t.hour, t.queueId] }), index('report_hour_totals_hour').on(t.hour)],
);

/** Per UTC day, site, queue and agent (from the day rows): a year's figures by agent, or of one agent. */
export const reportAgentDays = sqliteTable(
  'report_agent_days',
  {
    siteId: text('site_id').notNull(),
    day: integer('day').notNull(),
    queueId: text('queue_id').notNull(),
    agentId: text('agent_id').notNull(),
    ...rollup(),
  },
  (t) => [primaryKey({ columns: [t.siteId, t.day, t.queueId, t.agentId] }), index('report_agent_days_day').on(t.day)],
);

/** Per UTC day, site, queue and language (from the day rows): a year's figures by language, or of one. */
export const reportLanguageDays = sqliteTable(
  'report_language_days',
  {
    siteId: text('site_id').notNull(),
    day: integer('day').notNull(),
    queueId: text('queue_id').notNull(),
    language: text('language').notNull(),
    ...rollup(),
  },
  (t) => [primaryKey({ columns: [t.siteId, t.day, t.queueId, t.language] }), index('report_language_days_day').on(t.day)],
);

/** Per UTC day, site and queue only (from the hour totals): a year's overview unless filtered by agent or language. */
export const reportDayTotals = sqliteTable(
  'report_day_totals',
  {
    siteId: text('site_id').notNull(),
    day: integer('day').notNull(),
    queueId: text('queue_id').notNull(),
    ...rollup(),
  },
  (t) => [primaryKey({ columns: [t.siteId, t.day, t.queueId] }), index('report_day_totals_day').on(t.day)],
);

/**
 * Per UTC hour, site, queue, agent, language and label: the labelled chats of the hour, counted from
 * `report_chats` and `conversation_labels` (again whenever a chat's labels change). A chat with two
 * labels is in both labels' rows.
 */
export const reportLabelHours = sqliteTable(
  'report_label_hours',
  {
    siteId: text('site_id').notNull(),
    hour: integer('hour').notNull(),
    queueId: text('queue_id').notNull(),
    agentId: text('agent_id').notNull(),
    language: text('language').notNull(),
    labelId: text('label_id').notNull(),
    ...rollup(),
  },
  (t) => [primaryKey({ columns: [t.siteId, t.hour, t.queueId, t.agentId, t.language, t.labelId] }), index('report_label_hours_hour').on(t.hour), index('report_label_hours_label').on(t.labelId)],
);

/** How long each agent was online (console open, status online) in each UTC hour: closed stretches, split by the hour. */
export const reportAgentHours = sqliteTable(
  'report_agent_hours',
  {
    agentId: text('agent_id').notNull(),
    hour: integer('hour').notNull(),
    onlineMs: integer('online_ms').notNull(),
  },
  (t) => [primaryKey({ columns: [t.agentId, t.hour] }), index('report_agent_hours_hour').on(t.hour)],
);

/** Agents online now, since when: the stretch `report_agent_hours` does not have yet. */
export const agentOnline = sqliteTable('agent_online', {
  agentId: text('agent_id').primaryKey(),
  since: integer('since').notNull(),
});

/** Tokens of the public API (`/api/v1`): only the token's SHA-256 is kept; revoking keeps the row for the record. */
export const apiTokens = sqliteTable(
  'api_tokens',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull(),
    /** The token's first characters, shown to tell tokens apart. */
    prefix: text('prefix').notNull(),
    scopes: text('scopes', { mode: 'json' }).$type<string[]>().notNull(),
    ratePerMinute: integer('rate_per_minute').notNull(),
    /** The admin who made it: the token acts with what that admin may see, and stops if they are no longer an admin. */
    createdBy: text('created_by').notNull(),
    createdAt: integer('created_at').notNull(),
    lastUsedAt: integer('last_used_at'),
    revokedAt: integer('revoked_at'),
  },
  (t) => [uniqueIndex('api_tokens_hash').on(t.tokenHash)],
);

/** Where events are posted, signed with the endpoint's secret (Standard Webhooks). */
export const webhooks = sqliteTable('webhooks', {
  id: text('id').primaryKey(),
  url: text('url').notNull(),
  events: text('events', { mode: 'json' }).$type<string[]>().notNull(),
  /** "whsec_" and the base64 key, as Standard Webhooks verifiers take it. */
  secret: text('secret').notNull(),
  enabled: integer('enabled', { mode: 'boolean' }).notNull().default(true),
  /** Why it was turned off by itself, if it was. */
  disabledReason: text('disabled_reason'),
  /** Since when every delivery has failed; null after a success. */
  failingSince: integer('failing_since'),
  createdBy: text('created_by').notNull(),
  createdAt: integer('created_at').notNull(),
});

/** One event to one endpoint: the log the admin page shows, and what "send again" sends. */
export const webhookDeliveries = sqliteTable(
  'webhook_deliveries',
  {
    id: text('id').primaryKey(),
    webhookId: text('webhook_id').notNull(),
    /** The event's id (`webhook-id`), the same on every attempt, for the receiver to de-duplicate. */
    eventId: text('event_id').notNull(),
    event: text('event').notNull(),
    payload: text('payload').notNull(),
    status: text('status', { enum: ['pending', 'delivered', 'failed'] }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    /** The receiver's HTTP status on the last attempt, or null when it could not be reached. */
    lastStatus: integer('last_status'),
    lastError: text('last_error'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [index('webhook_deliveries_endpoint').on(t.webhookId, t.createdAt), uniqueIndex('webhook_deliveries_event').on(t.webhookId, t.eventId)],
);
