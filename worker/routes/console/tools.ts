/** What the console needs beside a chat: predefined messages, kept mails, cards, live visitors. */
import { desc } from 'drizzle-orm';
import { console } from '../../../protocol/rest/console';
import type { CardResponse, KeptMail, ReceivedMail } from '../../../protocol/workspace';
import { requireRole } from '../../auth/roles';
import { fetchCard } from '../../cards/open-graph';
import { database } from '../../db/client';
import { inboundMails, mails } from '../../db/schema';
import { siteStub } from '../../env';
import { Routes } from '../../http/route';
import { httpError } from '../../http/errors';
import { ownOrigin } from '../../http/origin';
import { requireWatchedSite, watchedSites } from '../../site/sites';
import { listPredefined } from '../../predefined/predefined';

export const consoleToolRoutes = new Routes('/api/console')
  /** The shared predefined messages and those of the agent's queues (staff: all), by title. */
  .on(console.predefined, async (c) => {
    return c.json({ predefined: await listPredefined(c.env.DB, c.var.agent) });
  })
  /**
   * Every mail Parley sent or kept, and every mail that came in and what became of it, newest
   * first. Mails carry transcripts and sign-up links (an admin invitation's link makes an admin),
   * so only admins read them.
   */
  .on(console.mails, requireRole('admin'), async (c) => {
    const d = database(c.env.DB);
    const [sent, received] = await Promise.all([
      d.select({ id: mails.id, to: mails.to, subject: mails.subject, text: mails.text, status: mails.status, replyTo: mails.replyTo, createdAt: mails.createdAt }).from(mails).orderBy(desc(mails.createdAt)).limit(100),
      d
        .select({ id: inboundMails.id, from: inboundMails.from, to: inboundMails.to, subject: inboundMails.subject, outcome: inboundMails.outcome, reason: inboundMails.reason, createdAt: inboundMails.createdAt })
        .from(inboundMails)
        .orderBy(desc(inboundMails.createdAt))
        .limit(100),
    ]);
    return c.json<{ mails: KeptMail[]; received: ReceivedMail[] }>({ mails: sent, received });
  })
  .on(console.card, async (c, checked) => {
    return c.json<CardResponse>({ card: await fetchCard(c.env, checked.query().url, ownOrigin(c.req.raw)) });
  })
  .on(console.sites, async (c) => c.json({ sites: await watchedSites(c.env.DB, c.var.agent) }))
  /** Starts a chat with a browsing visitor: their widget shows the invitation. */
  .on(console.inviteVisitor, async (c, checked) => {
    const site = await requireWatchedSite(c.env.DB, c.var.agent, c.req.param('siteId'));
    const { message } = await checked.body();
    const reached = await siteStub(c.env, site.id).invite(c.req.param('visitorId'), c.var.agent.name, message);
    if (!reached) throw httpError(404, 'not_found', 'That visitor is no longer on the site');
    return c.body(null, 204);
  });
