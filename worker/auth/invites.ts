/**
 * Sign-up links: an admin invites someone by email; the link's token (kept only as a SHA-256)
 * lets them choose a name and password once, within INVITE_DAYS.
 */
import { and, eq, gt, isNull } from 'drizzle-orm';
import { INVITE_DAYS } from '../../protocol/admin-api';
import type { AgentRole } from '../../protocol/chat';
import { ulid } from '../../protocol/ids';
import { database } from '../db/client';
import { agentInvites, agents } from '../db/schema';
import { HttpError } from '../http/errors';
import { randomToken, sha256 } from './encoding';
import { hashPassword } from './password';

export interface NewInvite {
  email: string;
  name: string;
  role: AgentRole;
  queueIds: string[];
  createdBy: string;
}

/** Stores the invite and returns the token for the link. */
export async function createInvite(db: D1Database, invite: NewInvite): Promise<string> {
  const [taken] = await database(db).select({ id: agents.id }).from(agents).where(eq(agents.email, invite.email)).limit(1);
  if (taken) throw new HttpError(409, { code: 'already_exists', message: `${invite.email} already has an account`, field: 'email' });
  const token = randomToken();
  const expiresAt = Date.now() + INVITE_DAYS * 24 * 60 * 60 * 1000;
  await database(db).insert(agentInvites).values({ ...invite, tokenHash: await sha256(token), expiresAt });
  return token;
}

/** Turns a live invite into an account, once. Returns the new agent's id. */
export async function acceptInvite(db: D1Database, token: string, name: string, password: string): Promise<string> {
  const d = database(db);
  const tokenHash = await sha256(token);
  const [invite] = await d
    .select()
    .from(agentInvites)
    .where(and(eq(agentInvites.tokenHash, tokenHash), isNull(agentInvites.acceptedAt), gt(agentInvites.expiresAt, Date.now())))
    .limit(1);
  if (!invite) throw new HttpError(400, { code: 'invite_invalid', message: 'This sign-up link is not valid any more; ask for a new one', field: 'token' });
  const now = Date.now();
  // Claimed first, so the same link used twice at once makes one account.
  const claimed = await db
    .prepare('UPDATE agent_invites SET accepted_at = ? WHERE token_hash = ? AND accepted_at IS NULL')
    .bind(now, tokenHash)
    .run();
  if (claimed.meta.changes !== 1) throw new HttpError(400, { code: 'invite_invalid', message: 'This sign-up link has been used', field: 'token' });
  const id = ulid();
  try {
    await d.insert(agents).values({ id, email: invite.email, name, passwordHash: await hashPassword(password), role: invite.role, createdAt: now });
  } catch {
    throw new HttpError(409, { code: 'already_exists', message: `${invite.email} already has an account; sign in instead` });
  }
  // Queues deleted since the invite are skipped.
  for (const queueId of invite.queueIds) {
    await db.prepare('INSERT OR IGNORE INTO queue_members (queue_id, agent_id) SELECT id, ? FROM queues WHERE id = ?').bind(id, queueId).run();
  }
  return id;
}
