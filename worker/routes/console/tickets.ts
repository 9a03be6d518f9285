/** Tickets: messages visitors left when no one could chat, answered by email from the console. */
import { desc, eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { TicketReplyBody, type Ticket } from '../../../protocol/api';
import { database } from '../../db/client';
import { tickets } from '../../db/schema';
import type { AppEnv } from '../../http/app-env';
import { readBody } from '../../http/body';
import { httpError } from '../../http/errors';
import { sendMail } from '../../mail/mailer';
import { requireSite } from '../../site/sites';

const toTicket = ({ id, name, email, message, status, createdAt }: typeof tickets.$inferSelect): Ticket => ({ id, name, email, message, status, createdAt });

export const ticketRoutes = new Hono<AppEnv>()
  .get('/', async (c) => {
    const rows = await database(c.env.DB).select().from(tickets).orderBy(desc(tickets.createdAt)).limit(100);
    return c.json({ tickets: rows.map(toTicket) });
  })
  /** Mails the answer to the visitor, with their message quoted, and closes the ticket. */
  .post('/:id/reply', async (c) => {
    const { text } = await readBody(c, TicketReplyBody);
    const db = database(c.env.DB);
    const [ticket] = await db.select().from(tickets).where(eq(tickets.id, c.req.param('id'))).limit(1);
    if (!ticket) throw httpError(404, 'not_found', 'No such ticket');
    if (!ticket.email) throw httpError(409, 'invalid_request', 'This ticket has no email address to answer');
    const site = await requireSite(c.env.DB, ticket.siteId);
    const quoted = ticket.message.split('\n').map((line) => `> ${line}`).join('\n');
    const mail = await sendMail(c.env, {
      to: ticket.email,
      subject: `Re: your message to ${site.name}`,
      text: `${text}\n\n${c.var.agent.name}, ${site.name}\n\n${quoted}\n`,
    });
    const [closed] = await db.update(tickets).set({ status: 'closed' }).where(eq(tickets.id, ticket.id)).returning();
    return c.json({ ticket: toTicket(closed!), mail: { to: ticket.email, status: mail } }, 201);
  });
