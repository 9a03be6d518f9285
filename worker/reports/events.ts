/**
 * What the reports hear of a chat: the moments the Conversation DO passes, read off each change
 * of its state, and queued in its D1 outbox in the same transaction (no D1 round trip of their own).
 */
import type { ConversationMeta } from '../conversation/conversation-meta';

export type ReportEventKind = 'queued' | 'accepted' | 'first_reply' | 'transferred' | 'ended' | 'missed' | 'reopened';

export interface ReportEvent {
  kind: 'report';
  event: ReportEventKind;
  conversationId: string;
  siteId: string;
  queueId: string;
  agentId: string | null;
  language: string | null;
  at: number;
}

const event = (meta: ConversationMeta, kind: ReportEventKind, at: number): ReportEvent => ({
  kind: 'report',
  event: kind,
  conversationId: meta.id,
  siteId: meta.siteId,
  queueId: meta.queue.id,
  agentId: meta.agents[0]?.id ?? null,
  language: meta.language,
  at,
});

/** The event one change of state is, if any: the states are drawn in docs/lifecycle.md. */
export function reportEventOf(before: ConversationMeta, next: ConversationMeta, at: number): ReportEvent | null {
  const was = before.status;
  const is = next.status;
  if (was !== 'waiting' && is === 'waiting') return event(next, was === 'active' ? 'transferred' : 'queued', at);
  if (was === 'waiting' && is === 'active') return event(next, 'accepted', at);
  if (is === 'ended' && was !== 'ended') return event(next, 'ended', at);
  if (is === 'missed' && was !== 'missed') return event(next, 'missed', at);
  if ((was === 'ended' || was === 'missed') && is === 'open') return event(next, 'reopened', at);
  // Handed to an agent who was not in the chat (one who was, taking over as another leaves, is no transfer).
  const lead = next.agents[0];
  if (was === 'active' && is === 'active' && lead && !before.agents.some((a) => a.id === lead.id)) return event(next, 'transferred', at);
  return null;
}

/** An agent's first public message in the chat: the end of the first response time. */
export const firstReplyEvent = (meta: ConversationMeta, at: number): ReportEvent => event(meta, 'first_reply', at);
