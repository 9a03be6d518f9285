/** What a queue holds and is told: its reference, a waiting chat, and an agent's report. */
import type { Availability } from '../../protocol/chat';

/** A queue as a chat knows it. */
export interface QueueRef {
  id: string;
  name: string;
  offerTimeoutMs: number;
}

export interface QueueEntry {
  conversationId: string;
  queueId: string;
  queueName: string;
  visitorName: string;
  preview: string;
  language: string | null;
  offerTimeoutMs: number;
}

/** What an Agent DO tells its queues about the agent whenever it changes. */
export interface AgentReport {
  agentId: string;
  /** Can take another chat now (online, console connected, below capacity). */
  available: boolean;
  /** What visitors may be told: invisible agents report offline. */
  presence: Availability;
  primaryLanguage: string;
  secondaryLanguages: string[];
}
