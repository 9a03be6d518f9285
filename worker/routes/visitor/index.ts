/**
 * The widget's API. Called cross-origin from the sites that embed it, so CORS is open and no
 * cookie is used: a visitor proves who they are with their signed token.
 */
import { cors } from 'hono/cors';
import type { ContinueResponse, ConversationResponse, VisitorSessionResponse } from '../../../protocol/api';
import { readContinuation } from '../../auth/continuation';
import { ulid } from '../../../protocol/ids';
import { visitor } from '../../../protocol/rest/visitor';
import { requireVisitor } from '../../auth/visitor';
import { issueVisitorToken, readVisitorToken } from '../../auth/visitor-token';
import { database } from '../../db/client';
import { conversations } from '../../db/schema';
import { createTicket, offlineFormQueue } from '../../tickets/tickets';
import { conversationStub } from '../../env';
import { httpError, HttpError } from '../../http/errors';
import { unwrap } from '../../http/refusals';
import { requireSiteOrigin } from '../../http/origin';
import { Routes } from '../../http/route';
import { lifecycleOf, settingsOf } from '../../site/settings';
import { currentConversation, reopenRecent } from '../../conversation/visitor-chats';
import { chooseQueue } from '../../queue/queues';
import { requireSite, siteStatus } from '../../site/sites';
import { checkAnswers, surveyEmail } from '../../../protocol/survey';
import type { WidgetStatusResponse } from '../../../protocol/visitor-bodies';
import { refuseBanned, refuseIfBanned } from '../../site/bans';
import { requireHuman } from '../../site/under-attack';
import { anonymousName } from '../../visitor/visitor-name';
import { countVisitorAction } from '../../visitor/visitor-limits';
import { readVisitor, saveVisitor } from '../../visitor/visitor-records';
import { visitorAfterChatRoutes } from './after-chat';
import { visitorAgentRoutes } from './agents';
import { visitorProfileRoutes } from './profile';

export const visitorRoutes = new Routes('/api/visitor')
  .use(cors({ origin: '*', allowHeaders: ['Authorization', 'Content-Type'], allowMethods: ['GET', 'POST', 'PUT'] }))
  /** Availability and everything the widget needs to look right, in one request. */
  .on(visitor.siteStatus, async (c) => {
    // Every page view of every embedding site asks this: one read of the site serves it all.
    const site = await requireSite(c.env.DB, c.req.param('siteId'));
    const status = await siteStatus(c.env, site);
    return c.json<WidgetStatusResponse>({ ...status, settings: settingsOf(site), closedMessage: site.businessHours?.closedMessage ?? null });
  })
  .route('/', visitorProfileRoutes)
  .route('/', visitorAfterChatRoutes)
  .route('/', visitorAgentRoutes)
  .on(visitor.startSession, async (c, checked) => {
    const { siteId } = await checked.body();
    const site = await requireSite(c.env.DB, siteId);
    requireSiteOrigin(c.req.raw, site.allowedOrigins);
    await refuseIfBanned(c.env.DB, siteId, null, c.req.raw);
    await countVisitorAction(c.env.DB, 'session', c.req.raw, null);
    const visitorId = ulid();
    const token = await issueVisitorToken({ visitorId, siteId }, c.env.PARLEY_SECRET);
    await saveVisitor(c.env, { visitorId, siteId }, {});
    return c.json<VisitorSessionResponse>({ token, visitorId }, 201);
  })
  /** The message form for when no one can chat; a visitor token, if sent, links the ticket to them. */
  .on(visitor.leaveMessage, async (c, checked) => {
    const body = await checked.body();
    const site = await requireSite(c.env.DB, body.siteId);
    requireSiteOrigin(c.req.raw, site.allowedOrigins);
    const bearer = c.req.header('Authorization')?.replace(/^Bearer /, '');
    const visitor = bearer ? await readVisitorToken(bearer, c.env.PARLEY_SECRET) : null;
    await refuseIfBanned(c.env.DB, site.id, visitor?.siteId === site.id ? visitor.visitorId : null, c.req.raw);
    await requireHuman(c.env, site, body.turnstileToken, c.req.raw);
    await countVisitorAction(c.env.DB, 'ticket', c.req.raw, visitor?.siteId === site.id ? visitor.visitorId : null);
    const ticket = await createTicket(c.env, {
      siteId: site.id,
      queueId: await offlineFormQueue(c.env.DB, site.id, body.language ?? null),
      visitorId: visitor?.siteId === site.id ? visitor.visitorId : null,
      name: body.name,
      email: body.email,
      message: body.message,
    });
    return c.json({ ticket }, 201);
  })
  .on(visitor.conversation, requireVisitor, refuseBanned, async (c) => {
    return c.json<ConversationResponse>({ conversation: await currentConversation(c.env, c.var.visitor.visitorId) });
  })
  .on(visitor.startConversation, requireVisitor, refuseBanned, async (c, checked) => {
    const { visitorId, siteId } = c.var.visitor;
    // Independent reads at once: a chat start is on the visitor's critical path.
    const [site, existing, profile] = await Promise.all([requireSite(c.env.DB, siteId), currentConversation(c.env, visitorId), readVisitor(c.env.DB, visitorId)]);
    requireSiteOrigin(c.req.raw, site.allowedOrigins);
    const body = await checked.body();
    if (!site.chatEnabled) throw httpError(409, 'chat_closed', 'Chat is switched off on this site');
    if (existing) return c.json<ConversationResponse>({ conversation: existing });
    const reopened = await reopenRecent(c.env, visitorId);
    if (reopened) return c.json<ConversationResponse>({ conversation: reopened });

    const answers = body.answers ?? {};
    const wrong = checkAnswers(site.survey, answers);
    if (wrong) throw new HttpError(400, wrong);
    await requireHuman(c.env, site, body.turnstileToken, c.req.raw);
    await countVisitorAction(c.env.DB, 'conversation', c.req.raw, visitorId);

    const language = body.language ?? null;
    const queue = await chooseQueue(c.env.DB, siteId, { language, answers });
    const id = ulid();
    const now = Date.now();
    const visitorName = body.name ?? profile.name ?? anonymousName(visitorId);
    const email = surveyEmail(site.survey, answers) ?? profile.email;
    // Kept only on the page's own origin (the Origin checked above), so a continuation link leads nowhere else.
    const pageUrl = body.page && new URL(body.page).origin === c.req.header('Origin') ? body.page : null;
    await database(c.env.DB)
      .insert(conversations)
      .values({ id, siteId, queueId: queue.id, visitorId, visitorName, language, email, answers, pageUrl, status: 'open', createdAt: now, updatedAt: now });
    const conversation = await conversationStub(c.env, id).open({ id, siteId, queue, visitorId, visitorName, language, lifecycle: lifecycleOf(site) });
    return c.json<ConversationResponse>({ conversation }, 201);
  })
  /** A continuation link from a mail of unread replies: the visitor it was for, back in that very chat. */
  .on(visitor.continueChat, async (c, checked) => {
    const claims = await readContinuation((await checked.body()).token, c.env.PARLEY_SECRET);
    if (claims === 'expired') throw httpError(410, 'link_expired', 'This link has expired; start a new chat instead');
    if (!claims) throw httpError(404, 'not_found', 'This link is not valid');
    const site = await requireSite(c.env.DB, claims.siteId);
    requireSiteOrigin(c.req.raw, site.allowedOrigins);
    await refuseIfBanned(c.env.DB, site.id, claims.visitorId, c.req.raw);
    const conversation = unwrap(await conversationStub(c.env, claims.conversationId).reopen({ anyTime: true }));
    const token = await issueVisitorToken({ visitorId: claims.visitorId, siteId: claims.siteId }, c.env.PARLEY_SECRET);
    return c.json<ContinueResponse>({ token, visitorId: claims.visitorId, conversation });
  })
  .on(visitor.endConversation, requireVisitor, refuseBanned, async (c) => {
    const { visitorId } = c.var.visitor;
    const current = await currentConversation(c.env, visitorId);
    if (!current) throw httpError(404, 'not_found', 'You have no open chat');
    const outcome = await conversationStub(c.env, current.id).end({ role: 'visitor', id: visitorId, name: current.visitorName });
    if (!outcome.ok) throw httpError(409, outcome.error.code, outcome.error.message);
    return c.json<ConversationResponse>({ conversation: outcome.conversation });
  });
