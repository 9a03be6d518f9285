/** REST request schemas (validated by the server) and response bodies. */
import * as v from 'valibot';
import type { AgentRole, AgentStatus, Attachment, Availability, ConversationSummary } from './chat';
import { AGENT_STATUSES } from './chat';
import { accountEmail, email, id, languageTag, password } from './fields';
import { MAX_MESSAGE_CHARS, MAX_NAME_CHARS } from './limits';
import { trimmedText } from './parse';

/** A solved Turnstile challenge, sent when a refusal named this field. */
export const turnstileToken = v.optional(v.pipe(v.string(), v.maxLength(2048)));

export const SignInBody = v.object({
  email: accountEmail,
  password: v.pipe(v.string(), v.minLength(1, 'must not be empty'), v.maxLength(200)),
  turnstileToken,
});

export interface ChallengeResponse {
  /** Null when the deployment has no Turnstile keys. */
  siteKey: string | null;
}

/** First run of a fresh deployment: the setup token, the first admin, and the first site. */
export const SetupBody = v.object({
  token: v.pipe(v.string(), v.minLength(1, 'must not be empty'), v.maxLength(200)),
  name: trimmedText(MAX_NAME_CHARS),
  email: accountEmail,
  password,
  siteName: trimmedText(MAX_NAME_CHARS),
});

export interface SetupResponse {
  agent: AgentProfile;
  site: { id: string; name: string };
}

export const StatusBody = v.object({
  status: v.picklist(AGENT_STATUSES, 'must be online, away, invisible or offline'),
});


/** Where a chat goes: exactly one of an agent or a queue. */
export const TransferBody = v.union(
  [v.object({ agentId: id }), v.object({ queueId: id })],
  'must name an agentId or a queueId',
);

export const InviteBody = TransferBody;

/** A missing `q` is an empty one, and refused as such. */
export const SearchQuery = v.object({
  q: v.optional(
    v.pipe(
      v.string(),
      v.trim(),
      v.minLength(1, 'must not be empty'),
      v.maxLength(200, 'must be at most 200 characters'),
      // FTS5 reads a NUL as the end of the query ("unterminated string"); no one searches for controls.
      v.regex(/^[^\0-\x08\x0e-\x1f\x7f]*$/, 'must not contain control characters'),
    ),
    '',
  ),
  /** Only conversations carrying this label. */
  label: v.optional(id),
});

/** Tickets carrying `label`, if given; the page after `cursor` (the `next` of the page before). */
export const TicketsQuery = v.object({
  label: v.optional(id),
  cursor: v.optional(v.pipe(v.string(), v.regex(/^\d{1,15}\.[\w-]{1,64}$/, 'must be the next cursor of an earlier page'))),
});

export const TicketBody = v.object({
  siteId: id,
  name: trimmedText(MAX_NAME_CHARS),
  email,
  message: trimmedText(MAX_MESSAGE_CHARS),
  /** The visitor's language: the ticket goes to the queue a chat in it would. */
  language: v.optional(languageTag),
  turnstileToken,
});

export const VisitorSessionBody = v.object({
  siteId: v.pipe(v.string(), v.minLength(1, 'must not be empty'), v.maxLength(64)),
});

export const StartConversationBody = v.object({
  name: v.optional(trimmedText(MAX_NAME_CHARS)),
  /** The visitor's language, e.g. "nb" or "en-GB"; routes to agents who speak it. */
  language: v.optional(languageTag),
  /** Pre-chat answers by field name; routing rules choose the queue from them. */
  answers: v.optional(
    v.pipe(
      v.record(v.pipe(v.string(), v.maxLength(40)), v.pipe(v.string(), v.maxLength(500))),
      v.check((a) => Object.keys(a).length <= 20, 'must have at most 20 answers'),
    ),
  ),
  /** The page the chat starts on: a mail of unread replies links back to it. */
  page: v.optional(v.pipe(v.string(), v.maxLength(2000, 'must be at most 2000 characters'), v.url('must be a URL'), v.regex(/^https?:/, 'must be an http(s) URL'))),
  turnstileToken,
});

/** A continuation link's token, from the fragment of the page it opened. */
export const ContinueBody = v.object({
  token: v.pipe(v.string('must be a string'), v.minLength(1, 'must not be empty'), v.maxLength(1000, 'must be at most 1000 characters')),
});

/** The visitor the link was for, and their conversation, open again. */
export interface ContinueResponse {
  token: string;
  visitorId: string;
  conversation: ConversationSummary;
}

export interface AgentProfile {
  id: string;
  email: string;
  name: string;
  role: AgentRole;
}

export interface SignInResponse {
  agent: AgentProfile;
}

export interface VisitorSessionResponse {
  token: string;
  visitorId: string;
}

export interface ConversationResponse {
  conversation: ConversationSummary | null;
}

/** What the widget needs before it shows itself. */
export interface SiteStatusResponse {
  /** False: the site has switched chat off; the widget stays hidden. */
  chatEnabled: boolean;
  availability: Availability;
  withinHours: boolean;
  /** Chat can start now; otherwise the widget offers the message form. */
  canChat: boolean;
  /** How long an agent usually takes to answer a chat started now, from the queues' recent waits; null until known. */
  expectedWaitMs: number | null;
  /** The Turnstile site key while the site is under attack: a chat or a message left needs a solved challenge. */
  challengeSiteKey: string | null;
}

export interface TeamMember {
  id: string;
  name: string;
  status: AgentStatus;
}

/** Who a chat can go to (Transfer) or who may join it (Invite): every agent with their status, and every queue. */
export interface DirectoryResponse {
  agents: TeamMember[];
  queues: Array<{ id: string; name: string }>;
}

/** A chat the agent acted on, as it is now. */
export interface ChatResponse {
  chat: ConversationSummary;
}

/** `open` until answered; `pending` while waiting on the customer; `solved` when done. */
export const TICKET_STATUSES = ['open', 'pending', 'solved'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export const TicketStatusBody = v.object({ status: v.picklist(TICKET_STATUSES, 'must be open, pending or solved') });

export interface Ticket {
  id: string;
  /** The queue whose members answer it; null when its site had none (then staff only). */
  queueId: string | null;
  name: string;
  /** Empty for a ticket filed from a chat whose visitor gave no address. */
  email: string;
  message: string;
  labels: string[];
  /** Pending once answered by mail: the customer has the next word. */
  status: TicketStatus;
  createdAt: number;
  /** What was written after `message`: the agents' answers and the customer's replies by mail, oldest first. */
  thread: TicketMessage[];
}

export interface TicketMessage {
  id: string;
  author: { role: 'visitor' | 'agent'; name: string };
  text: string;
  /** Files that came with a customer's mail: `/api/console/tickets/:id/files/:fileId`. */
  attachments: Attachment[];
  createdAt: number;
}

/** A page of tickets, newest first; `next` asks for the page after it (`?cursor=`), null on the last. */
export interface TicketPage {
  tickets: Ticket[];
  next: string | null;
}

/** An agent's answer to a ticket, mailed to the visitor. */
export const TicketReplyBody = v.object({ text: trimmedText(MAX_MESSAGE_CHARS) });
