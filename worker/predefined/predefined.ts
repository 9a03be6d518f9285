/** Predefined messages: canned replies, shared by every queue or kept to one. */
import { asc, eq, inArray, isNull, or } from 'drizzle-orm';
import type { PredefinedMessage } from '../../protocol/workspace';
import type { AgentRecord } from '../auth/session';
import { isStaff } from '../conversation/access';
import { database } from '../db/client';
import { predefinedMessages, queueMembers } from '../db/schema';
import { HttpError } from '../http/errors';

const columns = { id: predefinedMessages.id, title: predefinedMessages.title, text: predefinedMessages.text, queueId: predefinedMessages.queueId };

/** By title: all of them, or those an agent may use (the shared ones and their queues'; staff: all). */
export async function listPredefined(db: D1Database, forAgent?: AgentRecord): Promise<PredefinedMessage[]> {
  const d = database(db);
  const mine = forAgent && d.select({ queueId: queueMembers.queueId }).from(queueMembers).where(eq(queueMembers.agentId, forAgent.id));
  const where = !mine || isStaff(forAgent) ? undefined : or(isNull(predefinedMessages.queueId), inArray(predefinedMessages.queueId, mine));
  return d.select(columns).from(predefinedMessages).where(where).orderBy(asc(predefinedMessages.title));
}

export async function requireMessage(db: D1Database, id: string): Promise<PredefinedMessage> {
  const [row] = await database(db).select(columns).from(predefinedMessages).where(eq(predefinedMessages.id, id)).limit(1);
  if (!row) throw new HttpError(404, { code: 'not_found', message: `No predefined message "${id}"` });
  return row;
}
