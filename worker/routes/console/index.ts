/** The agent console's API: every route needs a session; changes must come from our own origin. */
import { eq } from 'drizzle-orm';
import type { Context } from 'hono';
import type { TeamMember } from '../../../protocol/api';
import { console } from '../../../protocol/rest/console';
import { searchHistory } from '../../history/search';
import { isOver, type AgentRef } from '../../../protocol/chat';
import { agents, queues } from '../../db/schema';
import { agentStub, conversationStub, queueStub } from '../../env';
import { requireAgent } from '../../auth/session';
import type { AppEnv } from '../../http/app-env';
import { httpError } from '../../http/errors';
import { requireOwnOrigin } from '../../http/origin';
import { queueRef, requireQueue } from '../../queue/queues';
import { requireAgentRow } from '../../agent/agents';
import { database } from '../../db/client';
import { unwrap } from '../../http/refusals';
import { Routes } from '../../http/route';
import { chatToActOn } from './chat-access';
import { consoleChatRoutes } from './chat-panels';
import { consoleContactRoutes } from './contacts';
import { notificationRoutes } from './notifications';
import { ticketRoutes } from './tickets';
import { consoleLabelRoutes } from './labels';
import { consoleToolRoutes } from './tools';

const me = (c: Context<AppEnv>): AgentRef => ({ id: c.var.agent.id, name: c.var.agent.name });

/** A colleague the chat may go to, by id; 404 if there is none. */
async function agentRef(db: D1Database, agentId: string): Promise<AgentRef> {
  const { id, name } = await requireAgentRow(db, agentId);
  return { id, name };
}

export const consoleRoutes = new Routes('/api/console')
  .use(requireAgent)
  .use(async (c, next) => {
    if (c.req.method !== 'GET') requireOwnOrigin(c.req.raw);
    await next();
  })
  .on(console.inbox, async (c) => c.json(await agentStub(c.env, c.var.agent.id).snapshot()))
  .on(console.setStatus, async (c, checked) => {
    const { status } = await checked.body();
    return c.json({ status: await agentStub(c.env, c.var.agent.id).setStatus(status) });
  })
  .on(console.acceptOffer, async (c) => c.json({ chat: unwrap(await agentStub(c.env, c.var.agent.id).accept(c.req.param('conversationId'))) }))
  .on(console.rejectOffer, async (c) => {
    const rejected = await agentStub(c.env, c.var.agent.id).reject(c.req.param('conversationId'));
    if (!rejected) throw httpError(409, 'offer_gone', 'This chat is no longer offered to you');
    return c.body(null, 204);
  })
  /** Who a chat can go to: every agent with their status, and every queue. */
  .on(console.directory, async (c) => {
    const db = database(c.env.DB);
    const [people, allQueues] = await Promise.all([
      db.select({ id: agents.id, name: agents.name }).from(agents).where(eq(agents.active, true)).orderBy(agents.name),
      db.select({ id: queues.id, name: queues.name }).from(queues).orderBy(queues.name),
    ]);
    const team: TeamMember[] = await Promise.all(
      people.map(async (p) => ({ ...p, status: (await agentStub(c.env, p.id).snapshot()).status })),
    );
    return c.json({ agents: team, queues: allQueues });
  })
  .on(console.transferChat, async (c, checked) => {
    const id = c.req.param('id');
    const conversation = await chatToActOn(c, id);
    const target = await checked.body();
    if ('agentId' in target) {
      if (target.agentId === c.var.agent.id) throw httpError(400, 'invalid_request', 'agentId: is you');
      await agentRef(c.env.DB, target.agentId);
      return c.json({ chat: unwrap(await agentStub(c.env, target.agentId).receiveTransfer(id, me(c))) });
    }
    return c.json({ chat: unwrap(await conversation.transferToQueue(me(c), queueRef(await requireQueue(c.env.DB, target.queueId)))) });
  })
  /** Invites an agent by name, or any free agent of a queue; one invitation at a time. */
  .on(console.inviteToChat, async (c, checked) => {
    const id = c.req.param('id');
    const chat = await (await chatToActOn(c, id)).summary();
    const target = await checked.body();
    if (!chat || !chat.agents.some((a) => a.id === c.var.agent.id)) throw httpError(403, 'not_in_chat', 'You are not in this chat');
    const agentId =
      'agentId' in target ? target.agentId : await queueStub(c.env, (await requireQueue(c.env.DB, target.queueId)).id).pickAgent(chat.agents.map((a) => a.id));
    if (!agentId) throw httpError(409, 'agent_unavailable', 'No agent in that queue can take a chat right now');
    const invitee = await agentRef(c.env.DB, agentId);
    if (!(await agentStub(c.env, agentId).canTake())) throw httpError(409, 'agent_unavailable', `${invitee.name} cannot take a chat right now`);
    const { offerTimeoutMs } = queueRef(await requireQueue(c.env.DB, chat.queueId));
    const invited = await conversationStub(c.env, id).invite(invitee, me(c), offerTimeoutMs);
    unwrap(invited);
    const offered = await agentStub(c.env, agentId).offer({
      kind: 'invite',
      invitedBy: c.var.agent.name,
      conversationId: id,
      queueId: chat.queueId,
      queueName: chat.queueName,
      visitorName: chat.visitorName,
      preview: `${c.var.agent.name} asks you to join`,
      expiresAt: Date.now() + offerTimeoutMs,
    });
    if (!offered) {
      await conversationStub(c.env, id).declineInvitation(agentId);
      throw httpError(409, 'agent_unavailable', `${invitee.name} cannot take a chat right now`);
    }
    return c.json({ chat: unwrap(invited) });
  })
  .on(console.leaveChat, async (c) => c.json({ chat: unwrap(await (await chatToActOn(c, c.req.param('id'))).leave(me(c))) }))
  .on(console.endChat, async (c) => c.json({ chat: unwrap(await (await chatToActOn(c, c.req.param('id'))).end({ role: 'agent', ...me(c) })) }))
  /** Closes the agent's tab: an ended chat just goes; an open one is left, or ended by its last agent. */
  .on(console.closeChat, async (c) => {
    const id = c.req.param('id');
    const agent = agentStub(c.env, c.var.agent.id);
    const chat = await agent.chat(id);
    if (!chat) throw httpError(404, 'not_found', 'You have no such chat');
    if (!isOver(chat.status)) {
      const conversation = conversationStub(c.env, id);
      const outcome = chat.agents.length > 1 ? await conversation.leave(me(c)) : await conversation.end({ role: 'agent', ...me(c) });
      unwrap(outcome);
    }
    await agent.removeChat(id);
    return c.body(null, 204);
  })
  /** Searches the history of the conversations the agent may see. */
  .on(console.search, async (c, checked) => {
    const { q, label } = checked.query();
    return c.json({ hits: await searchHistory(c.env.DB, c.var.agent, q, label ?? null) });
  })
  .route('/', consoleChatRoutes)
  .route('/', consoleContactRoutes)
  .route('/', consoleToolRoutes)
  .route('/', consoleLabelRoutes)
  .route('/', notificationRoutes)
  .route('/tickets', ticketRoutes);
