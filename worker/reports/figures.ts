/**
 * The figures, read from the hour rows only (docs/reports.md): `overview`, `overTime` and
 * `breakdown` are plain functions of (D1, scope, range), for the admin routes and the public API.
 * Every query is bounded by the range's days and hours and served by an index on them.
 */
import type { Breakdown, BreakdownResponse, Figures, OverviewResponse, RatingComment, ReportRange, SeriesPoint, SeriesResponse } from '../../protocol/reports';
import { BUCKETS, bucketColumns, DURATIONS, percentile } from './buckets';
import { daysOf, LocalHours, previousRange } from './clock';
import { scopeWhere, type ReportScope } from './scope';

const COUNTS = ['chats', 'accepted', 'missed', 'transferred', 'reopened', 'rated', 'rating_sum', 'r1', 'r2', 'r3', 'r4', 'r5'];
const HISTOGRAMS = [...bucketColumns(DURATIONS.wait), ...bucketColumns(DURATIONS.firstResponse), ...bucketColumns(DURATIONS.handle)];
const SUMS = [...COUNTS, ...HISTOGRAMS].map((c) => `SUM(${c}) AS ${c}`).join(', ');

type Sums = Record<string, number | null>;

const column = (row: Sums, name: string) => Number(row[name] ?? 0);
const histogram = (row: Sums, prefix: string) => Array.from({ length: BUCKETS }, (_, i) => column(row, `${prefix}${i}`));

export function figuresOf(row: Sums): Figures {
  const wait = histogram(row, DURATIONS.wait);
  const first = histogram(row, DURATIONS.firstResponse);
  const rated = column(row, 'rated');
  return {
    conversations: column(row, 'chats'),
    accepted: column(row, 'accepted'),
    missed: column(row, 'missed'),
    transferred: column(row, 'transferred'),
    reopened: column(row, 'reopened'),
    waitMedianMs: percentile(wait, 0.5),
    waitP90Ms: percentile(wait, 0.9),
    firstResponseMedianMs: percentile(first, 0.5),
    firstResponseP90Ms: percentile(first, 0.9),
    handleMedianMs: percentile(histogram(row, DURATIONS.handle), 0.5),
    rated,
    csat: rated ? Math.round((column(row, 'rating_sum') / rated) * 100) / 100 : null,
    ratings: [1, 2, 3, 4, 5].map((r) => column(row, `r${r}`)) as Figures['ratings'],
  };
}

const DAY_MS = 86_400_000;

/**
 * The figures of a range's rollup rows, summed per `key` (or all together): its whole UTC days
 * from `report_days`, the hours before the first and after the last from `report_hours`, each
 * part summed before the two are added. A year reads about 365 rows a combination of queue,
 * agent and language instead of 8,760.
 */
function rangeSums(scope: ReportScope, range: ReportRange, key?: string): { sql: string; binds: unknown[] } {
  const where = scopeWhere(scope);
  const firstDay = Math.ceil(range.startMs / DAY_MS) * DAY_MS;
  const lastDay = Math.floor(range.endMs / DAY_MS) * DAY_MS;
  const select = `${key ? `${key} AS key, ` : ''}${SUMS}`;
  const group = key ? ` GROUP BY ${key}` : '';
  const part = (table: string, column: string) => `SELECT ${select} FROM ${table} WHERE ${column} >= ? AND ${column} < ?${where.sql}${group}`;
  if (firstDay >= lastDay) return { sql: part('report_hours', 'hour'), binds: [range.startMs, range.endMs, ...where.binds] };
  const resum = [...COUNTS, ...HISTOGRAMS].map((c) => `SUM(${c}) AS ${c}`).join(', ');
  return {
    sql: `SELECT ${key ? 'key, ' : ''}${resum} FROM (${part('report_hours', 'hour')} UNION ALL ${part('report_hours', 'hour')} UNION ALL ${part('report_days', 'day')})${key ? ' GROUP BY key' : ''}`,
    binds: [range.startMs, firstDay, ...where.binds, lastDay, range.endMs, ...where.binds, firstDay, lastDay, ...where.binds],
  };
}

async function sums(db: D1Database, scope: ReportScope, range: ReportRange): Promise<Figures> {
  const query = rangeSums(scope, range);
  const row = await db.prepare(query.sql).bind(...query.binds).first<Sums>();
  return figuresOf(row ?? {});
}

/** Tickets made in the range (from the offline form or a missed chat), by site and queue: a ticket has no agent or language yet. */
async function tickets(db: D1Database, scope: ReportScope, range: ReportRange): Promise<number> {
  const where = scopeWhere(scope, false);
  // By site, so the (site_id, created_at) index answers.
  const row = await db
    .prepare(`SELECT COUNT(*) AS n FROM tickets WHERE site_id IN (SELECT id FROM sites) AND created_at >= ? AND created_at < ?${where.sql}`)
    .bind(range.startMs, range.endMs, ...where.binds)
    .first<{ n: number }>();
  return row?.n ?? 0;
}

const COMMENTS = 10;

async function comments(db: D1Database, scope: ReportScope, range: ReportRange): Promise<RatingComment[]> {
  const where = scopeWhere(scope);
  const { results } = await db
    .prepare(
      `SELECT r.conversation_id AS conversationId, r.rating, r.rating_comment AS comment, r.rated_at AS at, a.name AS agentName
       FROM (SELECT * FROM report_chats WHERE site_id IN (SELECT id FROM sites) AND rated_at >= ? AND rated_at < ? AND rating_comment IS NOT NULL${where.sql}
             ORDER BY rated_at DESC LIMIT ${COMMENTS}) r
       LEFT JOIN agents a ON a.id = r.agent_id ORDER BY r.rated_at DESC`,
    )
    .bind(range.startMs, range.endMs, ...where.binds)
    .all<RatingComment>();
  return results;
}

export async function overview(db: D1Database, scope: ReportScope, range: ReportRange): Promise<OverviewResponse> {
  const before = previousRange(range);
  const [current, previous, ticketsNow, ticketsBefore, latest] = await Promise.all([
    sums(db, scope, range),
    sums(db, scope, before),
    tickets(db, scope, range),
    tickets(db, scope, before),
    comments(db, scope, range),
  ]);
  return { range, previousRange: before, current: { ...current, tickets: ticketsNow }, previous: { ...previous, tickets: ticketsBefore }, comments: latest };
}

/** Up to two days by the hour, longer by the day. */
const stepOf = (range: ReportRange): 'hour' | 'day' => (range.endMs - range.startMs <= 2 * 24 * 3_600_000 + 3_600_000 ? 'hour' : 'day');

export async function overTime(db: D1Database, scope: ReportScope, range: ReportRange): Promise<SeriesResponse> {
  // By the hour, from the totals per queue unless the request asks for an agent or a language.
  const byPerson = scope.agentId !== undefined || scope.language !== undefined;
  const where = scopeWhere(scope, byPerson);
  const waits = bucketColumns(DURATIONS.wait);
  const { results } = await db
    .prepare(
      `SELECT hour, SUM(chats) AS chats, SUM(missed) AS missed, ${waits.map((c) => `SUM(${c}) AS ${c}`).join(', ')}
       FROM ${byPerson ? 'report_hours' : 'report_hour_totals'} WHERE hour >= ? AND hour < ?${where.sql} GROUP BY hour ORDER BY hour`,
    )
    .bind(range.startMs, range.endMs, ...where.binds)
    .all<Sums & { hour: number }>();
  const step = stepOf(range);
  const clock = new LocalHours(range.timeZone);
  const starts =
    step === 'day'
      ? daysOf(range, clock)
      : Array.from({ length: (range.endMs - range.startMs) / 3_600_000 }, (_, i) => ({ startMs: range.startMs + i * 3_600_000, day: '' }));
  const points: Array<SeriesPoint & { wait: number[] }> = starts.map(({ startMs, day }) => ({
    startMs,
    label: step === 'day' ? day : clock.label(startMs, step),
    conversations: 0,
    missed: 0,
    waitMedianMs: null,
    wait: new Array<number>(BUCKETS).fill(0),
  }));
  const heatmap = Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
  let at = 0;
  for (const row of results) {
    // Rows and points are both in order: walk them together.
    while (at + 1 < points.length && points[at + 1]!.startMs <= row.hour) at++;
    const point = points[at]!;
    point.conversations += column(row, 'chats');
    point.missed += column(row, 'missed');
    histogram(row, DURATIONS.wait).forEach((n, i) => (point.wait[i]! += n));
    const wall = clock.wall(row.hour);
    heatmap[wall.getUTCDay()]![wall.getUTCHours()]! += column(row, 'chats');
  }
  return {
    range,
    step,
    points: points.map(({ wait, ...p }) => ({ ...p, waitMedianMs: percentile(wait, 0.5) })),
    heatmap,
  };
}

const DIMENSION: Record<Breakdown, { column: string; names: string }> = {
  agent: { column: 'agent_id', names: 'SELECT id, name FROM agents' },
  queue: { column: 'queue_id', names: 'SELECT id, name FROM queues' },
  site: { column: 'site_id', names: 'SELECT id, name FROM sites' },
  language: { column: 'language', names: '' },
};

const NOBODY: Record<Breakdown, string> = { agent: 'Nobody (missed or unanswered)', queue: '—', site: '—', language: 'Not known' };

export async function breakdown(db: D1Database, scope: ReportScope, range: ReportRange, by: Breakdown): Promise<BreakdownResponse> {
  const { column, names } = DIMENSION[by];
  const query = rangeSums(scope, range, column);
  const [{ results }, named] = await Promise.all([
    db.prepare(`SELECT * FROM (${query.sql}) ORDER BY chats DESC, key`).bind(...query.binds).all<Sums & { key: string }>(),
    names ? db.prepare(names).all<{ id: string; name: string }>() : Promise.resolve({ results: [] as Array<{ id: string; name: string }> }),
  ]);
  const nameOf = new Map(named.results.map((n) => [n.id, n.name]));
  return {
    range,
    by,
    rows: results.map((row) => ({ key: row.key, name: row.key === '' ? NOBODY[by] : (nameOf.get(row.key) ?? row.key), ...figuresOf(row) })),
  };
}
