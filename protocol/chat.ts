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
