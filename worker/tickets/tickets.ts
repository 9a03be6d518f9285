/**
 * Tickets: messages visitors left when no one could chat (or chats an agent filed), answered by
 * email from the console.
 */
import { desc, eq } from 'drizzle-orm';
import type { Ticket, TicketStatus } from '../../protocol/api';
import { ulid } from '../../protocol/ids';
import { database } from '../db/client';
import { tickets } from '../db/schema';
import type { Env } from '../env';
import { HttpError } from '../http/errors';
import { sendMail, type MailStatus } from '../mail/mailer';
import { requireSite } from '../site/sites';

type TicketRow = typeof tickets.$inferSelect;

const toTicket = ({ id, name, email, message, status, createdAt }: TicketRow): Ticket => ({ id, name, email, message, status, createdAt });

export interface NewTicket {
  siteId: string;
  visitorId: string | null;
  name: string;
  email: string;
  message: string;
}

export async function createTicket(db: D1Database, ticket: NewTicket): Promise<{ id: string }> {
  const id = ulid();
  await database(db).insert(tickets).values({ id, ...ticket, createdAt: Date.now() });
  return { id };
}

export async function listTickets(db: D1Database): Promise<Ticket[]> {
  const rows = await database(db).select().from(tickets).orderBy(desc(tickets.createdAt)).limit(100);
  return rows.map(toTicket);
}

export async function setTicketStatus(db: D1Database, id: string, status: TicketStatus): Promise<Ticket> {
  const [row] = await database(db).update(tickets).set({ status }).where(eq(tickets.id, id)).returning();
  if (!row) throw new HttpError(404, { code: 'not_found', message: 'No such ticket' });
  return toTicket(row);
}

/** Mails the answer to the visitor, with their message quoted; the ticket then waits on them (pending). */
export async function answerTicket(env: Env, id: string, text: string, agentName: string): Promise<{ ticket: Ticket; mail: { to: string; status: MailStatus } }> {
  const db = database(env.DB);
  const [ticket] = await db.select().from(tickets).where(eq(tickets.id, id)).limit(1);
  if (!ticket) throw new HttpError(404, { code: 'not_found', message: 'No such ticket' });
  if (!ticket.email) throw new HttpError(409, { code: 'invalid_request', message: 'This ticket has no email address to answer' });
  const site = await requireSite(env.DB, ticket.siteId);
  const quoted = ticket.message.split('\n').map((line) => `> ${line}`).join('\n');
  const status = await sendMail(env, {
    to: ticket.email,
    subject: `Re: your message to ${site.name}`,
    text: `${text}\n\n${agentName}, ${site.name}\n\n${quoted}\n`,
  });
  const [answered] = await db.update(tickets).set({ status: 'pending' }).where(eq(tickets.id, ticket.id)).returning();
  return { ticket: toTicket(answered!), mail: { to: ticket.email, status } };
}
