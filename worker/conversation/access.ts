/**
 * The one rule for who may see and act on a conversation, applied by every route that reads or
 * changes one (workspace panels, chat actions, files, transcripts, history, search):
 * - its visitor (the one the visitor token names);
 * - admins and supervisors, all of them;
 * - an agent, those they are in now and those of the queue the chat is in now (an invitation can
 *   bring an agent into another queue's chat).
 * What belongs to a queue without being a chat (a ticket) follows the same rule: staff, and the
 * queue's members (`maySeeQueue`); a site's live visitors, staff and the members of any of the
 * site's queues (`maySeeSite`).
 * The conversation's own Durable Object is the authority on its queue and agents: D1 hears of a
 * transfer or an invitation after it, and must not keep the old queue's agents in.
 */
import { and, eq, inArray, or } from 'drizzle-orm';
import type { AgentRecord } from '../auth/session';
import { database } from '../db/client';
import { agents, conversations, queueMembers, queues } from '../db/schema';
import { conversationStub, type Env } from '../env';
import { HttpError } from '../http/errors';

export type ConversationRow = typeof conversations.$inferSelect;

/** Who asks: a visitor by their token, or a signed-in agent. */
export type Viewer = { role: 'visitor'; visitorId: string } | { role: 'agent'; agent: AgentRecord };

export const isStaff = (agent: Pick<AgentRecord, 'role'>) => agent.role === 'admin' || agent.role === 'supervisor';

export async function inQueue(db: D1Database, agentId: string, queueId: string): Promise<boolean> {
  const [row] = await database(db)
    .select({ queueId: queueMembers.queueId })
    .from(queueMembers)
    .where(and(eq(queueMembers.agentId, agentId), eq(queueMembers.queueId, queueId)))
    .limit(1);
  return row !== undefined;
}

/** Staff, or a member of the queue; a null queue (a ticket from a site without queues) is staff's alone. */
export async function maySeeQueue(db: D1Database, agent: AgentRecord, queueId: string | null): Promise<boolean> {
  return isStaff(agent) || (queueId !== null && (await inQueue(db, agent.id, queueId)));
}

/** A site's live visitors: staff, and the agents of any of its queues (who may be offered its chats). */
export async function maySeeSite(db: D1Database, agent: AgentRecord, siteId: string): Promise<boolean> {
  if (isStaff(agent)) return true;
  const [row] = await database(db)
    .select({ queueId: queueMembers.queueId })
    .from(queueMembers)
    .innerJoin(queues, eq(queues.id, queueMembers.queueId))
    .where(and(eq(queueMembers.agentId, agent.id), eq(queues.siteId, siteId)))
    .limit(1);
  return row !== undefined;
}

/** The queue the chat is in now: its Durable Object hears of a transfer before D1 does. */
export async function queueNow(env: Env, row: ConversationRow): Promise<string> {
  return (await conversationStub(env, row.id).summary())?.queueId ?? row.queueId;
}

export async function maySee(env: Env, viewer: Viewer, row: ConversationRow): Promise<boolean> {
  if (viewer.role === 'visitor') return row.visitorId === viewer.visitorId;
  const { agent } = viewer;
  if (isStaff(agent)) return true;
  const live = await conversationStub(env, row.id).summary();
  if (live) return live.agents.some((a) => a.id === agent.id) || (await inQueue(env.DB, agent.id, live.queueId));
  return row.agentId === agent.id || (await inQueue(env.DB, agent.id, row.queueId));
}

export async function conversationRow(db: D1Database, id: string): Promise<ConversationRow | null> {
  const [row] = await database(db).select().from(conversations).where(eq(conversations.id, id)).limit(1);
  return row ?? null;
}

/**
 * The conversation's row, or an error: 404 when there is no such conversation, and when the
 * viewer may not see it, `denied` (the console says 403 to its agents; visitors and file links
 * get 404, so they learn nothing of other people's chats).
 */
export async function requireConversationAccess(env: Env, viewer: Viewer, id: string, denied: 403 | 404 = 404): Promise<ConversationRow> {
  const row = await conversationRow(env.DB, id);
  if (!row) throw new HttpError(404, { code: 'not_found', message: 'No such conversation' });
  if (!(await maySee(env, viewer, row))) {
    throw denied === 403
      ? new HttpError(403, { code: 'forbidden', message: 'This conversation is not in your queues' })
      : new HttpError(404, { code: 'not_found', message: 'No such conversation' });
  }
  return row;
}

/**
 * The same rule, from the chat's side: the active agents who may see a live conversation (staff,
 * its queue's agents, those in it). Whom a private note's @mention can reach.
 */
export function agentsWhoMaySee(db: D1Database, queueId: string, inChat: readonly string[]): Promise<Array<{ id: string; name: string }>> {
  const d = database(db);
  const ofQueue = d.select({ id: queueMembers.agentId }).from(queueMembers).where(eq(queueMembers.queueId, queueId));
  return d
    .select({ id: agents.id, name: agents.name })
    .from(agents)
    .where(and(eq(agents.active, true), or(inArray(agents.role, ['admin', 'supervisor']), inArray(agents.id, ofQueue), inArray(agents.id, [...inChat]))));
}
