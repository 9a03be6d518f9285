/** A visitor's chats as the widget sees them: the one going on, or a recent one to reopen. */
import { desc, eq } from 'drizzle-orm';
import { isOver, type ConversationSummary } from '../../protocol/chat';
import { database } from '../db/client';
import { conversations } from '../db/schema';
import { conversationStub, type Env } from '../env';

/** The visitor's latest conversation: its id, whatever its state. */
async function latestId(db: D1Database, visitorId: string): Promise<string | null> {
  const [row] = await database(db)
    .select({ id: conversations.id })
    .from(conversations)
    .where(eq(conversations.visitorId, visitorId))
    .orderBy(desc(conversations.createdAt))
    .limit(1);
  return row?.id ?? null;
}

/**
 * The visitor's latest conversation if it goes on, as its Durable Object knows it (D1 may not
 * have heard yet that it ended).
 */
export async function currentConversation(env: Env, visitorId: string): Promise<ConversationSummary | null> {
  const id = await latestId(env.DB, visitorId);
  if (!id) return null;
  const summary = await conversationStub(env, id).summary();
  return summary && !isOver(summary.status) ? summary : null;
}

/** The visitor's latest conversation, reopened if it ended within the site's reopen window; else null. */
export async function reopenRecent(env: Env, visitorId: string): Promise<ConversationSummary | null> {
  const id = await latestId(env.DB, visitorId);
  if (!id) return null;
  const reopened = await conversationStub(env, id).reopen();
  return reopened.ok ? reopened.conversation : null;
}
