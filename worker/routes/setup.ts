/**
 * First run: a fresh deployment has no accounts. Whoever holds the setup token (a Worker secret)
 * creates the first admin, with a first site and its "General" queue, and is signed in.
 */
import { count } from 'drizzle-orm';
import type { SetupResponse } from '../../protocol/api';
import { ulid } from '../../protocol/ids';
import { setup } from '../../protocol/rest/setup';
import { newSiteId } from '../site/site-admin';
import { agentSetup } from '../agent/agent-setup';
import { equalBytes } from '../auth/encoding';
import { hashPassword } from '../auth/password';
import { startSession } from '../auth/session';
import { database } from '../db/client';
import { agents, queueMembers, queues, sites } from '../db/schema';
import { agentStub } from '../env';
import { httpError } from '../http/errors';
import { requireOwnOrigin } from '../http/origin';
import { Routes } from '../http/route';

async function needsSetup(db: D1Database): Promise<boolean> {
  const [row] = await database(db).select({ n: count() }).from(agents);
  return (row?.n ?? 0) === 0;
}

async function digest(text: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
}

export const setupRoutes = new Routes('/api/setup')
  .on(setup.needed, async (c) => c.json({ needed: await needsSetup(c.env.DB) }))
  .on(setup.run, async (c, checked) => {
    requireOwnOrigin(c.req.raw);
    const body = await checked.body();
    if (!c.env.SETUP_TOKEN) throw httpError(503, 'setup_disabled', 'Set a setup token first: wrangler secret put SETUP_TOKEN');
    // Compared as digests, so the time taken says nothing about how much of the token matched.
    if (!equalBytes(await digest(body.token), await digest(c.env.SETUP_TOKEN))) throw httpError(403, 'forbidden', 'The setup token is wrong');
    if (!(await needsSetup(c.env.DB))) throw httpError(409, 'already_set_up', 'Parley is already set up; sign in instead');

    const now = Date.now();
    const agentId = ulid();
    // Only while there is no agent at all, so two setups at once cannot both make an admin.
    const created = await c.env.DB.prepare(
      `INSERT INTO agents (id, email, name, password_hash, role, created_at)
       SELECT ?, ?, ?, ?, 'admin', ? WHERE NOT EXISTS (SELECT 1 FROM agents)`,
    )
      .bind(agentId, body.email, body.name, await hashPassword(body.password), now)
      .run();
    if (created.meta.changes !== 1) throw httpError(409, 'already_set_up', 'Parley is already set up; sign in instead');

    const site = { id: newSiteId(body.siteName), name: body.siteName };
    const queueId = ulid();
    const db = database(c.env.DB);
    await db.batch([
      db.insert(sites).values({ ...site, createdAt: now }),
      db.insert(queues).values({ id: queueId, siteId: site.id, name: 'General', createdAt: now }),
      db.insert(queueMembers).values({ queueId, agentId }),
    ]);
    await startSession(c, agentId);
    const agent = { id: agentId, email: body.email, name: body.name, role: 'admin' as const };
    await agentStub(c.env, agentId).signIn(
      await agentSetup(c.env.DB, { ...agent, capacity: 3, awayAfterMinutes: 5, primaryLanguage: 'en', secondaryLanguages: [] }),
    );
    return c.json<SetupResponse>({ agent, site }, 201);
  });
