/** Labels: defined by admins, put on chats and tickets by agents, used to filter history, search and tickets. */
import { asc, eq, inArray } from 'drizzle-orm';
import type { Label } from '../../protocol/workspace';
import { ulid } from '../../protocol/ids';
import { database } from '../db/client';
import { conversationLabels, labels, reportLabelHours, ticketLabels } from '../db/schema';
import { HttpError } from '../http/errors';
import { labelStatements } from '../reports/record';

const columns = { id: labels.id, name: labels.name, color: labels.color };

export const listLabels = (db: D1Database): Promise<Label[]> => database(db).select(columns).from(labels).orderBy(asc(labels.name));

async function requireLabel(db: D1Database, id: string): Promise<Label> {
  const [row] = await database(db).select(columns).from(labels).where(eq(labels.id, id)).limit(1);
  if (!row) throw new HttpError(404, { code: 'not_found', message: `No label "${id}"` });
  return row;
}

const nameTaken = (name: string) => new HttpError(409, { code: 'already_exists', message: `A label "${name}" exists already`, field: 'name' });

export async function createLabel(db: D1Database, label: Omit<Label, 'id'>): Promise<Label> {
  const id = ulid();
  try {
    await database(db).insert(labels).values({ id, ...label, createdAt: Date.now() });
  } catch {
    throw nameTaken(label.name);
  }
  return { id, ...label };
}

export async function updateLabel(db: D1Database, id: string, label: Omit<Label, 'id'>): Promise<Label> {
  await requireLabel(db, id);
  try {
    await database(db).update(labels).set(label).where(eq(labels.id, id));
  } catch {
    throw nameTaken(label.name);
  }
  return { id, ...label };
}

/** Deletes the label and takes it off every chat and ticket, and out of the reports. */
export async function deleteLabel(db: D1Database, id: string): Promise<Label> {
  const label = await requireLabel(db, id);
  const d = database(db);
  await d.batch([
    d.delete(conversationLabels).where(eq(conversationLabels.labelId, id)),
    d.delete(ticketLabels).where(eq(ticketLabels.labelId, id)),
    d.delete(reportLabelHours).where(eq(reportLabelHours.labelId, id)),
    d.delete(labels).where(eq(labels.id, id)),
  ]);
  return label;
}

/** Refuses ids that name no label, naming the field. */
async function requireLabels(db: D1Database, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  const found = await database(db).select({ id: labels.id }).from(labels).where(inArray(labels.id, ids));
  const missing = ids.find((l) => !found.some((f) => f.id === l));
  if (missing) throw new HttpError(400, { code: 'invalid_request', message: `labelIds: no label "${missing}"`, field: 'labelIds' });
}

export async function setConversationLabels(db: D1Database, conversationId: string, ids: string[]): Promise<Label[]> {
  const unique = [...new Set(ids)];
  await requireLabels(db, unique);
  const d = database(db);
  await d.batch([
    d.delete(conversationLabels).where(eq(conversationLabels.conversationId, conversationId)),
    ...unique.map((labelId) => d.insert(conversationLabels).values({ conversationId, labelId })),
  ]);
  // The reports' labelled rows follow (a chat is labelled after the fact, often after it ended).
  await db.batch(labelStatements(db, conversationId));
  return conversationLabelList(db, conversationId);
}

export async function conversationLabelList(db: D1Database, conversationId: string): Promise<Label[]> {
  return database(db)
    .select(columns)
    .from(conversationLabels)
    .innerJoin(labels, eq(labels.id, conversationLabels.labelId))
    .where(eq(conversationLabels.conversationId, conversationId))
    .orderBy(asc(labels.name));
}

export async function setTicketLabels(db: D1Database, ticketId: string, ids: string[]): Promise<string[]> {
  const unique = [...new Set(ids)];
  await requireLabels(db, unique);
  const d = database(db);
  await d.batch([d.delete(ticketLabels).where(eq(ticketLabels.ticketId, ticketId)), ...unique.map((labelId) => d.insert(ticketLabels).values({ ticketId, labelId }))]);
  return unique;
}

/** Each ticket's label ids, for a page of tickets. */
export async function labelsOfTickets(db: D1Database, ticketIds: string[]): Promise<Map<string, string[]>> {
  const rows = ticketIds.length ? await database(db).select().from(ticketLabels).where(inArray(ticketLabels.ticketId, ticketIds)) : [];
  const byTicket = new Map<string, string[]>();
  for (const r of rows) byTicket.set(r.ticketId, [...(byTicket.get(r.ticketId) ?? []), r.labelId]);
  return byTicket;
}
