/**
 * The one client for a conversation socket, used by the widget and the console alike: says hello
 * with the last sequence it holds, merges the replay, and resends what was not acked (with the
 * same client ids, so nothing is stored twice). The line itself (reconnects, heartbeat, going
 * offline and online) is the shared reconnecting socket's.
 */
import type { Attachment, Card, ChatMessage, ConversationSummary, DeliveryState, ParticipantRole, Receipts } from '../chat';
import type { ClientFrame, ServerFrame } from '../conversation-frames';
import { ulid } from '../ids';
import { reconnectingSocket, type ReconnectingSocket, type SocketOptions } from './reconnecting-socket';

// Part of ClientOptions: a caller bringing its own socket or network names them from here.
export type { NetworkEvents, SocketLike } from './reconnecting-socket';

export type Connection = 'connecting' | 'open' | 'reconnecting' | 'closed';

/** What a message may carry besides its text (see the `message` frame). */
export interface MessageExtras {
  /** Agents only: a note for the other agents. */
  private?: boolean;
  /** Files already uploaded to this conversation. */
  attachments?: Attachment[];
  /** Agents only: answers for the visitor to pick from. */
  choices?: string[];
  /** The seq of the choices message this answers. */
  replyTo?: number;
  /** Agents only: a link or product card. */
  card?: Card;
}

export interface PendingMessage extends Omit<MessageExtras, 'private'> {
  clientId: string;
  text: string;
  at: number;
  private?: true;
}

const messageFrame = ({ at: _at, attachments, ...message }: PendingMessage): ClientFrame => ({
  type: 'message',
  ...message,
  ...(attachments ? { attachments: attachments.map((a) => a.id) } : {}),
});

export interface ChatState {
  connection: Connection;
  conversation: ConversationSummary | null;
  you: { role: ParticipantRole; id: string; name: string } | null;
  /** Stored messages, in sequence order, each once. */
  messages: ChatMessage[];
  /** Sent by this client and not yet acknowledged: shown as "sending". */
  pending: PendingMessage[];
  receipts: Receipts;
  /** While the chat waits for an agent: its place in line and the expected wait. */
  queue: { position: number; estimatedWaitMs: number } | null;
  /** Who on the other side is typing, if anyone. */
  typing: string | null;
  /** When the chat will end for inactivity, once the server has warned of it; cleared by any new message. */
  idleEndsAt: number | null;
  error: string | null;
}

type Timer = ReturnType<typeof setTimeout>;
const cancel = (timer: Timer | undefined) => timer !== undefined && clearTimeout(timer);

export interface ClientOptions extends Pick<SocketOptions<ServerFrame>, 'url' | 'WebSocketImpl' | 'reconnectBaseMs' | 'network'> {
  /** Keeps unsent messages across page reloads. */
  pendingStore?: { load(): PendingMessage[]; save(pending: PendingMessage[]): void };
}

/** Receipts are coalesced: one frame for a burst of arrivals. */
const RECEIPT_DELAY_MS = 100;
/** A message unacked this long on an open line goes again (the server ignores what it has). */
const ACK_TIMEOUT_MS = 5_000;

export const NO_RECEIPTS: Receipts = { visitor: { delivered: 0, read: 0 }, agent: { delivered: 0, read: 0 } };

export class ConversationClient {
  private state: ChatState;
  private readonly line: ReconnectingSocket<ClientFrame>;
  /** True once the server has welcomed this socket; messages wait for it so acks find `you`. */
  private welcomed = false;
  private readonly timers = new Set<Timer>();
  private readonly listeners = new Set<(state: ChatState) => void>();
  private sentMarks = { delivered: 0, read: 0 };
  private receiptTimer: Timer | undefined;
  private wantRead = false;
  /** Set while refused messages wait to be resent: newer ones wait behind them, to keep order. */
  private holding = false;
  private ackTimer: Timer | undefined;

  constructor(private readonly options: ClientOptions) {
    this.state = {
      connection: 'connecting',
      conversation: null,
      you: null,
      messages: [],
      pending: options.pendingStore?.load() ?? [],
      receipts: NO_RECEIPTS,
      queue: null,
      typing: null,
      idleEndsAt: null,
      error: null,
    };
    this.line = reconnectingSocket<ServerFrame, ClientFrame>({
      ...options,
      onOpen: () => this.line.send({ type: 'hello', after: this.lastSeq }),
      onFrame: (frame) => this.receive(frame),
      onClose: () => {
        this.welcomed = false;
        this.update({ connection: 'reconnecting', typing: null });
      },
    });
  }

  get current(): ChatState {
    return this.state;
  }

  subscribe(listener: (state: ChatState) => void): () => void {
    this.listeners.add(listener);
    listener(this.state);
    return () => this.listeners.delete(listener);
  }

  /**
   * Queues a message; it is sent now if connected, or as soon as the connection is back.
   * `private` (agents only) keeps it between the agents in the chat.
   */
  send(text: string, extras: MessageExtras = {}): string {
    const { private: isPrivate, ...content } = extras;
    const message: PendingMessage = { clientId: ulid(), text, at: Date.now(), ...content, ...(isPrivate ? { private: true } : {}) };
    this.update({ pending: [...this.state.pending, message] });
    if (this.welcomed && !this.holding) this.line.send(messageFrame(message));
    this.watchAcks();
    return message.clientId;
  }

  setTyping(typing: boolean): void {
    if (this.welcomed) this.line.send({ type: 'typing', typing });
  }

  /** The conversation is on screen: everything in it now, and arriving later, counts as read. */
  setVisible(visible: boolean): void {
    this.wantRead = visible;
    // Said at once: a glance at the panel counts, however soon it is closed again.
    if (visible) this.sendReceipts();
  }

  close(): void {
    this.line.close();
    cancel(this.receiptTimer);
    cancel(this.ackTimer);
    for (const timer of this.timers) cancel(timer);
    this.update({ connection: 'closed' });
  }

  private receive(frame: ServerFrame): void {
    switch (frame.type) {
      case 'welcome': {
        this.welcomed = true;
        this.update({
          connection: 'open',
          you: frame.you,
          conversation: frame.conversation,
          messages: merge(this.state.messages, frame.messages),
          pending: stillPending(this.state.pending, frame.messages),
          receipts: frame.receipts,
          error: null,
        });
        this.resendPending();
        return this.sendReceipts();
      }
      case 'message': {
        const last = this.lastSeq;
        if (frame.message.seq <= last) return;
        // The server says which message came before this one for us; if we lack it, frames
        // were missed: ask for everything after what we hold.
        if (frame.prev !== last) return this.line.send({ type: 'hello', after: last });
        // One of ours whose ack was lost: the log has it, so it is sent.
        const pending = stillPending(this.state.pending, [frame.message]);
        this.update({ messages: [...this.state.messages, frame.message], idleEndsAt: null, ...(pending.length < this.state.pending.length ? { pending } : {}) });
        return this.scheduleReceipts();
      }
      case 'queue':
        return this.update({ queue: frame.position > 0 ? { position: frame.position, estimatedWaitMs: frame.estimatedWaitMs } : null });
      case 'ack': {
        const sent = this.state.pending.find((p) => p.clientId === frame.clientId);
        const you = this.state.you;
        if (!sent || !you) return;
        // What was sent is what was stored: the text and any files, answer or card with it.
        const { at: _sentAt, private: _private, ...content } = sent;
        const stored: ChatMessage = { ...content, seq: frame.seq, author: you, at: frame.at };
        if (sent.private) stored.private = true;
        this.update({
          pending: this.state.pending.filter((p) => p.clientId !== frame.clientId),
          messages: merge(this.state.messages, [stored]),
          idleEndsAt: null,
        });
        return;
      }
      case 'receipts':
        return this.update({ receipts: frame.receipts });
      case 'idle_warning':
        return this.update({ idleEndsAt: frame.endsAt });
      case 'typing':
        return this.update({ typing: frame.typing ? frame.name : null });
      case 'conversation':
        return this.update({
          conversation: frame.conversation,
          ...(frame.conversation.status === 'waiting' ? {} : { queue: null }),
        });
      case 'error': {
        if (frame.code === 'rate_limited') {
          // Nothing was stored: keep the message as "sending" and try again when allowed.
          if (frame.clientId && !this.holding) {
            this.holding = true;
            this.later(() => {
              this.holding = false;
              this.resendPending();
            }, frame.retryAfterMs ?? 1000);
          }
          return;
        }
        // A refused message will never be acked: drop it from "sending" and say why.
        const pending = frame.clientId ? this.state.pending.filter((p) => p.clientId !== frame.clientId) : this.state.pending;
        return this.update({ pending, error: frame.message });
      }
    }
  }

  /** Everything not acked goes again, in order; the server ignores what it already has. */
  private resendPending(): void {
    if (!this.welcomed) return;
    for (const p of this.state.pending) this.line.send(messageFrame(p));
    this.watchAcks();
  }

  /** While anything waits for its ack, it goes again now and then: a lost ack or frame never leaves it "sending". */
  private watchAcks(): void {
    if (this.ackTimer !== undefined) return;
    this.ackTimer = setTimeout(() => {
      this.ackTimer = undefined;
      if (this.state.pending.length === 0) return;
      if (!this.holding) this.resendPending();
      this.watchAcks();
    }, ACK_TIMEOUT_MS);
  }

  /** Arrivals come in bursts: one receipt for the burst. */
  private scheduleReceipts(): void {
    if (this.receiptTimer !== undefined) return;
    this.receiptTimer = setTimeout(() => {
      this.receiptTimer = undefined;
      this.sendReceipts();
    }, RECEIPT_DELAY_MS);
  }

  private sendReceipts(): void {
    const last = this.lastSeq;
    if (!this.welcomed || last === 0) return;
    if (this.wantRead && last > this.sentMarks.read) {
      this.line.send({ type: 'read', seq: last });
      this.sentMarks = { delivered: last, read: last };
    } else if (last > this.sentMarks.delivered) {
      this.line.send({ type: 'delivered', seq: last });
      this.sentMarks.delivered = last;
    }
  }

  private get lastSeq(): number {
    return this.state.messages.at(-1)?.seq ?? 0;
  }

  private later(run: () => void, ms: number): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      run();
    }, ms);
    this.timers.add(timer);
  }

  private update(change: Partial<ChatState>): void {
    this.state = { ...this.state, ...change };
    if (change.pending) this.options.pendingStore?.save(change.pending);
    for (const listener of this.listeners) listener(this.state);
  }
}

/** What the author of a message sees of it: has the other side received it, read it? */
export function deliveryState(state: ChatState, message: ChatMessage): DeliveryState {
  const other: ParticipantRole = state.you?.role === 'visitor' ? 'agent' : 'visitor';
  const progress = state.receipts[other];
  if (progress.read >= message.seq) return 'read';
  if (progress.delivered >= message.seq) return 'delivered';
  return 'sent';
}

/** The pending messages the server's log does not show yet. */
function stillPending(pending: PendingMessage[], stored: ChatMessage[]): PendingMessage[] {
  if (pending.length === 0) return pending;
  const ids = new Set(stored.map((m) => m.clientId));
  return pending.filter((p) => !ids.has(p.clientId));
}

/** Adds messages to a seq-ordered list, once each, keeping the order. */
function merge(into: ChatMessage[], more: ChatMessage[]): ChatMessage[] {
  const bySeq = new Map(into.map((m) => [m.seq, m]));
  for (const m of more) bySeq.set(m.seq, m);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}
