/**
 * Tickets: messages visitors left when no one could chat (or chats an agent filed), answered by
 * email from the console.
 */
import { waitUntil } from 'cloudflare:workers';
import { desc, eq, inArray, or } from 'drizzle-orm';
import type { Ticket, TicketStatus } from '../../protocol/api';
import { ulid } from '../../protocol/ids';
import { database } from '../db/client';
import { agents, queueMembers, queues, ticketLabels, tickets } from '../db/schema';
import { labelsOfTickets } from '../labels/labels';
import type { Env } from '../env';
import { HttpError } from '../http/errors';
import { sendMail, type MailStatus } from '../mail/mailer';
import { notifyAgents } from '../notifications/notify';
import { requireSite } from '../site/sites';

type TicketRow = typeof tickets.$inferSelect;

/** Tickets as the console shows them, each with its label ids. */
async function withLabels(db: D1Database, rows: TicketRow[]): Promise<Ticket[]> {
  const labels = await labelsOfTickets(db, rows.map((r) => r.id));
  return rows.map(({ id, name, email, message, status, createdAt }) => ({ id, name, email, message, status, createdAt, labels: labels.get(id) ?? [] }));
}

const one = async (db: D1Database, row: TicketRow) => (await withLabels(db, [row]))[0]!;

export interface NewTicket {
  siteId: string;
  visitorId: string | null;
  name: string;
  email: string;
  message: string;
}

/** Stores the ticket and tells the site's team (but `filedBy`, the agent who filed it from a chat). */
export async function createTicket(env: Env, ticket: NewTicket, filedBy?: string): Promise<{ id: string }> {
  const id = ulid();
  await database(env.DB).insert(tickets).values({ id, ...ticket, createdAt: Date.now() });
  waitUntil(tellTeam(env, { id, ...ticket }, filedBy));
  return { id };
}

/** A ticket is the site's to answer: its queues' agents hear of it, and admins and supervisors, who see all. */
async function tellTeam(env: Env, ticket: NewTicket & { id: string }, filedBy?: string): Promise<void> {
  try {
    const d = database(env.DB);
    const [site, team] = await Promise.all([
      requireSite(env.DB, ticket.siteId),
      d
        .selectDistinct({ id: agents.id })
        .from(agents)
        .leftJoin(queueMembers, eq(queueMembers.agentId, agents.id))
        .leftJoin(queues, eq(queues.id, queueMembers.queueId))
        .where(or(eq(queues.siteId, ticket.siteId), inArray(agents.role, ['admin', 'supervisor']))),
    ]);
    const { id, name, email, message } = ticket;
    const to = team.map((a) => a.id).filter((a) => a !== filedBy);
    await notifyAgents(env, to, { kind: 'ticket', ticket: { id, siteName: site.name, name, email, message } });
  } catch (err) {
    console.error('[createTicket] telling the team', err);
  }
}

/** The newest tickets, all or those carrying `label`. */
export async function listTickets(db: D1Database, label?: string): Promise<Ticket[]> {
  const d = database(db);
  const labelled = label ? inArray(tickets.id, d.select({ id: ticketLabels.ticketId }).from(ticketLabels).where(eq(ticketLabels.labelId, label))) : undefined;
  const rows = await d.select().from(tickets).where(labelled).orderBy(desc(tickets.createdAt)).limit(100);
  return withLabels(db, rows);
}

export async function requireTicket(db: D1Database, id: string): Promise<TicketRow> {
  const [row] = await database(db).select().from(tickets).where(eq(tickets.id, id)).limit(1);
  if (!row) throw new HttpError(404, { code: 'not_found', message: 'No such ticket' });
  return row;
}

export async function setTicketStatus(db: D1Database, id: string, status: TicketStatus): Promise<Ticket> {
  const [row] = await database(db).update(tickets).set({ status }).where(eq(tickets.id, id)).returning();
  if (!row) throw new HttpError(404, { code: 'not_found', message: 'No such ticket' });
  return one(db, row);
}

/** Mails the answer to the visitor, with their message quoted; the ticket then waits on them (pending). */
export async function answerTicket(env: Env, id: string, text: string, agentName: string): Promise<{ ticket: Ticket; mail: { to: string; status: MailStatus } }> {
  const db = database(env.DB);
  const ticket = await requireTicket(env.DB, id);
  if (!ticket.email) throw new HttpError(409, { code: 'invalid_request', message: 'This ticket has no email address to answer' });
  const site = await requireSite(env.DB, ticket.siteId);
  const quoted = ticket.message.split('\n').map((line) => `> ${line}`).join('\n');
  const status = await sendMail(env, {
    to: ticket.email,
    subject: `Re: your message to ${site.name}`,
    text: `${text}\n\n${agentName}, ${site.name}\n\n${quoted}\n`,
  });
  const [answered] = await db.update(tickets).set({ status: 'pending' }).where(eq(tickets.id, ticket.id)).returning();
  return { ticket: await one(env.DB, answered!), mail: { to: ticket.email, status } };
}
