/**
 * A chat's timers on its one alarm: the D1 flush (with retries) and the lifecycle's deadlines,
 * set to fit each state the chat moves into (`lifecycle.ts` says when each is due).
 */
import { DEFAULT_LIFECYCLE, isOver, type Lifecycle } from '../../protocol/chat';
import { Deadlines } from '../alarms/deadlines';
import type { ConversationMeta } from './conversation-meta';
import type { D1Outbox } from './d1-outbox';
import { idleDeadlines, missedAt, visitorLeftAt, type LifecycleDeadline } from './lifecycle';

/**
 * Changes reach D1 in batches, off the message's path: a burst of messages is one D1 write.
 * Short, so History and search are current within a blink; the outbox in the object's own
 * storage stays the source of truth, so an eviction before the flush loses nothing.
 */
const FLUSH_DELAY_MS = 250;
/** First retry of a failed D1 flush; doubles up to the cap. */
const RETRY_MS = 2_000;
const RETRY_CAP_MS = 60_000;

/** `reply_mail`: the agent's pause after replies the visitor, away, has not read (`unread-replies.ts`). */
export type ChatDeadline = 'flush' | 'reply_mail' | LifecycleDeadline;

export class ChatTimers {
  readonly deadlines: Deadlines<ChatDeadline>;
  private retryMs = RETRY_MS;

  constructor(
    storage: DurableObjectStorage,
    private readonly outbox: D1Outbox,
  ) {
    this.deadlines = new Deadlines(storage);
  }

  scheduleFlush(): Promise<void> {
    return this.deadlines.atMost('flush', Date.now() + FLUSH_DELAY_MS);
  }

  /** Copies the outbox to D1; on failure, tries again later, waiting longer each time. */
  async flush(): Promise<void> {
    if (await this.outbox.flush()) {
      this.retryMs = RETRY_MS;
      return;
    }
    await this.deadlines.set('flush', Date.now() + this.retryMs);
    this.retryMs = Math.min(this.retryMs * 2, RETRY_CAP_MS);
  }

  /** The visitor's last widget closed (or never opened): the chat ends unless they are back in time. */
  visitorGone(lifecycle: Lifecycle, now = Date.now()): Promise<void> {
    return this.deadlines.set('visitor_left', visitorLeftAt(lifecycle, now));
  }

  visitorBack(): Promise<void> {
    return this.deadlines.clear('visitor_left', 'reply_mail');
  }

  /** An agent replied while the visitor is away: the pause is counted from their latest reply. */
  replyPause(lifecycle: Lifecycle, at: number): Promise<void> {
    // Chats begun before the setting existed have the default.
    const seconds = lifecycle.replyMailSeconds ?? DEFAULT_LIFECYCLE.replyMailSeconds;
    return seconds > 0 ? this.deadlines.set('reply_mail', at + seconds * 1000) : Promise.resolve();
  }

  /** Someone wrote, or an agent took the chat: the idle clock starts again. */
  async idleFrom(lifecycle: Lifecycle, at: number): Promise<void> {
    const { warning, end } = idleDeadlines(lifecycle, at);
    await this.deadlines.set('idle_warning', warning);
    await this.deadlines.set('idle_end', end);
  }

  /** The timers a chat has in its new state: missed while waiting, idle while active, none once over. */
  async retime(before: ConversationMeta, next: ConversationMeta, now: number, visitorHere: boolean): Promise<void> {
    if (isOver(next.status)) return this.deadlines.clear('visitor_left', 'idle_warning', 'idle_end', 'missed');
    if (isOver(before.status) && !visitorHere) await this.visitorGone(next.lifecycle, now);
    if (next.status === 'waiting' && before.status !== 'waiting') await this.deadlines.set('missed', missedAt(next.lifecycle, now));
    if (next.status !== 'waiting') await this.deadlines.clear('missed');
    if (next.status === 'active' && before.status !== 'active') await this.idleFrom(next.lifecycle, now);
    if (next.status !== 'active') await this.deadlines.clear('idle_warning', 'idle_end');
  }
}
