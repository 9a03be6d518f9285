/** The agent console's API: every route needs a session; changes must come from our own origin. */
import { Hono } from 'hono';
import { StatusBody } from '../../protocol/api';
import { requireAgent } from '../auth/session';
import { agentStub } from '../env';
import type { AppEnv } from '../http/app-env';
import { readBody } from '../http/body';
import { fail } from '../http/errors';
import { requireOwnOrigin } from '../http/origin';

export const consoleRoutes = new Hono<AppEnv>()
  .use(requireAgent)
  .use(async (c, next) => {
    if (c.req.method !== 'GET') requireOwnOrigin(c.req.raw);
    await next();
  })
  .get('/inbox', async (c) => c.json(await agentStub(c.env, c.var.agent.id).snapshot()))
  .put('/status', async (c) => {
    const { status } = await readBody(c, StatusBody);
    return c.json({ status: await agentStub(c.env, c.var.agent.id).setStatus(status) });
  })
  .post('/offers/:conversationId/accept', async (c) => {
    const result = await agentStub(c.env, c.var.agent.id).accept(c.req.param('conversationId'));
    if (!result.ok) return fail(409, 'offer_gone', 'This chat is no longer offered to you');
    return c.json({ chat: result.chat });
  })
  .post('/offers/:conversationId/reject', async (c) => {
    const rejected = await agentStub(c.env, c.var.agent.id).reject(c.req.param('conversationId'));
    if (!rejected) return fail(409, 'offer_gone', 'This chat is no longer offered to you');
    return c.body(null, 204);
  });
