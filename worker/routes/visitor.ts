/**
 * The widget's API. Called cross-origin from the sites that embed it, so CORS is open and no
 * cookie is used: a visitor proves who they are with their signed token.
 */
import { and, desc, eq, ne } from 'drizzle-orm';
import { Hono } from 'hono';
import { cors } from 'hono/cors';
import {
  StartConversationBody,
  VisitorSessionBody,
  type ConversationResponse,
  type VisitorSessionResponse,
} from '../../protocol/api';
import type { ConversationSummary } from '../../protocol/chat';
import { ulid } from '../../protocol/ids';
import { requireVisitor } from '../auth/visitor';
import { issueVisitorToken } from '../auth/visitor-token';
import { database } from '../db/client';
import { conversations } from '../db/schema';
import { conversationStub } from '../env';
import type { AppEnv } from '../http/app-env';
import { readBody } from '../http/body';
import { requireSiteOrigin } from '../http/origin';
import { defaultQueue, requireSite } from '../sites/sites';

export const visitorRoutes = new Hono<AppEnv>()
  .use(cors({ origin: '*', allowHeaders: ['Authorization', 'Content-Type'], allowMethods: ['GET', 'POST'] }))
  .post('/session', async (c) => {
    const { siteId } = await readBody(c, VisitorSessionBody);
    const site = await requireSite(c.env.DB, siteId);
    requireSiteOrigin(c.req.raw, site.allowedOrigins);
    const visitorId = ulid();
    const token = await issueVisitorToken({ visitorId, siteId }, c.env.PARLEY_SECRET);
    return c.json<VisitorSessionResponse>({ token, visitorId }, 201);
  })
  .get('/conversation', requireVisitor, async (c) => {
    return c.json<ConversationResponse>({ conversation: await currentConversation(c.env, c.var.visitor.visitorId) });
  })
  .post('/conversation', requireVisitor, async (c) => {
    const { visitorId, siteId } = c.var.visitor;
    const site = await requireSite(c.env.DB, siteId);
    requireSiteOrigin(c.req.raw, site.allowedOrigins);
    const body = await readBody(c, StartConversationBody);
    const existing = await currentConversation(c.env, visitorId);
    if (existing) return c.json<ConversationResponse>({ conversation: existing });

    const queue = await defaultQueue(c.env.DB, siteId);
    const id = ulid();
    const now = Date.now();
    const visitorName = body.name ?? anonymousName(visitorId);
    await database(c.env.DB).insert(conversations).values({
      id,
      siteId,
      queueId: queue.id,
      visitorId,
      visitorName,
      status: 'open',
      createdAt: now,
      updatedAt: now,
    });
    const conversation = await conversationStub(c.env, id).open({
      id,
      siteId,
      queueId: queue.id,
      queueName: queue.name,
      visitorId,
      visitorName,
      status: 'open',
      agentId: null,
      agentName: null,
    });
    return c.json<ConversationResponse>({ conversation }, 201);
  });

/** The visitor's latest conversation that has not ended, as its Durable Object knows it. */
async function currentConversation(env: AppEnv['Bindings'], visitorId: string): Promise<ConversationSummary | null> {
  const [row] = await database(env.DB)
    .select({ id: conversations.id })
    .from(conversations)
    .where(and(eq(conversations.visitorId, visitorId), ne(conversations.status, 'ended')))
    .orderBy(desc(conversations.createdAt))
    .limit(1);
  return row ? conversationStub(env, row.id).summary() : null;
}

/** Anonymous visitors get a short code an agent can tell apart, e.g. "Visitor 7K3Q". */
const anonymousName = (visitorId: string) => `Visitor ${visitorId.slice(-4)}`;
