/** Plain data that travels in frames and REST bodies alike. */

export type ParticipantRole = 'visitor' | 'agent';

export interface Author {
  role: ParticipantRole | 'system';
  /** Visitor or agent id; absent for system events. */
  id?: string;
  name: string;
}

/** What a system line in the conversation reports. */
export type SystemEvent = 'agent_joined' | 'agent_left' | 'invited' | 'transferred' | 'ended' | 'visitor_left' | 'inactive' | 'missed' | 'reopened';

/**
 * The names a system line is about, so each reader's client can word the line in its own
 * language; `text` keeps the English wording for agents, search and transcripts.
 */
export interface SystemActors {
  /** The agent who joined, left, was invited, or was handed the chat. */
  agent?: string;
  /** Who invited, transferred or ended: an agent's name, or the visitor's for an ending. */
  by?: string;
  /** The queue a chat was transferred to. */
  queue?: string;
  /** The visitor who left, came back, or was missed. */
  visitor?: string;
  /** How long the chat was quiet before it ended. */
  minutes?: string;
}

export interface ChatMessage {
  /** Position in the conversation, from 1, assigned by the Conversation DO. */
  seq: number;
  /** The sender's ULID for this message; the same id is never stored twice. */
  clientId: string;
  author: Author;
  text: string;
  /** Unix milliseconds when the server stored it. */
  at: number;
  event?: SystemEvent;
  /** With `event`: the names involved (absent on lines stored before they were kept). */
  actors?: SystemActors;
  /** Between agents only; a visitor never receives it. */
  private?: true;
  /** Files sent with the message (uploaded first, then named here by id). */
  attachments?: Attachment[];
  /** An agent's menu of answers: `text` is the question, the visitor picks one of these. */
  choices?: string[];
  /** The seq of the choices message this message answers. */
  replyTo?: number;
  /** A link or product card. */
  card?: Card;
  /** The customer wrote it by replying to a mail, not in the widget. */
  via?: 'email';
}

/** A file in R2, sent with a message. Downloaded from `/api/files/:id`. */
export interface Attachment {
  id: string;
  name: string;
  /** MIME type: text/*, application/pdf or image/*. */
  type: string;
  size: number;
}

/** A link or product preview built from the page's Open Graph tags. */
export interface Card {
  url: string;
  title: string;
  image?: string;
  price?: string;
  description?: string;
}

/** Who an agent account is: admins manage everything, supervisors the team's predefined messages and bans. */
export type AgentRole = 'admin' | 'supervisor' | 'agent';
export const AGENT_ROLES: readonly AgentRole[] = ['admin', 'supervisor', 'agent'];

/** How the widget looks and greets, set by an admin in the configurator. */
export interface WidgetSettings {
  /** "#rrggbb" */
  color: string;
  title: string;
  greeting: string;
  position: 'right' | 'left';
  /** The widget's language when the page and browser give none we have: en, de, es, fr. */
  language: string;
  showAgentPhoto: boolean;
  showDepartment: boolean;
  soundOn: boolean;
}

export const DEFAULT_WIDGET_SETTINGS: WidgetSettings = {
  color: '#2456d6',
  title: 'Chat with us',
  greeting: 'Hi! How can we help?',
  position: 'right',
  language: 'en',
  showAgentPhoto: true,
  showDepartment: true,
  soundOn: true,
};

/** One question of a site's pre-chat survey. `name` is the answer's key, used by routing rules. */
export interface SurveyField {
  name: string;
  label: string;
  kind: 'text' | 'email' | 'choice' | 'account';
  required: boolean;
  /** For `choice`. */
  options?: string[];
}

/** When the widget invites a visitor to chat by itself. All given conditions must hold. */
export interface ProactiveRule {
  id: string;
  message: string;
  /** Seconds on the current page. */
  afterSeconds?: number;
  /** A glob over the page URL: `*` matches any run of characters. */
  urlPattern?: string;
  returningOnly?: boolean;
}

/** How far each side has received and seen the conversation: "everything up to seq". */
export interface Progress {
  delivered: number;
  read: number;
}

/** Receipts of the visitor (any of their tabs) and of the agents (any agent in the chat). */
export type Receipts = Record<ParticipantRole, Progress>;

/** What the sender sees of their own message. */
export type DeliveryState = 'sending' | 'sent' | 'delivered' | 'read';

/**
 * `open` until the visitor's first message; `waiting` in a queue; `active` with an agent;
 * `ended` by a person or a timer; `missed` when no agent took it in time (it became a ticket).
 */
export type ConversationStatus = 'open' | 'waiting' | 'active' | 'ended' | 'missed';

/** A chat that can take no more messages (until it is reopened). */
export const isOver = (status: ConversationStatus) => status === 'ended' || status === 'missed';

/** When a site's chats end by themselves, in minutes. See docs/lifecycle.md. */
export interface Lifecycle {
  /** The visitor has had no widget open this long: the chat ends. */
  visitorLeftMinutes: number;
  /** No message from either side this long: the chat ends (the visitor is warned a minute before). */
  inactivityMinutes: number;
  /** Waiting in a queue this long without an agent: a missed chat, which becomes a ticket. */
  missedMinutes: number;
  /** A visitor who starts again this soon after an end reopens the same conversation. */
  reopenMinutes: number;
  /**
   * Replies the visitor has not read, while they have no widget open, are mailed to them once the
   * agent has written nothing more for this long (one mail per pause); 0: never.
   */
  replyMailSeconds: number;
}

export const DEFAULT_LIFECYCLE: Lifecycle = { visitorLeftMinutes: 10, inactivityMinutes: 30, missedMinutes: 5, reopenMinutes: 30, replyMailSeconds: 180 };

export interface AgentRef {
  id: string;
  name: string;
}

export interface ConversationSummary {
  id: string;
  status: ConversationStatus;
  visitorName: string;
  queueId: string;
  queueName: string;
  /** The agents in the chat, the one who took it first. */
  agents: AgentRef[];
  /** Whether any of the visitor's tabs is connected now. */
  visitorConnected: boolean;
}

/** Invisible: takes no offers and looks offline to visitors, but keeps working open chats. */
export type AgentStatus = 'online' | 'away' | 'invisible' | 'offline';
export const AGENT_STATUSES: readonly AgentStatus[] = ['online', 'away', 'invisible', 'offline'];

/** What visitors are told of a site's agents. */
export type Availability = 'online' | 'away' | 'offline';

/** Opening hours per weekday (0 = Sunday) as [from, to) pairs of "HH:MM", in `timeZone`. */
export interface BusinessHours {
  timeZone: string;
  days: Partial<Record<'0' | '1' | '2' | '3' | '4' | '5' | '6', Array<[string, string]>>>;
  /** Whole days closed, as "YYYY-MM-DD" in `timeZone`. */
  holidays?: string[];
  /** Shown by the widget outside these hours, above the message form. */
  closedMessage?: string;
}

/**
 * A chat offered to one agent, who has until `expiresAt` to answer: a waiting chat from a queue,
 * or an invitation from an agent already in the chat.
 */
export interface Offer {
  kind: 'chat' | 'invite';
  /** Who invited, for an invitation. */
  invitedBy?: string;
  conversationId: string;
  queueId: string;
  queueName: string;
  visitorName: string;
  preview: string;
  expiresAt: number;
}
