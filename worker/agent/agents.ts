/** Agent accounts as admins manage them: read from D1, and the live side kept in step. */
import { asc, eq, inArray } from 'drizzle-orm';
import type { AdminAgent } from '../../protocol/admin-api';
import type { InboxFrame } from '../../protocol/inbox-frames';
import { agentSetup } from './agent-setup';
import { database } from '../db/client';
import { agents, queueMembers, sessions } from '../db/schema';
import { agentStub, conversationStub, type Env } from '../env';
import { HttpError } from '../http/errors';

export async function listAgents(db: D1Database, ids?: string[]): Promise<AdminAgent[]> {
  const d = database(db);
  const rows = await d
    .select()
    .from(agents)
    .where(ids ? inArray(agents.id, ids) : undefined)
    .orderBy(asc(agents.name));
  const members = await d.select().from(queueMembers);
  return rows.map((a) => ({
    id: a.id,
    email: a.email,
    name: a.name,
    role: a.role,
    department: a.department,
    hasPhoto: a.photoKey !== null,
    active: a.active,
    capacity: a.capacity,
    awayAfterMinutes: a.awayAfterMinutes,
    primaryLanguage: a.primaryLanguage,
    secondaryLanguages: a.secondaryLanguages,
    queueIds: members.filter((m) => m.agentId === a.id).map((m) => m.queueId),
  }));
}

export async function requireAgentRow(db: D1Database, agentId: string) {
  const [row] = await database(db).select().from(agents).where(eq(agents.id, agentId)).limit(1);
  if (!row) throw new HttpError(404, { code: 'not_found', message: `No agent "${agentId}"` });
  return row;
}

/** Tells the agent's Durable Object who they now are (queues, capacity, languages), and their consoles to refetch. */
export async function refreshAgent(env: Env, agentId: string): Promise<void> {
  const row = await requireAgentRow(env.DB, agentId);
  const stub = agentStub(env, agentId);
  await stub.reconfigure(await agentSetup(env.DB, row));
  await stub.notify({ type: 'refresh', what: 'profile' });
}

/** Signs the agent out everywhere (but `keepTokenHash`, the session making the change). */
/**
 * Ends an agent's sessions everywhere (deactivated, or a password reset by an admin): the rows
 * go, so no request works, and the sockets they hold close, so no open console keeps chatting.
 */
export async function signOutEverywhere(env: Env, agentId: string): Promise<void> {
  await endSessions(env.DB, agentId);
  const chats = await agentStub(env, agentId).signedOut();
  await Promise.all(chats.map((id) => conversationStub(env, id).signedOut(agentId)));
}

export async function endSessions(db: D1Database, agentId: string, keepTokenHash?: string): Promise<void> {
  const rows = await database(db).select({ tokenHash: sessions.tokenHash }).from(sessions).where(eq(sessions.agentId, agentId));
  const doomed = rows.map((r) => r.tokenHash).filter((h) => h !== keepTokenHash);
  if (doomed.length) await database(db).delete(sessions).where(inArray(sessions.tokenHash, doomed));
}

/** Pushes a frame to every agent's consoles (a team is small: one call each). */
export async function notifyAllAgents(env: Env, frame: InboxFrame): Promise<void> {
  const rows = await database(env.DB).select({ id: agents.id }).from(agents).where(eq(agents.active, true));
  await Promise.all(rows.map((a) => agentStub(env, a.id).notify(frame)));
}
