/**
 * WebSocket upgrades. Each is authenticated and its Origin checked here, then handed, with the
 * caller's identity, to the Durable Object that accepts it through the hibernation API.
 */
import { eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { agentSetup } from '../agent/agent-setup';
import { conversationRow } from '../conversation/access';
import { requireAgent } from '../auth/session';
import { requireVisitor } from '../auth/visitor';
import { database } from '../db/client';
import { conversations } from '../db/schema';
import { agentStub, conversationStub, siteStub } from '../env';
import type { AppEnv } from '../http/app-env';
import { httpError } from '../http/errors';
import { requireOwnOrigin, requireSiteOrigin } from '../http/origin';
import { requireSite, requireWatchedSite } from '../site/sites';
import { upgradeRequired } from '../sockets/socket-do';
import { forwardSocket } from '../sockets/socket-identity';
import { visitorName } from '../visitor/visitor-name';
import { withVisit } from '../site/visit';
import { refuseBanned } from '../site/bans';

export const socketRoutes = new Hono<AppEnv>()
  .use(async (c, next) => {
    if (c.req.header('Upgrade') !== 'websocket') return upgradeRequired();
    await next();
  })
  // A banned visitor opens no new socket (the SiteDO tells their open widgets to close).
  .use('/visitor/*', requireVisitor, refuseBanned)
  .get('/visitor/conversations/:id', async (c) => {
    const { visitorId, siteId } = c.var.visitor;
    requireSiteOrigin(c.req.raw, (await requireSite(c.env.DB, siteId)).allowedOrigins);
    const id = c.req.param('id');
    const [row] = await database(c.env.DB)
      .select({ visitorId: conversations.visitorId })
      .from(conversations)
      .where(eq(conversations.id, id))
      .limit(1);
    // The same answer whether the conversation is someone else's or does not exist.
    if (row?.visitorId !== visitorId) throw httpError(404, 'not_found', 'No such conversation');
    return forwardSocket(c.req.raw, conversationStub(c.env, id), { role: 'visitor', id: visitorId, name: '' });
  })
  .get('/agent/conversations/:id', requireAgent, async (c) => {
    requireOwnOrigin(c.req.raw);
    const { id, name } = c.var.agent;
    // D1 first: an id no chat has brings no Durable Object into being.
    if (!(await conversationRow(c.env.DB, c.req.param('id')))) throw httpError(404, 'not_found', 'No such conversation');
    return forwardSocket(c.req.raw, conversationStub(c.env, c.req.param('id')), { role: 'agent', id, name });
  })
  .get('/agent/inbox', requireAgent, async (c) => {
    requireOwnOrigin(c.req.raw);
    const { id, name } = c.var.agent;
    const agent = agentStub(c.env, id);
    await agent.register(await agentSetup(c.env.DB, c.var.agent));
    return forwardSocket(c.req.raw, agent, { role: 'agent', id, name });
  })
  /** The widget's live line to its site: where the visitor is; settings, bans and invitations back. */
  .get('/visitor/site', async (c) => {
    const { visitorId, siteId } = c.var.visitor;
    requireSiteOrigin(c.req.raw, (await requireSite(c.env.DB, siteId)).allowedOrigins);
    const name = await visitorName(c.env.DB, visitorId);
    return forwardSocket(withVisit(c.req.raw, siteId), siteStub(c.env, siteId), { role: 'visitor', id: visitorId, name });
  })
  /** Agents watching a site's live visitors. */
  .get('/agent/sites/:siteId', requireAgent, async (c) => {
    requireOwnOrigin(c.req.raw);
    const site = await requireWatchedSite(c.env.DB, c.var.agent, c.req.param('siteId'));
    const { id, name } = c.var.agent;
    return forwardSocket(c.req.raw, siteStub(c.env, site.id), { role: 'agent', id, name });
  });
