/**
 * One agent: status, the offers and chats they hold, and the console's inbox sockets. The single
 * authority on whether the agent can take another chat, whichever queue asks.
 */
import { DurableObject } from 'cloudflare:workers';
import type { AgentStatus, ConversationSummary, Offer } from '../../protocol/chat';
import { PING, PONG } from '../../protocol/conversation-frames';
import type { InboxFrame } from '../../protocol/inbox-frames';
import { conversationStub, queueStub, type Env } from '../env';
import { send, upgradeRequired } from '../sockets/identity';

export interface AgentSetup {
  id: string;
  name: string;
  capacity: number;
  queueIds: string[];
}

export type AcceptResult = { ok: true; chat: ConversationSummary } | { ok: false };

interface AgentState {
  setup: AgentSetup | null;
  status: AgentStatus;
  offers: Offer[];
  chats: ConversationSummary[];
  /** What the queues were last told, so they hear only of changes; null: tell them again. */
  announced: boolean | null;
}

export class AgentDO extends DurableObject<Env> {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair(PING, PONG));
  }

  /** Called at sign-in: refreshes who the agent is and puts them online. */
  async signIn(setup: AgentSetup): Promise<void> {
    await this.update((s) => ({ ...s, setup, status: 'online', announced: null }));
    this.push({ type: 'status', status: 'online' });
  }

  /** Refreshes who the agent is (queues, capacity) without touching their status. */
  async register(setup: AgentSetup): Promise<void> {
    await this.update((s) => ({ ...s, setup, announced: null }));
  }

  async setStatus(status: AgentStatus): Promise<AgentStatus> {
    await this.update((s) => ({ ...s, status }));
    this.push({ type: 'status', status });
    return status;
  }

  /** A queue offers a chat. Refused when the agent cannot take it now. */
  async offer(offer: Offer): Promise<boolean> {
    const state = this.state;
    if (!this.canTakeChat(state)) {
      // The queue thought otherwise, so it missed a change: tell it again.
      await this.update((s) => ({ ...s, announced: null }));
      return false;
    }
    if (!state.offers.some((o) => o.conversationId === offer.conversationId)) {
      await this.update((s) => ({ ...s, offers: [...s.offers, offer] }));
    }
    this.push({ type: 'offer', offer });
    return true;
  }

  async withdrawOffer(conversationId: string, reason: 'expired' | 'taken'): Promise<void> {
    if (!this.state.offers.some((o) => o.conversationId === conversationId)) return;
    await this.update((s) => ({ ...s, offers: s.offers.filter((o) => o.conversationId !== conversationId) }));
    this.push({ type: 'offer_withdrawn', conversationId, reason });
  }

  async accept(conversationId: string): Promise<AcceptResult> {
    const { offers, setup } = this.state;
    const offer = offers.find((o) => o.conversationId === conversationId);
    if (!offer || !setup) return { ok: false };
    const claimed = await queueStub(this.env, offer.queueId).claim(conversationId, setup.id);
    if (!claimed) {
      await this.withdrawOffer(conversationId, 'expired');
      return { ok: false };
    }
    const chat = await conversationStub(this.env, conversationId).assignAgent({ id: setup.id, name: setup.name });
    await this.update((s) => ({
      ...s,
      offers: s.offers.filter((o) => o.conversationId !== conversationId),
      chats: [...s.chats.filter((c) => c.id !== conversationId), chat],
    }));
    this.push({ type: 'chat_assigned', chat });
    return { ok: true, chat };
  }

  async reject(conversationId: string): Promise<boolean> {
    const { offers, setup } = this.state;
    const offer = offers.find((o) => o.conversationId === conversationId);
    if (!offer || !setup) return false;
    await this.update((s) => ({ ...s, offers: s.offers.filter((o) => o.conversationId !== conversationId) }));
    await queueStub(this.env, offer.queueId).decline(conversationId, setup.id);
    return true;
  }

  snapshot(): InboxFrame & { type: 'inbox' } {
    const { status, offers, chats } = this.state;
    return { type: 'inbox', status, offers, chats };
  }

  override async fetch(request: Request): Promise<Response> {
    if (request.headers.get('Upgrade') !== 'websocket') return upgradeRequired();
    const [client, server] = Object.values(new WebSocketPair()) as [WebSocket, WebSocket];
    this.ctx.acceptWebSocket(server);
    send(server, this.snapshot());
    await this.announce();
    return new Response(null, { status: 101, webSocket: client });
  }

  /** The inbox is server-to-client only; actions go through the REST API. */
  override async webSocketMessage(ws: WebSocket): Promise<void> {
    send(ws, {
      type: 'error',
      code: 'unknown_frame',
      message: 'The inbox socket takes no frames; use the console API',
    } satisfies InboxFrame);
  }

  override async webSocketClose(ws: WebSocket, code: number): Promise<void> {
    ws.close(code === 1005 || code === 1006 ? 1000 : code, 'closed');
    await this.announce(ws);
  }

  private canTakeChat(state: AgentState, closing?: WebSocket): boolean {
    if (!state.setup || state.status !== 'online') return false;
    const connected = this.ctx.getWebSockets().some((ws) => ws !== closing && ws.readyState === WebSocket.OPEN);
    return connected && state.chats.length + state.offers.length < state.setup.capacity;
  }

  private async update(change: (s: AgentState) => AgentState): Promise<void> {
    this.ctx.storage.kv.put('state', change(this.state));
    await this.announce();
  }

  /** Tells the agent's queues when the agent becomes able, or unable, to take a chat. */
  private async announce(closing?: WebSocket): Promise<void> {
    const state = this.state;
    const available = this.canTakeChat(state, closing);
    if (available === state.announced || !state.setup) return;
    this.ctx.storage.kv.put('state', { ...state, announced: available });
    const { id, queueIds } = state.setup;
    await Promise.all(queueIds.map((q) => queueStub(this.env, q).setAgentAvailability(id, available)));
  }

  private push(frame: InboxFrame): void {
    for (const ws of this.ctx.getWebSockets()) send(ws, frame);
  }

  private get state(): AgentState {
    return (
      this.ctx.storage.kv.get<AgentState>('state') ?? { setup: null, status: 'offline', offers: [], chats: [], announced: null }
    );
  }
}
