/**
 * Tickets: messages visitors left when no one could chat (or chats an agent filed, or chats no one
 * answered), answered by email from the console. Each belongs to a queue, and who may see and act
 * on it is the access rule of `conversation/access.ts` (staff, and the queue's members).
 */
import { waitUntil } from 'cloudflare:workers';
import { and, asc, desc, eq, inArray, lt, or, type SQL } from 'drizzle-orm';
import type { Ticket, TicketMessage, TicketPage, TicketStatus } from '../../protocol/api';
import type { Attachment } from '../../protocol/chat';
import { ulid } from '../../protocol/ids';
import type { AgentRecord } from '../auth/session';
import { agentsWhoMaySee, isStaff, maySeeQueue } from '../conversation/access';
import { database } from '../db/client';
import { queueMembers, ticketLabels, ticketMessages, tickets } from '../db/schema';
import { labelsOfTickets, setTicketLabels } from '../labels/labels';
import type { Env } from '../env';
import { HttpError } from '../http/errors';
import { sendMail, type MailStatus } from '../mail/mailer';
import { notifyAgents } from '../notifications/notify';
import { findQueue } from '../queue/queues';
import { requireSite } from '../site/sites';
import { publishLater } from '../webhooks/publish';

type TicketRow = typeof tickets.$inferSelect;
export type { TicketRow };

/** Tickets per page of the console's list. */
export const TICKET_PAGE = 50;

/** The correspondence of each ticket after its first message, oldest first. */
async function threadsOf(db: D1Database, ids: string[]): Promise<Map<string, TicketMessage[]>> {
  const threads = new Map<string, TicketMessage[]>();
  if (ids.length === 0) return threads;
  const rows = await database(db).select().from(ticketMessages).where(inArray(ticketMessages.ticketId, ids)).orderBy(asc(ticketMessages.createdAt), asc(ticketMessages.id));
  for (const { ticketId, id, authorRole, authorName, text, attachments, createdAt } of rows) {
    const list = threads.get(ticketId) ?? [];
    list.push({ id, author: { role: authorRole, name: authorName }, text, attachments, createdAt });
    threads.set(ticketId, list);
  }
  return threads;
}

/** Tickets as the console shows them, each with its label ids and its correspondence. */
async function withLabels(db: D1Database, rows: TicketRow[]): Promise<Ticket[]> {
  const ids = rows.map((r) => r.id);
  const [labels, threads] = await Promise.all([labelsOfTickets(db, ids), threadsOf(db, ids)]);
  return rows.map(({ id, queueId, name, email, message, status, createdAt }) => ({
    id,
    queueId,
    name,
    email,
    message,
    status,
    createdAt,
    labels: labels.get(id) ?? [],
    thread: threads.get(id) ?? [],
  }));
}

const one = async (db: D1Database, row: TicketRow) => (await withLabels(db, [row]))[0]!;

export interface NewTicket {
  siteId: string;
  queueId: string | null;
  visitorId: string | null;
  name: string;
  email: string;
  message: string;
}

/** Stores the ticket and tells its queue's team (but `filedBy`, the agent who filed it from a chat). */
export async function createTicket(env: Env, ticket: NewTicket, filedBy?: string): Promise<{ id: string }> {
  const id = ulid();
  const [row] = await database(env.DB).insert(tickets).values({ id, ...ticket, createdAt: Date.now() }).returning();
  waitUntil(tellTeam(env, { id, ...ticket }, filedBy));
  publishLater(env, { id: `evt_ticket_${id}_created`, type: 'ticket.created', at: row!.createdAt, data: { ticket: await one(env.DB, row!) } });
  return { id };
}

/**
 * A ticket is its queue's to answer: the queue's agents hear of it (and of the customer's replies),
 * and admins and supervisors, who see all.
 */
async function tellTeam(env: Env, ticket: NewTicket & { id: string }, filedBy?: string, reply?: string): Promise<void> {
  try {
    const [site, team] = await Promise.all([requireSite(env.DB, ticket.siteId), agentsWhoMaySee(env.DB, ticket.queueId ?? '', [])]);
    const { id, name, email } = ticket;
    const to = team.map((a) => a.id).filter((a) => a !== filedBy);
    await notifyAgents(env, to, { kind: 'ticket', ticket: { id, siteName: site.name, name, email, message: reply ?? ticket.message, reply: reply !== undefined } });
  } catch (err) {
    console.error('[createTicket] telling the team', err);
  }
}

/** Where a message from the offline form goes: the queue a chat started now would (routing rules, else the site's first). */
export async function offlineFormQueue(db: D1Database, siteId: string, language: string | null): Promise<string | null> {
  return (await findQueue(db, siteId, { language, answers: {} }))?.id ?? null;
}

/**
 * A page of the tickets the agent may see (those carrying `label`, if asked), newest first, from
 * after `cursor` (the `next` of the page before).
 */
export async function listTickets(db: D1Database, agent: AgentRecord, { label, cursor }: { label?: string; cursor?: string }): Promise<TicketPage> {
  const d = database(db);
  const where: Array<SQL | undefined> = [];
  if (!isStaff(agent)) {
    where.push(inArray(tickets.queueId, d.select({ id: queueMembers.queueId }).from(queueMembers).where(eq(queueMembers.agentId, agent.id))));
  }
  if (label) where.push(inArray(tickets.id, d.select({ id: ticketLabels.ticketId }).from(ticketLabels).where(eq(ticketLabels.labelId, label))));
  if (cursor) {
    const dot = cursor.indexOf('.');
    const [at, id] = [Number(cursor.slice(0, dot)), cursor.slice(dot + 1)];
    where.push(or(lt(tickets.createdAt, at), and(eq(tickets.createdAt, at), lt(tickets.id, id))));
  }
  const rows = await d
    .select()
    .from(tickets)
    .where(and(...where))
    .orderBy(desc(tickets.createdAt), desc(tickets.id))
    .limit(TICKET_PAGE + 1);
  const page = rows.slice(0, TICKET_PAGE);
  const last = page.at(-1);
  return { tickets: await withLabels(db, page), next: rows.length > TICKET_PAGE && last ? `${last.createdAt}.${last.id}` : null };
}

/** The ticket a missed chat became, as the console shows it (its outbox made it: `d1-outbox.ts`). */
export async function ticketOfChat(db: D1Database, conversationId: string): Promise<Ticket | null> {
  const [row] = await database(db).select().from(tickets).where(eq(tickets.conversationId, conversationId)).limit(1);
  return row ? one(db, row) : null;
}

/** Puts labels on the ticket (for an agent it is for); webhooks hear of it as a change. */
export async function labelTicket(env: Env, agent: AgentRecord, id: string, labelIds: string[]): Promise<string[]> {
  const ticket = await requireTicket(env.DB, agent, id);
  const labels = await setTicketLabels(env.DB, ticket.id, labelIds);
  updated(env, await one(env.DB, ticket));
  return labels;
}

export async function ticketById(db: D1Database, id: string): Promise<TicketRow | null> {
  const [row] = await database(db).select().from(tickets).where(eq(tickets.id, id)).limit(1);
  return row ?? null;
}

/**
 * The customer answered by mail: the reply joins the ticket's correspondence, the ticket is open
 * again (a solved one too: they have more to say), and its team hears of it.
 */
export async function addCustomerReply(env: Env, ticket: TicketRow, reply: { text: string; attachments: Attachment[] }): Promise<void> {
  const db = database(env.DB);
  await db.batch([
    db.insert(ticketMessages).values({ id: ulid(), ticketId: ticket.id, authorRole: 'visitor', authorName: ticket.name, text: reply.text, attachments: reply.attachments, createdAt: Date.now() }),
    db.update(tickets).set({ status: 'open' }).where(eq(tickets.id, ticket.id)),
  ]);
  updated(env, await one(env.DB, { ...ticket, status: 'open' }));
  waitUntil(tellTeam(env, ticket, undefined, reply.text || reply.attachments.map((a) => a.name).join(', ')));
}

/** The ticket, for an agent it is for (its queue's members, staff); anyone else gets the 404 of no ticket. */
export async function requireTicket(db: D1Database, agent: AgentRecord, id: string): Promise<TicketRow> {
  const [row] = await database(db).select().from(tickets).where(eq(tickets.id, id)).limit(1);
  if (!row || !(await maySeeQueue(db, agent, row.queueId))) throw new HttpError(404, { code: 'not_found', message: 'No such ticket' });
  return row;
}

/** The ticket as the console shows it, for an agent it is for. */
export async function ticketFor(db: D1Database, agent: AgentRecord, id: string): Promise<Ticket> {
  return one(db, await requireTicket(db, agent, id));
}

export async function setTicketStatus(env: Env, agent: AgentRecord, id: string, status: TicketStatus): Promise<Ticket> {
  const ticket = await requireTicket(env.DB, agent, id);
  const [row] = await database(env.DB).update(tickets).set({ status }).where(eq(tickets.id, ticket.id)).returning();
  return updated(env, await one(env.DB, row!));
}

/** Webhooks hear of every change to a ticket. */
function updated(env: Env, ticket: Ticket): Ticket {
  publishLater(env, { id: `evt_ticket_${ticket.id}_${ulid()}`, type: 'ticket.updated', at: Date.now(), data: { ticket } });
  return ticket;
}

/**
 * Mails the answer to the customer, with what they last wrote quoted, from the ticket's reply
 * address (their answer comes back to the ticket); the ticket then waits on them (pending).
 */
export async function answerTicket(env: Env, agent: AgentRecord, id: string, text: string): Promise<{ ticket: Ticket; mail: { to: string; status: MailStatus } }> {
  const db = database(env.DB);
  const ticket = await requireTicket(env.DB, agent, id);
  if (!ticket.email) throw new HttpError(409, { code: 'invalid_request', message: 'This ticket has no email address to answer' });
  const site = await requireSite(env.DB, ticket.siteId);
  const theirs = (await threadsOf(env.DB, [ticket.id])).get(ticket.id)?.filter((m) => m.author.role === 'visitor').at(-1)?.text ?? ticket.message;
  const quoted = theirs.split('\n').map((line) => `> ${line}`).join('\n');
  const status = await sendMail(env, {
    to: ticket.email,
    subject: `Re: your message to ${site.name}`,
    fromName: site.name,
    thread: { kind: 'ticket', id: ticket.id },
    text: `${text}\n\n${agent.name}, ${site.name}\n\n${quoted}\n`,
  });
  const [, [answered]] = await db.batch([
    db.insert(ticketMessages).values({ id: ulid(), ticketId: ticket.id, authorRole: 'agent', authorName: agent.name, text, createdAt: Date.now() }),
    db.update(tickets).set({ status: 'pending' }).where(eq(tickets.id, ticket.id)).returning(),
  ]);
  return { ticket: updated(env, await one(env.DB, answered!)), mail: { to: ticket.email, status } };
}
