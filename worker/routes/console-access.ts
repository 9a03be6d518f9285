/**
 * Who may see a conversation in the console: admins and supervisors see all; an agent sees the
 * conversations of their queues and those they are in (an invitation can bring them into another
 * queue's chat).
 */
import { and, eq } from 'drizzle-orm';
import type { Context } from 'hono';
import type { AgentRecord } from '../auth/session';
import { database } from '../db/client';
import { conversations, queueMembers } from '../db/schema';
import { conversationStub, type Env } from '../env';
import type { AppEnv } from '../http/app-env';
import { HttpError } from '../http/errors';

export type ConversationRow = typeof conversations.$inferSelect;

export const isStaff = (agent: AgentRecord) => agent.role === 'admin' || agent.role === 'supervisor';

export async function inQueue(db: D1Database, agentId: string, queueId: string): Promise<boolean> {
  const [row] = await database(db)
    .select({ queueId: queueMembers.queueId })
    .from(queueMembers)
    .where(and(eq(queueMembers.agentId, agentId), eq(queueMembers.queueId, queueId)))
    .limit(1);
  return row !== undefined;
}

export async function maySee(env: Env, agent: AgentRecord, row: ConversationRow): Promise<boolean> {
  if (isStaff(agent)) return true;
  // The conversation's own object is the authority on its queue and agents: D1 hears of a
  // transfer or an invitation after it, and must not keep the old queue's agents in.
  const live = await conversationStub(env, row.id).summary();
  if (live) return live.agents.some((a) => a.id === agent.id) || (await inQueue(env.DB, agent.id, live.queueId));
  return row.agentId === agent.id || (await inQueue(env.DB, agent.id, row.queueId));
}

/** The conversation's row, or a 404 (no such) / 403 (not yours to see). */
export async function requireConversationAccess(c: Context<AppEnv>, id: string): Promise<ConversationRow> {
  const [row] = await database(c.env.DB).select().from(conversations).where(eq(conversations.id, id)).limit(1);
  if (!row) throw new HttpError(404, { code: 'not_found', message: 'No such conversation' });
  if (!(await maySee(c.env, c.var.agent, row))) throw new HttpError(403, { code: 'forbidden', message: 'This conversation is not in your queues' });
  return row;
}
