/**
 * Full-text search over the conversation history, through the FTS5 index that migration
 * 0002_search keeps in step with `messages`. A raw query: drizzle has no FTS5 support.
 */
import type { SearchHit } from '../../protocol/workspace';
import type { AgentRecord } from '../auth/session';
import { isStaff } from '../conversation/access';

/** Each word is quoted, so what a person types is searched for, never read as FTS5 syntax. */
export const ftsQuery = (q: string) =>
  q
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => `"${word.replaceAll('"', '""')}"`)
    .join(' ');

/**
 * Best matches first, over what the viewer may see: the access rule of `conversation/access.ts`
 * in SQL, from D1's copy (staff all; an agent their queues' chats and those they answered).
 */
export async function searchHistory(db: D1Database, agent: AgentRecord, q: string, label: string | null = null, limit = 50): Promise<SearchHit[]> {
  const { results } = await db
    .prepare(
      `SELECT m.conversation_id, m.seq, m.author_name, c.visitor_name, m.text, m.private, m.created_at
       FROM messages_fts
       JOIN messages m ON m.rowid = messages_fts.rowid
       JOIN conversations c ON c.id = m.conversation_id
       WHERE messages_fts MATCH ?1
         AND (?2 = 1 OR c.agent_id = ?3 OR c.queue_id IN (SELECT queue_id FROM queue_members WHERE agent_id = ?3))
         AND (?5 IS NULL OR c.id IN (SELECT conversation_id FROM conversation_labels WHERE label_id = ?5))
       ORDER BY rank
       LIMIT ?4`,
    )
    .bind(ftsQuery(q), isStaff(agent) ? 1 : 0, agent.id, limit, label)
    .all<Record<string, string | number>>();
  return results.map((r) => ({
    conversationId: String(r.conversation_id),
    seq: Number(r.seq),
    authorName: String(r.author_name),
    visitorName: String(r.visitor_name),
    text: String(r.text),
    private: Number(r.private) === 1,
    at: Number(r.created_at),
  }));
}
