/** What the console needs beside a chat: predefined messages, kept mails, cards, live visitors. */
import { desc } from 'drizzle-orm';
import { Hono } from 'hono';
import { parseWith } from '../../../protocol/parse';
import { CardQuery, InviteVisitorBody, type CardResponse, type KeptMail } from '../../../protocol/workspace';
import { requireRole } from '../../auth/roles';
import { fetchCard } from '../../cards/open-graph';
import { database } from '../../db/client';
import { mails, sites } from '../../db/schema';
import { siteStub } from '../../env';
import type { AppEnv } from '../../http/app-env';
import { readBody } from '../../http/body';
import { httpError, HttpError } from '../../http/errors';
import { ownOrigin } from '../../http/origin';
import { requireSite } from '../../site/sites';
import { listPredefined } from '../../predefined/predefined';

export const consoleToolRoutes = new Hono<AppEnv>()
  /** The shared predefined messages and those of the agent's queues (staff: all), by title. */
  .get('/predefined', async (c) => {
    return c.json({ predefined: await listPredefined(c.env.DB, c.var.agent) });
  })
  /**
   * Every mail Parley sent or kept, newest first. Mails carry transcripts and sign-up links (an
   * admin invitation's link makes an admin), so only admins read them.
   */
  .get('/mails', requireRole('admin'), async (c) => {
    const rows = await database(c.env.DB).select().from(mails).orderBy(desc(mails.createdAt)).limit(100);
    return c.json<{ mails: KeptMail[] }>({ mails: rows });
  })
  .get('/cards', async (c) => {
    const parsed = parseWith(CardQuery, { url: c.req.query('url') ?? '' });
    if (!parsed.ok) throw new HttpError(400, parsed.error);
    return c.json<CardResponse>({ card: await fetchCard(c.env, parsed.value.url, ownOrigin(c.req.raw)) });
  })
  .get('/sites', async (c) => c.json({ sites: await database(c.env.DB).select({ id: sites.id, name: sites.name }).from(sites).orderBy(sites.name) }))
  /** Starts a chat with a browsing visitor: their widget shows the invitation. */
  .post('/sites/:siteId/visitors/:visitorId/invite', async (c) => {
    const site = await requireSite(c.env.DB, c.req.param('siteId'));
    const { message } = await readBody(c, InviteVisitorBody);
    const reached = await siteStub(c.env, site.id).invite(c.req.param('visitorId'), c.var.agent.name, message);
    if (!reached) throw httpError(404, 'not_found', 'That visitor is no longer on the site');
    return c.body(null, 204);
  });
