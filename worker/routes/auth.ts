import { eq } from 'drizzle-orm';
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import type { SignInResponse } from '../../protocol/api';
import { auth } from '../../protocol/rest/auth';
import { audit } from '../audit/audit';
import { endSessions, requireAgentRow } from '../agent/agents';
import { agentSetup } from '../agent/agent-setup';
import { sha256 } from '../auth/encoding';
import { acceptInvite } from '../auth/invites';
import { hashPassword, verifyPassword } from '../auth/password';
import { endSession, requireAgent, SESSION_COOKIE, startSession } from '../auth/session';
import { admitSignIn, signedIn } from '../auth/throttle';
import { turnstileFor } from '../auth/turnstile';
import { database } from '../db/client';
import { agents } from '../db/schema';
import { agentStub } from '../env';
import type { AppEnv } from '../http/app-env';
import { httpError, HttpError } from '../http/errors';
import { clientIp } from '../http/client-ip';
import { requireOwnOrigin } from '../http/origin';
import { Routes } from '../http/route';

/** Checked when the email is unknown, so a wrong email takes as long as a wrong password. */
let decoyHash: Promise<string> | undefined;

/** Starts a session and puts the agent online, as sign-in and joining both do. */
async function welcome(c: Context<AppEnv>, agent: typeof agents.$inferSelect) {
  await startSession(c, agent.id);
  const profile = { id: agent.id, email: agent.email, name: agent.name, role: agent.role };
  await agentStub(c.env, agent.id).signIn(await agentSetup(c.env.DB, agent));
  return c.json<SignInResponse>({ agent: profile });
}

export const authRoutes = new Routes('/api/auth')
  .on(auth.signIn, async (c, checked) => {
    requireOwnOrigin(c.req.raw);
    const { email, password, turnstileToken } = await checked.body();
    const who = { email, ip: clientIp(c.req.raw), turnstileToken };
    await admitSignIn(c.env, who);
    const [agent] = await database(c.env.DB).select().from(agents).where(eq(agents.email, email)).limit(1);
    const valid = await verifyPassword(password, agent?.passwordHash ?? (await (decoyHash ??= hashPassword('decoy'))));
    if (!agent || !valid) throw httpError(401, 'invalid_credentials', 'Email or password is wrong');
    await signedIn(c.env.DB, who);
    if (!agent.active) throw httpError(403, 'forbidden', 'This account has been deactivated; ask an admin');
    return welcome(c, agent);
  })
  /** The Turnstile site key the sign-in form renders a challenge with, when an answer asks for one. */
  .on(auth.challenge, (c) => c.json({ siteKey: turnstileFor(c.env)?.siteKey ?? null }))
  /** The sign-up link's form: makes the invited account and signs it in. */
  .on(auth.join, async (c, checked) => {
    requireOwnOrigin(c.req.raw);
    const { token, name, password } = await checked.body();
    const id = await acceptInvite(c.env.DB, token, name, password);
    const agent = await requireAgentRow(c.env.DB, id);
    await audit(c.env.DB, id, 'agent.joined', id, { email: agent.email, role: agent.role });
    return welcome(c, agent);
  })
  /** Changing one's own password signs out every other session of the account. */
  .on(auth.changePassword, requireAgent, async (c, checked) => {
    requireOwnOrigin(c.req.raw);
    const { current, password } = await checked.body();
    const row = await requireAgentRow(c.env.DB, c.var.agent.id);
    if (!(await verifyPassword(current, row.passwordHash))) {
      throw new HttpError(400, { code: 'invalid_credentials', message: 'The current password is wrong', field: 'current' });
    }
    await database(c.env.DB).update(agents).set({ passwordHash: await hashPassword(password) }).where(eq(agents.id, row.id));
    await endSessions(c.env.DB, row.id, await sha256(getCookie(c, SESSION_COOKIE)!));
    await audit(c.env.DB, row.id, 'agent.password_changed', row.id);
    return c.body(null, 204);
  })
  .on(auth.signOut, requireAgent, async (c) => {
    requireOwnOrigin(c.req.raw);
    await agentStub(c.env, c.var.agent.id).setStatus('offline');
    await endSession(c);
    return c.body(null, 204);
  })
  .on(auth.me, requireAgent, (c) => {
    const { id, email, name, role } = c.var.agent;
    return c.json<SignInResponse>({ agent: { id, email, name, role } });
  });
