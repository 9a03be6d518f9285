/** After the chat: the visitor rates it and may have its transcript mailed to them. */
import { and, eq, lt, sql } from 'drizzle-orm';
import type { Context } from 'hono';
import { visitor } from '../../../protocol/rest/visitor';
import { isOver } from '../../../protocol/chat';
import { requireVisitor } from '../../auth/visitor';
import { database } from '../../db/client';
import { conversations } from '../../db/schema';
import { conversationStub } from '../../env';
import type { AppEnv } from '../../http/app-env';
import { HttpError } from '../../http/errors';
import { countUp } from '../../http/rate-counters';
import { clientIp } from '../../http/client-ip';
import { requireSiteOrigin } from '../../http/origin';
import { Routes } from '../../http/route';
import { chatMessages, transcriptMail } from '../../history/transcript';
import { sendMail } from '../../mail/mailer';
import { requireSite } from '../../site/sites';
import { refuseBanned } from '../../site/bans';
import { readVisitor } from '../../visitor/visitor-records';
import { ratingStatements } from '../../reports/record';
import { ulid } from '../../../protocol/ids';
import { publishLater } from '../../webhooks/publish';

/** The caller's own chat, once it has ended; someone else's chat answers as if it did not exist. */
async function ownEndedChat(c: Context<AppEnv>) {
  const { visitorId, siteId } = c.var.visitor;
  requireSiteOrigin(c.req.raw, (await requireSite(c.env.DB, siteId)).allowedOrigins);
  const id = c.req.param('id')!;
  const [row] = await database(c.env.DB).select().from(conversations).where(eq(conversations.id, id)).limit(1);
  if (row?.visitorId !== visitorId) throw new HttpError(404, { code: 'not_found', message: 'No such conversation' });
  // D1 may not have heard yet that the chat ended; the Durable Object knows.
  const summary = await conversationStub(c.env, id).summary();
  if (!summary || !isOver(summary.status)) throw new HttpError(409, { code: 'chat_not_ended', message: 'End the chat first' });
  return row;
}

/** Enough for the visitor and a colleague or two; more would make the widget a mail relay. */
const MAX_TRANSCRIPTS = 3;
/** Chats cost nothing to start, so the cap per chat is not enough: one address gets this many an hour. */
const MAX_TRANSCRIPTS_PER_IP_HOUR = 10;
const HOUR_MS = 60 * 60 * 1000;

export const visitorAfterChatRoutes = new Routes('/api/visitor')
  .on(visitor.rateChat, requireVisitor, refuseBanned, async (c, checked) => {
    const chat = await ownEndedChat(c);
    const { rating, comment } = await checked.body();
    // The chat's row and the reports' in one batch.
    const db = c.env.DB;
    await db.batch([
      db.prepare('UPDATE conversations SET rating = ?, rating_comment = ? WHERE id = ?').bind(rating, comment || null, chat.id),
      ...ratingStatements(db, chat.id, rating, comment || null, Date.now()),
    ]);
    publishLater(c.env, { id: `evt_rating_${chat.id}_${ulid()}`, type: 'rating.created', at: Date.now(), data: { conversationId: chat.id, rating, comment: comment || null } });
    return c.json({ rating: { rating, comment: comment || null } });
  })
  /** Public messages only: private notes never leave the agents. */
  .on(visitor.mailTranscript, requireVisitor, refuseBanned, async (c, checked) => {
    const chat = await ownEndedChat(c);
    const body = await checked.body();
    const to = body.email ?? chat.email ?? (await readVisitor(c.env.DB, chat.visitorId)).email;
    if (!to) throw new HttpError(400, { code: 'invalid_request', message: 'email: give the address to send it to', field: 'email' });
    // Counted before sending, in one statement, so parallel requests cannot pass the cap together.
    const counted = await database(c.env.DB)
      .update(conversations)
      .set({ transcriptsSent: sql`${conversations.transcriptsSent} + 1` })
      .where(and(eq(conversations.id, chat.id), lt(conversations.transcriptsSent, MAX_TRANSCRIPTS)))
      .returning({ id: conversations.id });
    if (!counted.length) throw new HttpError(429, { code: 'throttled', message: `A chat's transcript can be mailed at most ${MAX_TRANSCRIPTS} times` });
    const ip = clientIp(c.req.raw);
    if (ip) {
      const [fromIp] = await countUp(c.env.DB, [`transcripts:${ip}`], HOUR_MS);
      if (fromIp! > MAX_TRANSCRIPTS_PER_IP_HOUR) throw new HttpError(429, { code: 'throttled', message: 'Too many transcripts asked for; try again in an hour' });
    }
    const site = await requireSite(c.env.DB, chat.siteId);
    const status = await sendMail(c.env, { to, fromName: site.name, thread: { kind: 'conversation', id: chat.id }, ...transcriptMail(site.name, await chatMessages(c.env, chat.id, 'visitor')) });
    if (status === 'failed') throw new HttpError(502, { code: 'internal', message: 'The mail could not be sent; try again later' });
    return c.json({ sent: { to } }, 202);
  });
