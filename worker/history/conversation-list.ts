/**
 * Conversations as D1 keeps them, a page at a time for the public API: oldest change first, so a
 * sync that keeps the last page's cursor (or `updatedSince`) picks up every later change.
 */
import { and, asc, eq, gt, gte, inArray, or, type SQL } from 'drizzle-orm';
import type { ConversationStatus } from '../../protocol/chat';
import type { ApiConversation, Page } from '../../protocol/public-api';
import { database } from '../db/client';
import { conversationLabels, conversations } from '../db/schema';
import type { ConversationRow } from '../conversation/access';
import { HttpError } from '../http/errors';

export interface ConversationFilter {
  status?: ConversationStatus | undefined;
  queue?: string | undefined;
  label?: string | undefined;
  updatedSince?: number | undefined;
  cursor?: string | undefined;
  limit?: number | undefined;
}

const DEFAULT_PAGE = 50;

/** `<updatedAt>.<id>` of the last row of a page; the schema has checked its form. */
function after(cursor: string): SQL | undefined {
  const dot = cursor.indexOf('.');
  const [at, id] = [Number(cursor.slice(0, dot)), cursor.slice(dot + 1)];
  return or(gt(conversations.updatedAt, at), and(eq(conversations.updatedAt, at), gt(conversations.id, id)));
}

export async function listConversations(db: D1Database, filter: ConversationFilter): Promise<Page<ApiConversation>> {
  const d = database(db);
  const limit = filter.limit ?? DEFAULT_PAGE;
  const where: Array<SQL | undefined> = [];
  if (filter.status) where.push(eq(conversations.status, filter.status));
  if (filter.queue) where.push(eq(conversations.queueId, filter.queue));
  if (filter.label) where.push(inArray(conversations.id, d.select({ id: conversationLabels.conversationId }).from(conversationLabels).where(eq(conversationLabels.labelId, filter.label))));
  if (filter.updatedSince !== undefined) where.push(gte(conversations.updatedAt, filter.updatedSince));
  if (filter.cursor) where.push(after(filter.cursor));
  const rows = await d
    .select()
    .from(conversations)
    .where(and(...where))
    .orderBy(asc(conversations.updatedAt), asc(conversations.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { data: await withLabels(db, page), next: rows.length > limit && last ? `${last.updatedAt}.${last.id}` : null };
}

export async function requireApiConversation(db: D1Database, id: string): Promise<ApiConversation> {
  const [row] = await database(db).select().from(conversations).where(eq(conversations.id, id)).limit(1);
  if (!row) throw new HttpError(404, { code: 'not_found', message: 'No such conversation' });
  return (await withLabels(db, [row]))[0]!;
}

async function withLabels(db: D1Database, rows: ConversationRow[]): Promise<ApiConversation[]> {
  const ids = rows.map((r) => r.id);
  const labelled = ids.length ? await database(db).select().from(conversationLabels).where(inArray(conversationLabels.conversationId, ids)) : [];
  return rows.map((r) => ({
    id: r.id,
    siteId: r.siteId,
    queueId: r.queueId,
    status: r.status,
    visitorId: r.visitorId,
    visitorName: r.visitorName,
    email: r.email,
    agentId: r.agentId,
    contactId: r.contactId,
    rating: r.rating,
    labels: labelled.filter((l) => l.conversationId === r.id).map((l) => l.labelId),
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  }));
}
