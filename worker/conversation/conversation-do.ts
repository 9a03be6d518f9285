/**
 * One chat: its participants and their sockets, its ordered message log, and the write-through
 * of that log to D1. The only writer of the chat's messages and participants, so sequence
 * numbers and joins, transfers and endings never race.
 */
import { isOver, type AgentRef, type Attachment, type ChatMessage, type ConversationSummary } from '../../protocol/chat';
import { parseClientFrame, type ClientFrame, type ServerFrame } from '../../protocol/conversation-frames';
import { ulid } from '../../protocol/ids';
import { queueStub, type Env } from '../env';
import { errorResponse } from '../http/errors';
import { SocketDO } from '../sockets/socket-do';
import type { SocketIdentity } from '../sockets/socket-identity';
import { SIGNED_OUT } from '../../protocol/inbox-frames';
import { SharedRateLimit, SocketRateLimit } from '../sockets/rate-limit';
import { CHAT_MESSAGE_BURST, CHAT_MESSAGES_PER_SECOND } from '../../protocol/limits';
import { D1Outbox } from './d1-outbox';
import { messageContent, type UploadedFile } from './message-content';
import { MessageLog, type NewMessage } from './message-log';
import { systemLine, type SystemLine } from './system-line';
import { refuse, type Outcome, type Refusal } from './outcome';
import { ReceiptBook } from './receipts';
import { MetaStore, type ConversationMeta, type NewConversation } from './conversation-meta';
import { queueEntry, tellAgents } from './peers';
import type { QueueRef } from '../queue/queue-types';
import { transcriptText } from '../history/transcript';
import { ChatTimers, type ChatDeadline } from './chat-timers';
import { mayReopen } from './lifecycle';
import { notifyChatMessage } from '../notifications/chat-messages';
import { notifyMissedChat } from '../notifications/missed-chat';
import { isReply, mailUnreadReplies } from './unread-replies';
import { firstReplyEvent, reportEventOf } from '../reports/events';
import { chatEvents, missedChatTickets } from '../webhooks/chat-events';
import { publish } from '../webhooks/publish';

/** What `postFromApi` answers: the stored message, or why not. */
export type Posted = { ok: true; message: ChatMessage } | Refusal;

const SYSTEM: ChatMessage['author'] = { role: 'system', name: 'Parley' };

export class ConversationDO extends SocketDO<Env, SocketIdentity, ServerFrame> {
  private readonly log: MessageLog;
  private readonly outbox: D1Outbox;
  private readonly receipts: ReceiptBook;
  private readonly rateLimit = new SocketRateLimit();
  /** The visitor's messages over all their sockets: opening more tabs sends no faster. */
  private readonly visitorMessages = new SharedRateLimit(CHAT_MESSAGE_BURST, CHAT_MESSAGES_PER_SECOND);
  private readonly timers: ChatTimers;
  private readonly state: MetaStore;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.state = new MetaStore(ctx.storage.kv);
    this.log = new MessageLog(ctx.storage.sql);
    this.outbox = new D1Outbox(ctx.storage.sql, env.DB, async (entries) => publish(env, [...chatEvents(entries), ...(await missedChatTickets(env.DB, entries))]));
    this.receipts = new ReceiptBook(ctx.storage.sql);
    this.timers = new ChatTimers(ctx.storage, this.outbox);
  }

  /** Creates the conversation (the first call wins; later calls return what exists). */
  async open(init: NewConversation): Promise<ConversationSummary> {
    if (!this.state.get()) {
      this.state.save({ ...init, status: 'open', agents: [], invitation: null, queuePosition: null, overAt: null });
      // A visitor who never connects leaves a chat that ends by itself like any other.
      if (this.sockets('visitor').length === 0) await this.timers.visitorGone(init.lifecycle);
    }
    return this.summary()!;
  }

  /**
   * The visitor starts again soon after the chat ended (or was missed): the same conversation
   * goes on, back in line at their next message. Refused once the site's reopen window is over,
   * unless `anyTime` (the visitor came back by the continuation link or a reply mail, which
   * answer this very conversation).
   */
  async reopen({ anyTime = false } = {}): Promise<Outcome> {
    const meta = this.state.get();
    // Retention may have deleted it since a mail linked to it.
    if (!meta) return refuse('not_found', 'This conversation no longer exists');
    if (!isOver(meta.status)) return { ok: true, conversation: this.summary()! };
    if (!anyTime && !mayReopen(meta, Date.now())) return refuse('chat_closed', 'This chat has ended');
    return this.change({ ...meta, status: 'open', agents: [], invitation: null, queuePosition: null }, [systemLine('reopened', { visitor: meta.visitorName })]);
  }

  /**
   * The visitor answered a mail: their words join the chat as if written in the widget, marked as
   * mail (an ended chat reopens and goes back in line). Keyed by the mail's Message-ID, so a mail
   * delivered twice is added once.
   */
  async fromMail(mail: { key: string; text: string; attachments: Attachment[] }): Promise<Outcome> {
    const reopened = await this.reopen({ anyTime: true });
    if (!reopened.ok) return reopened;
    const meta = this.state.require();
    const author = { role: 'visitor' as const, id: meta.visitorId, name: meta.visitorName };
    const { message, duplicate } = await this.post(author, { clientId: `mail:${mail.key}`, text: mail.text, via: 'email', ...(mail.attachments.length ? { attachments: mail.attachments } : {}) });
    if (!duplicate) await this.afterMessage(meta, 'visitor', message);
    return { ok: true, conversation: this.summary()! };
  }

  summary(): ConversationSummary | null {
    const meta = this.state.get();
    if (!meta) return null;
    return {
      id: meta.id,
      status: meta.status,
      visitorName: meta.visitorName,
      queueId: meta.queue.id,
      queueName: meta.queue.name,
      agents: meta.agents,
      visitorConnected: this.sockets('visitor').length > 0,
    };
  }

  // --- Participants. Each change is saved, told to the sockets and to the agents' DOs. ---

  /** The queue's offer was accepted: the agent takes the chat. */
  async assignAgent(agent: AgentRef): Promise<Outcome> {
    const meta = this.state.require();
    if (isOver(meta.status)) return refuse('chat_closed', meta.status === 'missed' ? 'This chat was missed and became a ticket' : 'This chat has ended');
    return this.change({ ...meta, status: 'active', agents: [agent], queuePosition: null }, [
      systemLine('agent_joined', { agent: agent.name }),
    ]);
  }

  async invite(target: AgentRef, by: AgentRef, timeoutMs: number): Promise<Outcome> {
    const meta = this.state.require();
    const refused = this.refuseUnlessParticipant(meta, by.id);
    if (refused) return refused;
    if (meta.agents.some((a) => a.id === target.id)) return refuse('already_in_chat', `${target.name} is already in this chat`);
    if (meta.invitation && meta.invitation.expiresAt > Date.now()) {
      return refuse('invitation_pending', 'Wait for the pending invitation to be answered');
    }
    const invitation = { agentId: target.id, by: by.id, expiresAt: Date.now() + timeoutMs };
    return this.change({ ...meta, invitation }, [systemLine('invited', { by: by.name, agent: target.name })]);
  }

  async joinByInvitation(agent: AgentRef): Promise<Outcome> {
    const meta = this.state.require();
    const { invitation } = meta;
    if (isOver(meta.status)) return refuse('chat_closed', 'This chat has ended');
    if (!invitation || invitation.agentId !== agent.id || invitation.expiresAt <= Date.now()) {
      return refuse('offer_gone', 'This invitation has expired');
    }
    return this.change({ ...meta, invitation: null, agents: [...meta.agents, agent] }, [
      systemLine('agent_joined', { agent: agent.name }),
    ]);
  }

  async declineInvitation(agentId: string): Promise<void> {
    const meta = this.state.require();
    if (meta.invitation?.agentId === agentId) await this.change({ ...meta, invitation: null }, []);
  }

  /** An invited agent, or the one who invited, leaves the others to carry on. */
  async leave(agent: AgentRef): Promise<Outcome> {
    const meta = this.state.require();
    const refused = this.refuseUnlessParticipant(meta, agent.id);
    if (refused) return refused;
    if (meta.agents.length === 1) return refuse('last_agent', 'You are the only agent here: transfer or end the chat instead');
    return this.change({ ...meta, agents: meta.agents.filter((a) => a.id !== agent.id) }, [
      systemLine('agent_left', { agent: agent.name }),
    ]);
  }

  /** Hands the chat from one agent to another, who has already said they can take it. */
  async transferToAgent(from: AgentRef, to: AgentRef): Promise<Outcome> {
    const meta = this.state.require();
    const refused = this.refuseUnlessParticipant(meta, from.id);
    if (refused) return refused;
    if (meta.agents.some((a) => a.id === to.id)) return refuse('already_in_chat', `${to.name} is already in this chat`);
    const agents = meta.agents.map((a) => (a.id === from.id ? to : a));
    return this.change({ ...meta, agents }, [systemLine('transferred', { by: from.name, agent: to.name })]);
  }

  /** Puts the chat back in line, in another queue (or the same), for the next free agent. */
  async transferToQueue(from: AgentRef, queue: QueueRef): Promise<Outcome> {
    const meta = this.state.require();
    const refused = this.refuseUnlessParticipant(meta, from.id);
    if (refused) return refused;
    const outcome = await this.change({ ...meta, status: 'waiting', queue, agents: [], invitation: null }, [
      systemLine('transferred', { by: from.name, queue: queue.name }),
    ]);
    await this.enqueue();
    return outcome;
  }

  /** `site`: the site itself ended it (the public API), whoever was in the chat. */
  async end(by: { role: 'visitor' | 'agent' | 'site'; id: string; name: string }): Promise<Outcome> {
    const meta = this.state.require();
    // Who asks comes first: an ended chat's summary is for those who were in it.
    if (by.role === 'agent' && !meta.agents.some((a) => a.id === by.id)) return refuse('not_in_chat', 'You are not in this chat');
    if (isOver(meta.status)) return { ok: true, conversation: this.summary()! };
    if (meta.status === 'waiting') await queueStub(this.env, meta.queue.id).remove(meta.id);
    const who = by.role === 'visitor' ? meta.visitorName : by.name;
    return this.change({ ...meta, status: 'ended', invitation: null, queuePosition: null }, [systemLine('ended', { by: who })]);
  }

  /**
   * A message from outside the chat's sockets (the public API): as an agent in the chat, or as the
   * site (no id). It is stored and sent exactly as one typed in the console.
   */
  async postFromApi(author: ChatMessage['author'], content: { clientId: string; text: string; private?: true }): Promise<Posted> {
    const meta = this.state.get();
    if (!meta) return refuse('not_found', 'No such conversation');
    if (isOver(meta.status)) return refuse('chat_closed', 'This chat has ended');
    if (author.id && !meta.agents.some((a) => a.id === author.id)) return refuse('not_in_chat', 'This agent is not in the chat');
    const { message, duplicate } = await this.post(author, content);
    if (!duplicate) await this.afterMessage(meta, 'agent', message);
    return { ok: true, message };
  }

  /** The visitor gave (or identify() set) their name: the chat and the agents' tabs show it. */
  async renameVisitor(visitorName: string): Promise<void> {
    const meta = this.state.get();
    if (!meta || isOver(meta.status) || meta.visitorName === visitorName) return;
    this.state.save({ ...meta, visitorName });
    const summary = this.summary()!;
    this.broadcast({ type: 'conversation', conversation: summary });
    await tellAgents(this.env, summary.agents, summary);
  }

  /** The queue tells a waiting chat where it stands; the visitor sees it live. */
  queuePosition(position: number, estimatedWaitMs: number): void {
    const meta = this.state.get();
    if (!meta || meta.status !== 'waiting') return;
    this.state.save({ ...meta, queuePosition: { position, estimatedWaitMs } });
    this.toVisitors({ type: 'queue', position, estimatedWaitMs });
  }

  // --- Sockets ---

  /** Participants only: the chat's visitor, or an agent in it now. */
  protected async onConnect(_request: Request, who: SocketIdentity): Promise<Response> {
    const meta = this.state.get();
    if (!meta) return errorResponse(404, { code: 'not_found', message: 'No such conversation' });
    const allowed = who.role === 'visitor' ? who.id === meta.visitorId : meta.agents.some((a) => a.id === who.id);
    if (!allowed) return errorResponse(403, { code: 'forbidden', message: 'Not a participant of this conversation' });
    const identity: SocketIdentity = { ...who, name: who.role === 'visitor' ? meta.visitorName : who.name };
    const firstVisitorSocket = who.role === 'visitor' && this.sockets('visitor').length === 0;
    const { response } = this.acceptSocket(identity, [identity.role]);
    if (firstVisitorSocket) {
      // Back in the widget: they will read the replies there, so none are mailed.
      await this.timers.visitorBack();
      await this.presenceChanged();
    }
    return response;
  }

  protected async onMessage(ws: WebSocket, raw: string | ArrayBuffer): Promise<void> {
    const parsed = parseClientFrame(raw);
    const clientId = parsed.ok && parsed.value.type === 'message' ? parsed.value.clientId : undefined;
    const wait = this.rateLimit.take(ws, clientId);
    if (wait > 0) {
      this.refusedCopy(this.rateLimit, ws, clientId);
      // Said per message, so the client knows which one to send again, and when.
      return this.send(ws, {
        type: 'error',
        code: 'rate_limited',
        message: 'Too many frames; slow down',
        retryAfterMs: wait,
        ...(clientId ? { clientId } : {}),
      });
    }
    if (!parsed.ok) return this.send(ws, { type: 'error', ...parsed.error });
    const who = this.identity(ws);
    if (who.role === 'visitor' && clientId) {
      const chatWait = this.visitorMessages.take(ws, clientId);
      if (chatWait > 0) {
        this.refusedCopy(this.visitorMessages, ws, clientId);
        return this.send(ws, { type: 'error', code: 'rate_limited', message: 'Too many messages in this chat; slow down', retryAfterMs: chatWait, clientId });
      }
    }
    await this.handle(ws, who, parsed.value);
  }

  /**
   * A refused copy of a stored message (its ack was lost) must not hold the socket's turn: its
   * sender, acked once, never sends it again, so every later message would wait for it. Looked
   * up only on a refusal, which keeps the message path's reads as they were.
   */
  private refusedCopy(limit: { release(ws: WebSocket, clientId: string): void }, ws: WebSocket, clientId: string | undefined): void {
    if (clientId && this.log.has(clientId)) limit.release(ws, clientId);
  }

  protected override async onClose(ws: WebSocket): Promise<void> {
    if (this.identity(ws).role !== 'visitor' || this.sockets('visitor').length > 0) return;
    const meta = this.state.require();
    if (!isOver(meta.status)) await this.timers.visitorGone(meta.lifecycle);
    await this.presenceChanged();
  }

  override async alarm(): Promise<void> {
    this.timers.deadlines.fired();
    // One at a time, each against the state the one before left: two timers due together end a chat once.
    for (const deadline of this.timers.deadlines.takeDue()) await this.onDeadline(deadline);
    await this.timers.deadlines.arm();
  }

  private async onDeadline(deadline: ChatDeadline): Promise<void> {
    const meta = this.state.get();
    if (deadline === 'flush') return this.timers.flush();
    // Even after the chat ended: the replies are still unread.
    if (deadline === 'reply_mail') return this.mailUnreadReplies();
    if (!meta || isOver(meta.status)) return;
    switch (deadline) {
      case 'visitor_left':
        if (this.sockets('visitor').length === 0) await this.endByItself(systemLine('visitor_left', { visitor: meta.visitorName }));
        return;
      case 'idle_warning':
        if (meta.status === 'active') this.toVisitors({ type: 'idle_warning', endsAt: this.timers.deadlines.at('idle_end') ?? Date.now() });
        return;
      case 'idle_end':
        if (meta.status === 'active') await this.endByItself(systemLine('inactive', { minutes: String(meta.lifecycle.inactivityMinutes) }));
        return;
      case 'missed':
        if (meta.status === 'waiting') await this.miss();
        return;
    }
  }

  /** A timer ended the chat: it leaves the agents' tabs at once, freeing their capacity. */
  private async endByItself(line: SystemLine): Promise<void> {
    const meta = this.state.require();
    if (meta.status === 'waiting') await queueStub(this.env, meta.queue.id).remove(meta.id);
    await this.change({ ...meta, status: 'ended', invitation: null, queuePosition: null }, [line], { closeTabs: true });
  }

  /** No agent took the chat in time: the visitor is told, and the chat becomes a ticket with its transcript. */
  private async miss(): Promise<void> {
    const meta = this.state.require();
    await queueStub(this.env, meta.queue.id).remove(meta.id);
    const said = this.log.after(0, 'visitor');
    this.outbox.add({ kind: 'ticket', conversationId: meta.id, name: meta.visitorName, message: transcriptText(said), at: Date.now() });
    this.ctx.waitUntil(notifyMissedChat(this.env, meta, said));
    await this.change({ ...meta, status: 'missed', invitation: null, queuePosition: null }, [systemLine('missed', { visitor: meta.visitorName })], { closeTabs: true });
  }

  private async handle(ws: WebSocket, who: SocketIdentity, frame: ClientFrame): Promise<void> {
    const meta = this.state.require();
    const audience = who.role === 'visitor' ? 'visitor' : 'agents';
    switch (frame.type) {
      case 'hello':
        this.send(ws, {
          type: 'welcome',
          you: who,
          conversation: this.summary()!,
          messages: this.log.after(frame.after, audience),
          receipts: this.receipts.get(),
        } satisfies ServerFrame);
        if (who.role === 'visitor' && meta.queuePosition) this.send(ws, { type: 'queue', ...meta.queuePosition } satisfies ServerFrame);
        return;
      case 'delivered':
      case 'read':
        if (this.receipts.advance(who.role, frame.type, frame.seq, this.log.lastSeq)) {
          this.broadcast({ type: 'receipts', receipts: this.receipts.get() });
        }
        return;
      case 'typing':
        return this.broadcast({ type: 'typing', role: who.role, name: who.name, typing: frame.typing }, undefined, (ws) => this.identity(ws).id === who.id);
      case 'message': {
        const { clientId } = frame;
        if (isOver(meta.status)) {
          return this.send(ws, { type: 'error', code: 'conversation_closed', message: 'This chat has ended', clientId });
        }
        const content = messageContent(who, frame, {
          asked: (seq) => this.log.get(seq, audience),
          file: (id) => this.ctx.storage.kv.get<UploadedFile>(`file:${id}`),
        });
        if ('error' in content) return this.send(ws, { type: 'error', ...content.error, clientId } satisfies ServerFrame);
        const { message, duplicate } = await this.post(who, { clientId, text: frame.text, ...content }, ws);
        this.send(ws, { type: 'ack', clientId: message.clientId, seq: message.seq, at: message.at } satisfies ServerFrame);
        if (!duplicate) await this.afterMessage(meta, who.role, message);
        return;
      }
    }
  }

  /** Someone wrote: the idle clock starts again, and a visitor's first words put the chat in line. */
  private async afterMessage(meta: ConversationMeta, role: SocketIdentity['role'], message: ChatMessage): Promise<void> {
    if (meta.status === 'active') await this.timers.idleFrom(meta.lifecycle, message.at);
    if (role === 'visitor' && meta.status === 'open') {
      await this.change({ ...meta, status: 'waiting' }, []);
      await this.enqueue(message.text);
    }
  }

  /** The agent paused with replies the visitor, away from the widget, has not read: they go by mail. */
  private async mailUnreadReplies(): Promise<void> {
    const meta = this.state.get();
    if (!meta || this.sockets('visitor').length > 0) return;
    const seen = Math.max(this.receipts.get().visitor.read, this.ctx.storage.kv.get<number>('mailedUpTo') ?? 0);
    try {
      const upTo = await mailUnreadReplies(this.env, meta, this.log.after(0, 'visitor'), seen);
      if (upTo) this.ctx.storage.kv.put('mailedUpTo', upTo);
    } catch (err) {
      console.error('[ConversationDO.mailUnreadReplies]', err);
    }
  }

  /** Every message one audience may see, in order: the chat's record for transcripts and History. */
  messages(audience: 'agents' | 'visitor'): ChatMessage[] {
    return this.log.after(0, audience);
  }

  /** A file this participant uploaded; their messages may then name it. */
  registerAttachment(uploaderId: string, attachment: Attachment): void {
    this.ctx.storage.kv.put(`file:${attachment.id}`, { uploaderId, attachment } satisfies UploadedFile);
  }

  /**
   * Stores a message (once per client id) with its D1 copy queued in the same transaction, and
   * sends it to every socket that may see it but the sender's, which gets an ack instead.
   */
  private async post(
    author: ChatMessage['author'],
    content: Omit<NewMessage, 'author' | 'at'>,
    sender?: WebSocket,
  ): Promise<{ message: ChatMessage; duplicate: boolean }> {
    const meta = this.state.require();
    const result = this.ctx.storage.transactionSync(() => {
      const stored = this.log.append({ ...content, author, at: Date.now() });
      if (!stored.duplicate) this.outbox.add({ kind: 'message', conversationId: meta.id, message: stored.message });
      if (!stored.duplicate && isReply(stored.message) && !meta.answered) {
        this.state.save({ ...meta, answered: true });
        this.outbox.add(firstReplyEvent(meta, stored.message.at));
      }
      return stored;
    });
    if (result.duplicate) return result;
    const { message } = result;
    // Each recipient learns which message came before this one in what they can see.
    const forAgents: ServerFrame = { type: 'message', message, prev: message.seq - 1 };
    const forVisitor: ServerFrame = { type: 'message', message, prev: this.log.lastPublicBefore(message.seq) };
    for (const ws of this.sockets()) {
      if (ws === sender) continue;
      const isVisitor = this.identity(ws).role === 'visitor';
      if (isVisitor && message.private) continue;
      this.send(ws, isVisitor ? forVisitor : forAgents);
    }
    this.ctx.waitUntil(notifyChatMessage(this.env, meta, message, this.sockets('agent').map((ws) => this.identity(ws).id)));
    if (isReply(message) && this.sockets('visitor').length === 0) await this.timers.replyPause(meta.lifecycle, message.at);
    await this.timers.scheduleFlush();
    return result;
  }

  /**
   * Saves the new state with its system lines, moves the chat's timers to fit it, tells every
   * socket, and keeps agents' inboxes in step (`closeTabs`: the chat leaves their tabs).
   */
  private async change(next: ConversationMeta, lines: SystemLine[], { closeTabs = false } = {}): Promise<Outcome> {
    const before = this.state.require();
    const now = Date.now();
    if (isOver(next.status) !== isOver(before.status)) next = { ...next, overAt: isOver(next.status) ? now : null };
    this.ctx.storage.transactionSync(() => {
      this.state.save(next);
      if (next.status !== before.status || next.agents[0]?.id !== before.agents[0]?.id || next.queue.id !== before.queue.id) {
        const { id: conversationId, status, queue } = next;
        this.outbox.add({ kind: 'status', conversationId, status, queueId: queue.id, agentId: next.agents[0]?.id ?? null, at: Date.now() });
      }
      const event = reportEventOf(before, next, now);
      if (event) this.outbox.add(event);
    });
    for (const line of lines) await this.post(SYSTEM, { clientId: ulid(), ...line });
    await this.timers.scheduleFlush();
    await this.timers.retime(before, next, now, this.sockets('visitor').length > 0);
    const summary = this.summary()!;
    this.broadcast({ type: 'conversation', conversation: summary });
    await tellAgents(this.env, before.agents, summary, closeTabs);
    return { ok: true, conversation: summary };
  }

  private async presenceChanged(): Promise<void> {
    const summary = this.summary()!;
    this.broadcast({ type: 'conversation', conversation: summary });
    await tellAgents(this.env, summary.agents, summary);
  }

  private async enqueue(preview?: string): Promise<void> {
    const meta = this.state.require();
    const first = preview ?? this.log.after(0, 'visitor').find((m) => m.author.role === 'visitor')?.text ?? '';
    await queueStub(this.env, meta.queue.id).enqueue(queueEntry(meta, first));
  }

  private refuseUnlessParticipant(meta: ConversationMeta, agentId: string): Outcome | null {
    if (isOver(meta.status)) return refuse('chat_closed', 'This chat has ended');
    if (!meta.agents.some((a) => a.id === agentId)) return refuse('not_in_chat', 'You are not in this chat');
    return null;
  }

  private toVisitors(frame: ServerFrame): void {
    this.broadcast(frame, 'visitor');
  }

  /** The agent was signed out everywhere: their sockets here close (they stay a participant). */
  signedOut(agentId: string): void {
    for (const ws of this.sockets('agent')) if (this.identity(ws).id === agentId) ws.close(SIGNED_OUT, 'signed out');
  }

  /** Retention: forgets the chat entirely (log, participants, receipts, outbox). */
  async purge(): Promise<void> {
    for (const ws of this.ctx.getWebSockets()) ws.close(1000, 'conversation deleted');
    await this.ctx.storage.deleteAlarm();
    await this.ctx.storage.deleteAll();
    this.state.forget();
    this.timers.deadlines.fired();
  }
}
