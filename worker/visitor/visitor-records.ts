/** The visitors table: one row per visitor token, with what they told us and what the site vouched for. */
import { and, eq, notInArray } from 'drizzle-orm';
import type { ApiVisitor } from '../../protocol/public-api';
import type { VisitorProfile } from '../../protocol/visitor-bodies';
import { visitorConversations } from '../history/transcript';
import { database } from '../db/client';
import { conversations, tickets, visitors } from '../db/schema';
import { conversationStub, type Env } from '../env';

export async function readVisitor(db: D1Database, visitorId: string): Promise<VisitorProfile> {
  const [row] = await database(db).select().from(visitors).where(eq(visitors.id, visitorId)).limit(1);
  return { name: row?.name ?? null, email: row?.email ?? null, verified: row?.verified ?? false };
}

/** Writes what changed; a visitor the table has not seen yet gets their row now. */
export async function saveVisitor(
  env: Env,
  who: { visitorId: string; siteId: string },
  change: { name?: string; email?: string; externalId?: string; verified?: boolean },
): Promise<VisitorProfile> {
  const db = env.DB;
  const now = Date.now();
  const set = Object.fromEntries(Object.entries(change).filter(([, value]) => value !== undefined));
  await database(db)
    .insert(visitors)
    .values({ id: who.visitorId, siteId: who.siteId, ...set, firstSeen: now, lastSeen: now })
    .onConflictDoUpdate({ target: visitors.id, set: { ...set, lastSeen: now } });
  // The open chat shows agents the name and email given now.
  const open = and(eq(conversations.visitorId, who.visitorId), notInArray(conversations.status, ['ended', 'missed']));
  const conversationChange = { ...(change.name ? { visitorName: change.name } : {}), ...(change.email ? { email: change.email } : {}) };
  if (Object.keys(conversationChange).length) {
    const changed = await database(db).update(conversations).set(conversationChange).where(open).returning({ id: conversations.id });
    // The chat's own record is its Durable Object: the agents' tabs and the chat header follow it.
    if (change.name) await Promise.all(changed.map((c) => conversationStub(env, c.id).renameVisitor(change.name!)));
  }
  // A missed chat became a ticket before the visitor said where to answer: now it can be answered.
  if (change.email) {
    await database(db).update(tickets).set({ email: change.email }).where(and(eq(tickets.visitorId, who.visitorId), eq(tickets.email, ''), eq(tickets.status, 'open')));
  }
  return readVisitor(db, who.visitorId);
}

/** A visitor as the public API exports them: what they told us or the site vouched for, and their conversations. */
export async function exportedVisitor(db: D1Database, visitorId: string): Promise<ApiVisitor | null> {
  const [row] = await database(db).select().from(visitors).where(eq(visitors.id, visitorId)).limit(1);
  if (!row) return null;
  const chats = await visitorConversations(db, row.id);
  const { id, siteId, name, email, verified } = row;
  return { id, siteId, name, email, verified, conversations: chats.map(({ id, status, createdAt }) => ({ id, status, createdAt })) };
}
