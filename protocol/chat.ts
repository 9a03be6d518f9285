/** Plain data that travels in frames and REST bodies alike. */

export type ParticipantRole = 'visitor' | 'agent';

export interface Author {
  role: ParticipantRole | 'system';
  /** Visitor or agent id; absent for system events. */
  id?: string;
  name: string;
}

/** What a system line in the conversation reports. */
export type SystemEvent = 'agent_joined';

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

export type ConversationStatus = 'open' | 'waiting' | 'active' | 'ended';

export interface ConversationSummary {
  id: string;
  status: ConversationStatus;
  visitorName: string;
  agentName?: string;
}

export type AgentStatus = 'online' | 'away' | 'offline';
export const AGENT_STATUSES: readonly AgentStatus[] = ['online', 'away', 'offline'];

/** A waiting chat offered to one agent, who has until `expiresAt` to answer. */
export interface Offer {
  conversationId: string;
  queueId: string;
  queueName: string;
  visitorName: string;
  preview: string;
  expiresAt: number;
}
