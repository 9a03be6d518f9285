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

const DAY_MS = 86_400_000;
const SITE_OF_CHAT = '(SELECT site_id FROM report_chats WHERE conversation_id = ?1)';
const HOUR_OF_CHAT = '(SELECT hour FROM report_chats WHERE conversation_id = ?1)';
const DAY_OF_CHAT = `(${HOUR_OF_CHAT} / ${DAY_MS} * ${DAY_MS})`;
/** The rollup columns summed, for counting a coarser row from finer ones. */
const SUMMED = HOUR_COLUMNS.map((c) => `SUM(${c})`).join(', ');

/** An hour's rows from its chats' facts; `byLabel`, once for each label a chat has (`report_label_hours`). */
const countHours = (where: string, byLabel = false) => {
  const label = byLabel ? ', label_id' : '';
  return `INSERT INTO ${byLabel ? 'report_label_hours' : 'report_hours'} (site_id, hour, queue_id, agent_id, language${label}, ${HOUR_COLUMNS.join(', ')})
  SELECT site_id, hour, queue_id, COALESCE(agent_id, ''), COALESCE(language, '')${label}, ${HOUR_SUMS.join(', ')}
  FROM report_chats${byLabel ? ' JOIN conversation_labels USING (conversation_id)' : ''} ${where}
  GROUP BY site_id, hour, queue_id, COALESCE(agent_id, ''), COALESCE(language, '')${label}`;
};
const countDays = (where: string) => `INSERT INTO report_days (site_id, day, queue_id, agent_id, language, ${HOUR_COLUMNS.join(', ')})
  SELECT site_id, hour / ${DAY_MS} * ${DAY_MS}, queue_id, agent_id, language, ${SUMMED}
  FROM report_hours ${where} GROUP BY site_id, hour / ${DAY_MS}, queue_id, agent_id, language`;
const countDayTotals = (where: string) => `INSERT INTO report_day_totals (site_id, day, queue_id, ${HOUR_COLUMNS.join(', ')})
  SELECT site_id, hour / ${DAY_MS} * ${DAY_MS}, queue_id, ${SUMMED} FROM report_hour_totals ${where} GROUP BY site_id, hour / ${DAY_MS}, queue_id`;
/** A day's rows by one person column (agent or language), from its finer day rows. */
const countDaysBy = (table: 'report_agent_days' | 'report_language_days', person: 'agent_id' | 'language', where: string) => `INSERT INTO ${table} (site_id, day, queue_id, ${person}, ${HOUR_COLUMNS.join(', ')})
  SELECT site_id, day, queue_id, ${person}, ${SUMMED} FROM report_days ${where} GROUP BY site_id, day, queue_id, ${person}`;
const countTotals = (where: string) => `INSERT INTO report_hour_totals (site_id, hour, queue_id, ${HOUR_COLUMNS.join(', ')})
  SELECT site_id, hour, queue_id, ${SUMMED} FROM report_hours ${where} GROUP BY site_id, hour, queue_id`;

const CHATS_HOUR = `WHERE site_id = ${SITE_OF_CHAT} AND hour = ${HOUR_OF_CHAT}`;

/** The labelled rows of a chat's hour counted again (?1 = the chat): after its facts change, or its labels. */
export const RECOUNT_CHAT_LABELS_SQL = [`DELETE FROM report_label_hours ${CHATS_HOUR}`, countHours(CHATS_HOUR, true)];

/** A chat's hour, its hour's totals, its day and its day's totals, counted again in that order (each from the one before), and its hour's labelled rows, for ?1 = the chat. */
export const RECOUNT_CHAT_SQL = [
  ...RECOUNT_CHAT_LABELS_SQL,
  `DELETE FROM report_hours ${CHATS_HOUR}`,
  countHours(CHATS_HOUR),
  `DELETE FROM report_hour_totals ${CHATS_HOUR}`,
  countTotals(CHATS_HOUR),
  `DELETE FROM report_days WHERE site_id = ${SITE_OF_CHAT} AND day = ${DAY_OF_CHAT}`,
  countDays(`WHERE site_id = ${SITE_OF_CHAT} AND hour >= ${DAY_OF_CHAT} AND hour < ${DAY_OF_CHAT} + ${DAY_MS}`),
  ...(['report_agent_days', 'report_language_days'] as const).flatMap((table) => [
    `DELETE FROM ${table} WHERE site_id = ${SITE_OF_CHAT} AND day = ${DAY_OF_CHAT}`,
    countDaysBy(table, table === 'report_agent_days' ? 'agent_id' : 'language', `WHERE site_id = ${SITE_OF_CHAT} AND day = ${DAY_OF_CHAT}`),
  ]),
  `DELETE FROM report_day_totals WHERE site_id = ${SITE_OF_CHAT} AND day = ${DAY_OF_CHAT}`,
  countDayTotals(`WHERE site_id = ${SITE_OF_CHAT} AND hour >= ${DAY_OF_CHAT} AND hour < ${DAY_OF_CHAT} + ${DAY_MS}`),
];

/** Everything counted again from the facts, for facts written straight into D1 (the bench's synthetic year). */
export const RECOUNT_ALL_SQL = [
  'DELETE FROM report_hours', countHours(''),
  'DELETE FROM report_label_hours', countHours('', true),
  'DELETE FROM report_hour_totals', countTotals(''),
  'DELETE FROM report_days', countDays(''),
  'DELETE FROM report_agent_days', countDaysBy('report_agent_days', 'agent_id', ''),
  'DELETE FROM report_language_days', countDaysBy('report_language_days', 'language', ''),
  'DELETE FROM report_day_totals', countDayTotals(''),
];

/** The rollup columns, in the order every rollup table has them. */
export const ROLLUP_COLUMNS = HOUR_COLUMNS;
