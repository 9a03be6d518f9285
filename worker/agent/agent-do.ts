/**
 * One agent: status, the offers and chats they hold, and the console's inbox sockets. The single
 * authority on whether the agent can take another chat, whichever queue or colleague asks.
 */
import { isOver, type AgentRef, type AgentStatus, type Availability, type ConversationSummary, type Offer } from '../../protocol/chat';
import { SIGNED_OUT, type InboxFrame } from '../../protocol/inbox-frames';
import { refuse, type Outcome } from '../conversation/outcome';
import { conversationStub, queueStub, type Env } from '../env';
import { notifyAgents } from '../notifications/notify';
import type { AgentReport } from '../queue/queue-types';
import type { AgentSetup } from './agent-setup';
import { Deadlines } from '../alarms/deadlines';
import { offlineStatements, onlineStatement } from '../reports/agent-time';
import { SocketDO } from '../sockets/socket-do';
import type { SocketIdentity } from '../sockets/socket-identity';

interface AgentState {
  setup: AgentSetup | null;
  status: AgentStatus;
  offers: Offer[];
  /** Chats the agent is in, ended ones too until the agent closes their tab. */
  chats: ConversationSummary[];
  /** What the queues were last told, so they hear only of changes; null: tell them again. */
  reported: string | null;
  /** When the agent's stretch online began (for the reports' agent time); null while not online. */
  onlineSince?: number | null;
}

const INITIAL: AgentState = { setup: null, status: 'offline', offers: [], chats: [], reported: null, onlineSince: null };

/** Minutes an agent with no console open stays online before going away, until their setup says. */
const DEFAULT_AWAY_AFTER_MINUTES = 5;

export class AgentDO extends SocketDO<Env, SocketIdentity, InboxFrame> {
  private cachedState: AgentState | undefined;
  /** The agent's one timer: away once no console has been open for a while. */
  private readonly deadlines: Deadlines<'away'>;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.deadlines = new Deadlines(ctx.storage);
  }

  /** Called at sign-in: refreshes who the agent is and puts them online. */
  async signIn(setup: AgentSetup): Promise<void> {
    await this.update((s) => ({ ...s, setup, status: 'online', reported: null }));
    this.push({ type: 'status', status: 'online' });
  }

  /** Refreshes who the agent is (queues, capacity, languages) without touching their status. */
  async register(setup: AgentSetup): Promise<void> {
    await this.update((s) => ({ ...s, setup, reported: null }));
  }

  async setStatus(status: AgentStatus): Promise<AgentStatus> {
    await this.update((s) => ({ ...s, status }));
    this.push({ type: 'status', status });
    return status;
  }

  /** Whether the agent can take one more chat right now. */
  canTake(): boolean {
    return this.canTakeChat(this.state);
  }

  /** A queue offers a chat, or a colleague invites the agent. Refused when they cannot take it now. */
  async offer(offer: Offer): Promise<boolean> {
    if (!this.canTakeChat(this.state)) {
      // The caller thought otherwise, so a queue missed a change: tell them again.
      await this.update((s) => ({ ...s, reported: null }));
      return false;
    }
    await this.update((s) => ({ ...s, offers: [...s.offers.filter((o) => o.conversationId !== offer.conversationId), offer] }));
    this.push({ type: 'offer', offer });
    // canTakeChat() held, so the agent's setup is known; their phone hears of it too.
    this.ctx.waitUntil(notifyAgents(this.env, [this.state.setup!.id], { kind: 'offer', offer }));
    return true;
  }

  /** An offer that timed out means nobody is at the desk: the agent goes away, so the next chat goes elsewhere. */
  async withdrawOffer(conversationId: string, reason: 'expired' | 'taken'): Promise<void> {
    if (!this.state.offers.some((o) => o.conversationId === conversationId)) return;
    await this.dropOffer(conversationId);
    this.push({ type: 'offer_withdrawn', conversationId, reason });
    if (reason === 'expired' && this.state.status === 'online') await this.setStatus('away');
  }

  async accept(conversationId: string): Promise<Outcome> {
    const { offers, setup } = this.state;
    const offer = offers.find((o) => o.conversationId === conversationId);
    if (!offer || !setup) return refuse('offer_gone', 'This chat is no longer offered to you');
    const me: AgentRef = { id: setup.id, name: setup.name };
    const conversation = conversationStub(this.env, conversationId);
    let outcome: Outcome;
    if (offer.kind === 'invite') {
      outcome = await conversation.joinByInvitation(me);
    } else if (await queueStub(this.env, offer.queueId).claim(conversationId, setup.id)) {
      outcome = await conversation.assignAgent(me);
    } else {
      outcome = refuse('offer_gone', 'This chat is no longer offered to you');
    }
    await this.withdrawOffer(conversationId, 'taken');
    return outcome;
  }

  async reject(conversationId: string): Promise<boolean> {
    const { offers, setup } = this.state;
    const offer = offers.find((o) => o.conversationId === conversationId);
    if (!offer || !setup) return false;
    await this.dropOffer(conversationId);
    if (offer.kind === 'invite') await conversationStub(this.env, conversationId).declineInvitation(setup.id);
    else await queueStub(this.env, offer.queueId).decline(conversationId, setup.id);
    return true;
  }

  /** A colleague hands the agent a chat; taken only if the agent has room for it now. */
  async receiveTransfer(conversationId: string, from: AgentRef): Promise<Outcome> {
    const { setup } = this.state;
    if (!setup || !this.canTakeChat(this.state)) return refuse('agent_unavailable', 'That agent cannot take a chat right now');
    return conversationStub(this.env, conversationId).transferToAgent(from, { id: setup.id, name: setup.name });
  }

  /** The chat's Durable Object reports a chat the agent is in: added or changed. */
  async updateChat(chat: ConversationSummary): Promise<void> {
    // An ended chat the agent already closed stays closed, whatever the visitor does next.
    if (isOver(chat.status) && !this.state.chats.some((c) => c.id === chat.id)) return;
    await this.update((s) => ({ ...s, chats: [...s.chats.filter((c) => c.id !== chat.id), chat] }));
    this.push({ type: 'chat', chat });
  }

  async removeChat(conversationId: string): Promise<void> {
    if (!this.state.chats.some((c) => c.id === conversationId)) return;
    await this.update((s) => ({ ...s, chats: s.chats.filter((c) => c.id !== conversationId) }));
    this.push({ type: 'chat_removed', conversationId });
  }

  chat(conversationId: string): ConversationSummary | null {
    return this.state.chats.find((c) => c.id === conversationId) ?? null;
  }

  snapshot(): InboxFrame & { type: 'inbox' } {
    const { status, offers, chats } = this.state;
    return { type: 'inbox', status, offers, chats, awayAfterMs: this.awayAfterMs() };
  }

  /** The console's inbox: the agent's own, as the router checked; it starts with a snapshot. */
  protected async onConnect(_request: Request, who: SocketIdentity): Promise<Response> {
    const { socket, response } = this.acceptSocket(who);
    this.send(socket, this.snapshot());
    await this.deadlines.clear('away');
    await this.report();
    return response;
  }

  /** The inbox is server-to-client only; actions go through the REST API. */
  protected onMessage(ws: WebSocket): void {
    this.send(ws, { type: 'error', code: 'unknown_frame', message: 'The inbox socket takes no frames; use the console API' });
  }

  protected override async onClose(): Promise<void> {
    if (this.sockets().length === 0) await this.deadlines.set('away', Date.now() + this.awayAfterMs());
    await this.report();
  }

  override async alarm(): Promise<void> {
    this.deadlines.fired();
    const due = this.deadlines.takeDue();
    if (due.includes('away') && this.sockets().length === 0 && this.state.status === 'online') await this.setStatus('away');
    await this.deadlines.arm();
  }

  private awayAfterMs(): number {
    return (this.state.setup?.awayAfterMinutes ?? DEFAULT_AWAY_AFTER_MINUTES) * 60_000;
  }

  /**
   * The agent's sessions were ended (deactivated, or a password reset): their open consoles lose
   * the inbox at once, and the chats they are in close their sockets too. Returns those chats.
   */
  async signedOut(): Promise<string[]> {
    for (const ws of this.sockets()) ws.close(SIGNED_OUT, 'signed out');
    await this.report();
    return this.state.chats.map((c) => c.id);
  }

  /** Pushes a frame to the agent's consoles, e.g. `refresh` after an admin changed what they show. */
  notify(frame: InboxFrame): void {
    this.push(frame);
  }

  /**
   * An admin changed the agent (queues, capacity, languages): queues they left hear they are gone,
   * the rest hear the new setup.
   */
  async reconfigure(setup: AgentSetup): Promise<void> {
    const left = (this.state.setup?.queueIds ?? []).filter((q) => !setup.queueIds.includes(q));
    const gone: AgentReport = { agentId: setup.id, available: false, presence: 'offline', primaryLanguage: setup.primaryLanguage, secondaryLanguages: setup.secondaryLanguages };
    await Promise.all(left.map((q) => queueStub(this.env, q).report(gone)));
    await this.register(setup);
  }

  private connected(): boolean {
    return this.sockets().length > 0;
  }

  private canTakeChat(state: AgentState): boolean {
    if (!state.setup || state.status !== 'online' || !this.connected()) return false;
    const open = state.chats.filter((c) => !isOver(c.status)).length;
    return open + state.offers.length < state.setup.capacity;
  }

  private presence(state: AgentState): Availability {
    if (!this.connected()) return 'offline';
    return state.status === 'online' || state.status === 'away' ? state.status : 'offline';
  }

  private async dropOffer(conversationId: string): Promise<void> {
    await this.update((s) => ({ ...s, offers: s.offers.filter((o) => o.conversationId !== conversationId) }));
  }

  private async update(change: (s: AgentState) => AgentState): Promise<void> {
    this.save(change(this.state));
    await this.report();
  }

  private save(state: AgentState): void {
    this.ctx.storage.kv.put('state', state);
    this.cachedState = state;
  }

  /** Tells the agent's queues when what they know of the agent changes. */
  private async report(): Promise<void> {
    const state = this.state;
    if (!state.setup) return;
    const { id, queueIds, primaryLanguage, secondaryLanguages } = state.setup;
    const report: AgentReport = {
      agentId: id,
      available: this.canTakeChat(state),
      presence: this.presence(state),
      primaryLanguage,
      secondaryLanguages,
    };
    const online = report.presence === 'online';
    if (online !== Boolean(state.onlineSince)) await this.timeOnline(id, online);
    const key = JSON.stringify(report);
    if (key === this.state.reported) return;
    this.save({ ...this.state, reported: key });
    await Promise.all(queueIds.map((q) => queueStub(this.env, q).report(report)));
  }

  /**
   * A stretch online begins or ends: the reports' agent time hears of it. Not retried: a D1
   * failure here costs the reports one stretch, never the agent their chats.
   */
  private async timeOnline(agentId: string, online: boolean): Promise<void> {
    const now = Date.now();
    const since = this.state.onlineSince;
    this.save({ ...this.state, onlineSince: online ? now : null });
    try {
      if (online) await onlineStatement(this.env.DB, agentId, now).run();
      else if (since) await this.env.DB.batch(offlineStatements(this.env.DB, agentId, since, now));
    } catch (err) {
      console.error('[AgentDO.timeOnline] D1 write failed; this stretch is not in the reports', err);
    }
  }

  private push(frame: InboxFrame): void {
    this.broadcast(frame);
  }

  /** Read from storage once per instance (hibernation makes a new one), then kept in step by `save`. */
  private get state(): AgentState {
    this.cachedState ??= this.ctx.storage.kv.get<AgentState>('state') ?? INITIAL;
    return this.cachedState;
  }
}
