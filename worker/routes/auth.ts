import { eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { SignInBody, type SignInResponse } from '../../protocol/api';
import { agentSetup } from '../agent/agent-setup';
import { hashPassword, verifyPassword } from '../auth/password';
import { endSession, requireAgent, startSession } from '../auth/session';
import { database } from '../db/client';
import { agents } from '../db/schema';
import { agentStub } from '../env';
import type { AppEnv } from '../http/app-env';
import { readBody } from '../http/body';
import { fail } from '../http/errors';
import { requireOwnOrigin } from '../http/origin';

/** Checked when the email is unknown, so a wrong email takes as long as a wrong password. */
let decoyHash: Promise<string> | undefined;

export const authRoutes = new Hono<AppEnv>()
  .post('/sign-in', async (c) => {
    requireOwnOrigin(c.req.raw);
    const { email, password } = await readBody(c, SignInBody);
    const [agent] = await database(c.env.DB).select().from(agents).where(eq(agents.email, email)).limit(1);
    const valid = await verifyPassword(password, agent?.passwordHash ?? (await (decoyHash ??= hashPassword('decoy'))));
    if (!agent || !valid) return fail(401, 'invalid_credentials', 'Email or password is wrong');
    await startSession(c, agent.id);
    const profile = { id: agent.id, email: agent.email, name: agent.name, role: agent.role };
    await agentStub(c.env, agent.id).signIn(await agentSetup(c.env.DB, { ...agent, ...profile }));
    return c.json<SignInResponse>({ agent: profile });
  })
  .post('/sign-out', requireAgent, async (c) => {
    requireOwnOrigin(c.req.raw);
    await agentStub(c.env, c.var.agent.id).setStatus('offline');
    await endSession(c);
    return c.body(null, 204);
  })
  .get('/me', requireAgent, (c) => {
    const { id, email, name, role } = c.var.agent;
    return c.json<SignInResponse>({ agent: { id, email, name, role } });
  });
