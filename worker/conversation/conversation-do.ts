/**
 * One chat: its participants' sockets, its ordered message log, and the write-through of that
 * log to D1. The only writer of the chat's messages, so sequence numbers never race.
 */
import { DurableObject } from 'cloudflare:workers';
import type { ChatMessage, ConversationStatus, ConversationSummary } from '../../protocol/chat';
import { PING, PONG, parseClientFrame, type ClientFrame, type ServerFrame } from '../../protocol/conversation-frames';
import { ulid } from '../../protocol/ids';
import { queueStub, type Env } from '../env';
import { identityOf, send, upgradeRequired, type SocketIdentity } from '../sockets/identity';
import { SocketRateLimit } from '../sockets/rate-limit';
import { D1Outbox } from './d1-outbox';
import { MessageLog, type NewMessage } from './message-log';
import { ReceiptBook } from './receipts';

export interface ConversationMeta {
  id: string;
  siteId: string;
  queueId: string;
  queueName: string;
  visitorId: string;
  visitorName: string;
  status: ConversationStatus;
  agentId: string | null;
  agentName: string | null;
}

/** First retry of a failed D1 flush; doubles up to the cap. */
const RETRY_MS = 2_000;
const RETRY_CAP_MS = 60_000;

export class ConversationDO extends DurableObject<Env> {
  private readonly log: MessageLog;
  private readonly outbox: D1Outbox;
  private readonly receipts: ReceiptBook;
  private readonly rateLimit = new SocketRateLimit();
  private retryMs = RETRY_MS;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.log = new MessageLog(ctx.storage.sql);
    this.outbox = new D1Outbox(ctx.storage.sql, env.DB);
    this.receipts = new ReceiptBook(ctx.storage.sql);
    ctx.storage.sql.exec('CREATE TABLE IF NOT EXISTS meta (id INTEGER PRIMARY KEY CHECK (id = 1), data TEXT NOT NULL)');
    // Heartbeats are answered by the runtime, so idle sockets let the object hibernate.
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair(PING, PONG));
  }

  /** Creates the conversation (the first call wins; later calls return what exists). */
  open(meta: ConversationMeta): ConversationSummary {
    if (!this.meta) this.saveMeta(meta);
    return summarize(this.meta!);
  }

  summary(): ConversationSummary | null {
    const meta = this.meta;
    return meta && summarize(meta);
  }

  /** An agent took the chat: record it, tell everyone, and add a system line. */
  async assignAgent(agent: { id: string; name: string }): Promise<ConversationSummary> {
    const meta = this.requireMeta();
    const next: ConversationMeta = { ...meta, status: 'active', agentId: agent.id, agentName: agent.name };
    this.ctx.storage.transactionSync(() => {
      this.saveMeta(next);
      this.queueStatus(next);
    });
    this.broadcast({ type: 'conversation', conversation: summarize(next) });
    this.post(
      { role: 'system', name: 'Parley' },
      { clientId: ulid(), text: `${agent.name} joined the chat`, event: 'agent_joined' },
    );
    await this.flush();
    return summarize(next);
  }

  override async fetch(request: Request): Promise<Response> {
    if (request.headers.get('Upgrade') !== 'websocket') return upgradeRequired();
    const who = identityOf(request);
    const meta = this.meta;
    if (!who || !meta) return Response.json({ error: { code: 'not_found', message: 'No such conversation' } }, { status: 404 });
    const allowed = who.role === 'visitor' ? who.id === meta.visitorId : who.id === meta.agentId;
    if (!allowed) {
      return Response.json({ error: { code: 'forbidden', message: 'Not a participant of this conversation' } }, { status: 403 });
    }
    const identity: SocketIdentity = { ...who, name: who.role === 'visitor' ? meta.visitorName : who.name };
    const [client, server] = Object.values(new WebSocketPair()) as [WebSocket, WebSocket];
    this.ctx.acceptWebSocket(server, [identity.role]);
    server.serializeAttachment(identity);
    return new Response(null, { status: 101, webSocket: client });
  }

  override async webSocketMessage(ws: WebSocket, raw: string | ArrayBuffer): Promise<void> {
    const wait = this.rateLimit.take(ws);
    const parsed = parseClientFrame(raw);
    if (wait > 0) {
      // Said per message, so the client knows which one to send again, and when.
      const clientId = parsed.ok && parsed.value.type === 'message' ? parsed.value.clientId : undefined;
      return send(ws, {
        type: 'error',
        code: 'rate_limited',
        message: 'Too many frames; slow down',
        retryAfterMs: wait,
        ...(clientId ? { clientId } : {}),
      } satisfies ServerFrame);
    }
    if (!parsed.ok) return send(ws, { type: 'error', ...parsed.error } satisfies ServerFrame);
    try {
      await this.handle(ws, ws.deserializeAttachment() as SocketIdentity, parsed.value);
    } catch (err) {
      console.error('[ConversationDO.webSocketMessage]', err);
      send(ws, { type: 'error', code: 'internal', message: 'Something went wrong on our side' } satisfies ServerFrame);
    }
  }

  override async webSocketClose(ws: WebSocket, code: number): Promise<void> {
    // 1005 and 1006 say "no code": they may not be echoed back, so close with a normal code.
    ws.close(code === 1005 || code === 1006 ? 1000 : code, 'closed');
  }

  override async alarm(): Promise<void> {
    await this.flush();
  }

  private async handle(ws: WebSocket, who: SocketIdentity, frame: ClientFrame): Promise<void> {
    const meta = this.requireMeta();
    switch (frame.type) {
      case 'hello':
        return send(ws, {
          type: 'welcome',
          you: who,
          conversation: summarize(meta),
          messages: this.log.after(frame.after),
          receipts: this.receipts.get(),
        } satisfies ServerFrame);
      case 'delivered':
      case 'read':
        if (this.receipts.advance(who.role, frame.type, frame.seq, this.log.lastSeq)) {
          this.broadcast({ type: 'receipts', receipts: this.receipts.get() });
        }
        return;
      case 'typing':
        return this.broadcast({ type: 'typing', role: who.role, name: who.name, typing: frame.typing }, who.id);
      case 'message': {
        if (meta.status === 'ended') {
          return send(ws, { type: 'error', code: 'conversation_closed', message: 'This chat has ended', clientId: frame.clientId });
        }
        const { message, duplicate } = this.post(who, frame, ws);
        send(ws, { type: 'ack', clientId: message.clientId, seq: message.seq, at: message.at } satisfies ServerFrame);
        if (!duplicate && who.role === 'visitor' && meta.status === 'open') await this.enqueue(meta, message);
        await this.flush();
        return;
      }
    }
  }

  /**
   * Stores a message (once per client id) with its D1 copy queued in the same transaction,
   * and sends it to every socket but the sender's, which gets an ack instead.
   */
  private post(
    author: ChatMessage['author'],
    content: Pick<NewMessage, 'clientId' | 'text' | 'event'>,
    sender?: WebSocket,
  ): { message: ChatMessage; duplicate: boolean } {
    const meta = this.requireMeta();
    const result = this.ctx.storage.transactionSync(() => {
      const stored = this.log.append({ ...content, author, at: Date.now() });
      if (!stored.duplicate) this.outbox.add({ kind: 'message', conversationId: meta.id, message: stored.message });
      return stored;
    });
    if (!result.duplicate) {
      const frame: ServerFrame = { type: 'message', message: result.message };
      for (const ws of this.ctx.getWebSockets()) if (ws !== sender) send(ws, frame);
    }
    return result;
  }

  /** The visitor's first message puts the chat in its queue, with the message as preview. */
  private async enqueue(meta: ConversationMeta, first: ChatMessage): Promise<void> {
    await queueStub(this.env, meta.queueId).enqueue({
      conversationId: meta.id,
      queueId: meta.queueId,
      queueName: meta.queueName,
      visitorName: meta.visitorName,
      preview: first.text.slice(0, 200),
    });
    const next: ConversationMeta = { ...meta, status: 'waiting' };
    this.ctx.storage.transactionSync(() => {
      this.saveMeta(next);
      this.queueStatus(next);
    });
    this.broadcast({ type: 'conversation', conversation: summarize(next) });
  }

  private async flush(): Promise<void> {
    if (await this.outbox.flush()) {
      this.retryMs = RETRY_MS;
      return;
    }
    await this.ctx.storage.setAlarm(Date.now() + this.retryMs);
    this.retryMs = Math.min(this.retryMs * 2, RETRY_CAP_MS);
  }

  private broadcast(frame: ServerFrame, exceptId?: string): void {
    for (const ws of this.ctx.getWebSockets()) {
      if (exceptId && (ws.deserializeAttachment() as SocketIdentity).id === exceptId) continue;
      send(ws, frame);
    }
  }

  private queueStatus(meta: ConversationMeta): void {
    this.outbox.add({ kind: 'status', conversationId: meta.id, status: meta.status, agentId: meta.agentId, at: Date.now() });
  }

  private get meta(): ConversationMeta | null {
    const row = this.ctx.storage.sql.exec<{ data: string }>('SELECT data FROM meta WHERE id = 1').toArray()[0];
    return row ? (JSON.parse(row.data) as ConversationMeta) : null;
  }

  private requireMeta(): ConversationMeta {
    const meta = this.meta;
    if (!meta) throw new Error('conversation not opened');
    return meta;
  }

  private saveMeta(meta: ConversationMeta): void {
    this.ctx.storage.sql.exec('INSERT OR REPLACE INTO meta (id, data) VALUES (1, ?)', JSON.stringify(meta));
  }
}

function summarize(meta: ConversationMeta): ConversationSummary {
  const summary: ConversationSummary = { id: meta.id, status: meta.status, visitorName: meta.visitorName };
  if (meta.agentName) summary.agentName = meta.agentName;
  return summary;
}
