/**
 * The one client for a conversation socket, used by the widget and the console alike: connects,
 * says hello with the last sequence it holds, merges the replay, resends what was not acked
 * (with the same client ids, so nothing is stored twice), and reconnects with backoff.
 */
import type { ChatMessage, ConversationSummary, ParticipantRole } from '../chat';
import { PING, type ServerFrame } from '../conversation-frames';
import { ulid } from '../ids';
import { backoffDelay } from './backoff';

export type Connection = 'connecting' | 'open' | 'reconnecting' | 'closed';

export interface PendingMessage {
  clientId: string;
  text: string;
  at: number;
}

export interface ChatState {
  connection: Connection;
  conversation: ConversationSummary | null;
  you: { role: ParticipantRole; id: string; name: string } | null;
  /** Stored messages, in sequence order, each once. */
  messages: ChatMessage[];
  /** Sent by this client and not yet acknowledged: shown as "sending". */
  pending: PendingMessage[];
  /** Who on the other side is typing, if anyone. */
  typing: string | null;
  error: string | null;
}

export interface ClientOptions {
  /** Called for every (re)connect, so a token can be refreshed in between. */
  url: () => string | Promise<string>;
  /** Keeps unsent messages across page reloads. */
  pendingStore?: { load(): PendingMessage[]; save(pending: PendingMessage[]): void };
  WebSocketImpl?: typeof WebSocket;
}

const HEARTBEAT_MS = 25_000;

export class ConversationClient {
  private state: ChatState;
  private socket: WebSocket | null = null;
  /** True once the server has welcomed this socket; messages wait for it so acks find `you`. */
  private welcomed = false;
  private attempts = 0;
  private stopped = false;
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private readonly listeners = new Set<(state: ChatState) => void>();

  constructor(private readonly options: ClientOptions) {
    this.state = {
      connection: 'connecting',
      conversation: null,
      you: null,
      messages: [],
      pending: options.pendingStore?.load() ?? [],
      typing: null,
      error: null,
    };
    void this.connect();
  }

  get current(): ChatState {
    return this.state;
  }

  subscribe(listener: (state: ChatState) => void): () => void {
    this.listeners.add(listener);
    listener(this.state);
    return () => this.listeners.delete(listener);
  }

  /** Queues a message; it is sent now if connected, or as soon as the connection is back. */
  send(text: string): string {
    const message: PendingMessage = { clientId: ulid(), text, at: Date.now() };
    this.update({ pending: [...this.state.pending, message] });
    if (this.welcomed) this.transmit({ type: 'message', clientId: message.clientId, text });
    return message.clientId;
  }

  setTyping(typing: boolean): void {
    this.transmit({ type: 'typing', typing });
  }

  close(): void {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.socket?.close(1000, 'client closed');
    this.update({ connection: 'closed' });
  }

  private async connect(): Promise<void> {
    let url: string;
    try {
      url = await this.options.url();
    } catch {
      return this.retry();
    }
    if (this.stopped) return;
    const Impl = this.options.WebSocketImpl ?? WebSocket;
    const socket = new Impl(url);
    this.socket = socket;
    socket.onopen = () => {
      this.attempts = 0;
      this.transmit({ type: 'hello', after: this.lastSeq });
    };
    socket.onmessage = (event) => {
      if (event.data === 'pong') return;
      this.receive(JSON.parse(event.data as string) as ServerFrame);
    };
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.welcomed = false;
      this.retry();
    };
    this.later(() => this.heartbeat(socket), HEARTBEAT_MS);
  }

  private retry(): void {
    if (this.stopped) return;
    this.update({ connection: 'reconnecting', typing: null });
    this.later(() => void this.connect(), backoffDelay(this.attempts++));
  }

  private heartbeat(socket: WebSocket): void {
    if (this.socket !== socket) return;
    if (socket.readyState === socket.OPEN) socket.send(PING);
    this.later(() => this.heartbeat(socket), HEARTBEAT_MS);
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
          error: null,
        });
        // Everything not acked goes again, in order; the server ignores what it already has.
        for (const p of this.state.pending) this.transmit({ type: 'message', clientId: p.clientId, text: p.text });
        return;
      }
      case 'message': {
        const last = this.lastSeq;
        if (frame.message.seq <= last) return;
        // A gap means frames were missed: ask for everything after what we hold.
        if (frame.message.seq > last + 1) return this.transmit({ type: 'hello', after: last });
        this.update({ messages: [...this.state.messages, frame.message] });
        return;
      }
      case 'ack': {
        const sent = this.state.pending.find((p) => p.clientId === frame.clientId);
        const you = this.state.you;
        if (!sent || !you) return;
        const stored: ChatMessage = { seq: frame.seq, clientId: sent.clientId, author: you, text: sent.text, at: frame.at };
        this.update({
          pending: this.state.pending.filter((p) => p.clientId !== frame.clientId),
          messages: merge(this.state.messages, [stored]),
        });
        return;
      }
      case 'typing':
        return this.update({ typing: frame.typing ? frame.name : null });
      case 'conversation':
        return this.update({ conversation: frame.conversation });
      case 'error': {
        // A refused message will never be acked: drop it from "sending" and say why.
        const pending = frame.clientId ? this.state.pending.filter((p) => p.clientId !== frame.clientId) : this.state.pending;
        return this.update({ pending, error: frame.message });
      }
    }
  }

  private transmit(frame: object): void {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(frame));
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

/** Adds messages to a seq-ordered list, once each, keeping the order. */
function merge(into: ChatMessage[], more: ChatMessage[]): ChatMessage[] {
  const bySeq = new Map(into.map((m) => [m.seq, m]));
  for (const m of more) bySeq.set(m.seq, m);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}
