/**
 * Agent sessions: a random token in an HttpOnly cookie, its SHA-256 in D1 with an expiry.
 * Signing out deletes the row, so the cookie stops working at once.
 */
import { and, eq, gt } from 'drizzle-orm';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import type { AgentProfile } from '../../protocol/api';
import { database } from '../db/client';
import { agents, sessions } from '../db/schema';
import type { AppEnv } from '../http/app-env';
import { HttpError } from '../http/errors';
import { randomToken, sha256 } from './encoding';

export const SESSION_COOKIE = 'parley_session';
const SESSION_MS = 30 * 24 * 60 * 60 * 1000;

export interface AgentRecord extends AgentProfile {
  capacity: number;
  awayAfterMinutes: number;
  primaryLanguage: string;
  secondaryLanguages: string[];
}

export async function startSession(c: Context<AppEnv>, agentId: string): Promise<void> {
  const token = randomToken();
  const expiresAt = Date.now() + SESSION_MS;
  await database(c.env.DB).insert(sessions).values({ tokenHash: await sha256(token), agentId, expiresAt });
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: new URL(c.req.url).protocol === 'https:',
    path: '/',
    expires: new Date(expiresAt),
  });
}

export async function endSession(c: Context<AppEnv>): Promise<void> {
  const token = getCookie(c, SESSION_COOKIE);
  if (token) await database(c.env.DB).delete(sessions).where(eq(sessions.tokenHash, await sha256(token)));
  deleteCookie(c, SESSION_COOKIE, { path: '/' });
}

export async function agentForRequest(c: Context<AppEnv>): Promise<AgentRecord | null> {
  const token = getCookie(c, SESSION_COOKIE);
  if (!token) return null;
  const [row] = await database(c.env.DB)
    .select({
      id: agents.id,
      email: agents.email,
      name: agents.name,
      role: agents.role,
      capacity: agents.capacity,
      awayAfterMinutes: agents.awayAfterMinutes,
      primaryLanguage: agents.primaryLanguage,
      secondaryLanguages: agents.secondaryLanguages,
    })
    .from(sessions)
    .innerJoin(agents, eq(agents.id, sessions.agentId))
    .where(and(eq(sessions.tokenHash, await sha256(token)), gt(sessions.expiresAt, Date.now()), eq(agents.active, true)))
    .limit(1);
  return row ?? null;
}

/** Refuses the request unless it carries a live agent session; sets `c.var.agent`. */
export const requireAgent = createMiddleware<AppEnv>(async (c, next) => {
  const agent = await agentForRequest(c);
  if (!agent) throw new HttpError(401, { code: 'unauthenticated', message: 'Sign in first' });
  c.set('agent', agent);
  await next();
});
