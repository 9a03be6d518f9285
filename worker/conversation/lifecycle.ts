/**
 * The chat's timers, derived from its state: which deadlines a chat in a given state has, and
 * when. The ConversationDO keeps them on its alarm (`alarms/deadlines.ts`), so they fire whether
 * or not anyone has a console open. See docs/lifecycle.md.
 */
import { isOver, type Lifecycle } from '../../protocol/chat';
import type { ConversationMeta } from './conversation-meta';

export type LifecycleDeadline = 'visitor_left' | 'idle_warning' | 'idle_end' | 'missed';

const MINUTE_MS = 60_000;
/** The visitor is warned this long before an idle chat ends. */
export const IDLE_WARNING_MS = MINUTE_MS;

export const minutes = (n: number) => n * MINUTE_MS;

/** The visitor has no widget open: the chat ends after this long. */
export const visitorLeftAt = (lifecycle: Lifecycle, now: number) => now + minutes(lifecycle.visitorLeftMinutes);

/** Someone wrote (or an agent took the chat): when the visitor is warned, and when it ends. */
export function idleDeadlines(lifecycle: Lifecycle, now: number): { warning: number; end: number } {
  const end = now + minutes(lifecycle.inactivityMinutes);
  return { warning: end - IDLE_WARNING_MS, end };
}

/** A chat that starts waiting in a queue is missed if no agent takes it by then. */
export const missedAt = (lifecycle: Lifecycle, now: number) => now + minutes(lifecycle.missedMinutes);

/** Whether a chat that is over may still be reopened by its visitor. */
export const mayReopen = (meta: ConversationMeta, now: number) =>
  isOver(meta.status) && meta.overAt !== null && now - meta.overAt < minutes(meta.lifecycle.reopenMinutes);
