/**
 * The SQL that counts an hour row from its chats' facts (`report_chats` → `report_hours`), as
 * plain strings: the outbox's rollup binds a conversation id (?1), the bench recounts everything.
 */
import { BUCKETS, bucketColumns, bucketCounts, DURATIONS } from './buckets';

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
export const DELETE_HOUR = `DELETE FROM report_hours WHERE site_id = ${OF_CHAT}`;
const countHours = (where: string) => `INSERT INTO report_hours (site_id, hour, queue_id, agent_id, language, ${HOUR_COLUMNS.join(', ')})
  SELECT site_id, hour, queue_id, COALESCE(agent_id, ''), COALESCE(language, ''), ${HOUR_SUMS.join(', ')}
  FROM report_chats ${where} GROUP BY site_id, hour, queue_id, COALESCE(agent_id, ''), COALESCE(language, '')`;
export const COUNT_HOUR = countHours(`WHERE site_id = ${OF_CHAT}`);

/** Every hour counted again from the facts, for facts written straight into D1 (the bench's synthetic year). */
export const RECOUNT_ALL_SQL = ['DELETE FROM report_hours', countHours('')];

