/**
 * Writing the reports' record: each event updates its chat's facts row, then that chat's hour rows
 * are counted again from the facts of its hour (and its day's from the hours). Both are statements for the outbox's one D1 batch,
 * and both are idempotent (a flush repeated after a crash changes nothing): facts only ever fill
 * a moment once, and an hour row is recomputed, never incremented.
 */
import { RECOUNT_CHAT_LABELS_SQL, RECOUNT_CHAT_SQL } from './hour-sql';
import type { ReportEvent } from './events';

const HOUR_MS = 3_600_000;
export const hourOf = (at: number) => Math.floor(at / HOUR_MS) * HOUR_MS;

/** The facts row's change for one event, as SQL and its bindings. Everything is of the chat's first stretch. */
function factStatement(db: D1Database, e: ReportEvent): D1PreparedStatement {
  const where = 'WHERE conversation_id = ?1';
  switch (e.event) {
    case 'queued':
      // The first time in line only: a reopened chat's second wait is not a new conversation.
      return db
        .prepare('INSERT OR IGNORE INTO report_chats (conversation_id, site_id, queue_id, language, hour, queued_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)')
        .bind(e.conversationId, e.siteId, e.queueId, e.language, hourOf(e.at), e.at);
    case 'accepted':
      return db.prepare(`UPDATE report_chats SET accepted_at = ?2, agent_id = ?3 ${where} AND accepted_at IS NULL AND ended_at IS NULL AND missed = 0`).bind(e.conversationId, e.at, e.agentId);
    case 'first_reply':
      return db.prepare(`UPDATE report_chats SET first_response_at = ?2 ${where} AND first_response_at IS NULL AND accepted_at IS NOT NULL AND ended_at IS NULL`).bind(e.conversationId, e.at);
    case 'ended':
      return db.prepare(`UPDATE report_chats SET ended_at = ?2 ${where} AND ended_at IS NULL AND missed = 0`).bind(e.conversationId, e.at);
    case 'missed':
      return db.prepare(`UPDATE report_chats SET missed = 1 ${where} AND accepted_at IS NULL AND ended_at IS NULL`).bind(e.conversationId);
    case 'transferred':
      return db.prepare(`UPDATE report_chats SET transferred = 1 ${where}`).bind(e.conversationId);
    case 'reopened':
      return db.prepare(`UPDATE report_chats SET reopened = 1 ${where}`).bind(e.conversationId);
  }
}

/** The chat's hour (and its totals and day), counted again from its facts. */
export function rollupStatements(db: D1Database, conversationId: string): D1PreparedStatement[] {
  return RECOUNT_CHAT_SQL.map((sql) => db.prepare(sql).bind(conversationId));
}

/** The chat's labels changed: its hour's labelled rows, counted again (nothing if the chat never reached a queue). */
export function labelStatements(db: D1Database, conversationId: string): D1PreparedStatement[] {
  return RECOUNT_CHAT_LABELS_SQL.map((sql) => db.prepare(sql).bind(conversationId));
}

/** Every event's facts change, then each chat's hour once. */
export function reportStatements(db: D1Database, events: ReportEvent[]): D1PreparedStatement[] {
  if (events.length === 0) return [];
  const chats = [...new Set(events.map((e) => e.conversationId))];
  return [...events.map((e) => factStatement(db, e)), ...chats.flatMap((id) => rollupStatements(db, id))];
}

/** The visitor rated the chat (again: the latest rating counts). */
export function ratingStatements(db: D1Database, conversationId: string, rating: number, comment: string | null, at: number): D1PreparedStatement[] {
  return [
    db.prepare('UPDATE report_chats SET rating = ?2, rating_comment = ?3, rated_at = ?4 WHERE conversation_id = ?1').bind(conversationId, rating, comment, at),
    ...rollupStatements(db, conversationId),
  ];
}
