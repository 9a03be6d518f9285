/**
 * Writing the reports' record: each event updates its chat's facts row, then that chat's hour row
 * is counted again from the facts of its hour. Both are statements for the outbox's one D1 batch,
 * and both are idempotent (a flush repeated after a crash changes nothing): facts only ever fill
 * a moment once, and an hour row is recomputed, never incremented.
 */
import { BUCKETS, bucketColumns, bucketCounts, DURATIONS } from './buckets';
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

const HOUR_COLUMNS = [
  'chats', 'accepted', 'missed', 'transferred', 'reopened', 'rated', 'rating_sum', 'r1', 'r2', 'r3', 'r4', 'r5',
  ...bucketColumns(DURATIONS.wait), ...bucketColumns(DURATIONS.firstResponse), ...bucketColumns(DURATIONS.handle),
];
const HOUR_SUMS = [
  'COUNT(*)', 'COUNT(accepted_at)', 'SUM(missed)', 'SUM(transferred)', 'SUM(reopened)', 'COUNT(rating)', 'COALESCE(SUM(rating), 0)',
  ...[1, 2, 3, 4, 5].map((r) => `SUM(CASE WHEN rating = ${r} THEN 1 ELSE 0 END)`),
  ...bucketCounts('accepted_at - queued_at'),
  ...bucketCounts('first_response_at - accepted_at'),
  ...bucketCounts('ended_at - accepted_at'),
];
if (HOUR_SUMS.length !== 12 + 3 * BUCKETS) throw new Error('report hour columns and sums differ');

const OF_CHAT = '(SELECT site_id FROM report_chats WHERE conversation_id = ?1) AND hour = (SELECT hour FROM report_chats WHERE conversation_id = ?1)';
const DELETE_HOUR = `DELETE FROM report_hours WHERE site_id = ${OF_CHAT}`;
const COUNT_HOUR = `INSERT INTO report_hours (site_id, hour, queue_id, agent_id, language, ${HOUR_COLUMNS.join(', ')})
  SELECT site_id, hour, queue_id, COALESCE(agent_id, ''), COALESCE(language, ''), ${HOUR_SUMS.join(', ')}
  FROM report_chats WHERE site_id = ${OF_CHAT} GROUP BY queue_id, COALESCE(agent_id, ''), COALESCE(language, '')`;

/** The chat's hour, counted again from its facts. */
export function rollupStatements(db: D1Database, conversationId: string): D1PreparedStatement[] {
  return [db.prepare(DELETE_HOUR).bind(conversationId), db.prepare(COUNT_HOUR).bind(conversationId)];
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
