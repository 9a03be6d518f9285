/**
 * The figures, read from the hour rows only (docs/reports.md): `overview`, `overTime` and
 * `breakdown` are plain functions of (D1, scope, range), for the admin routes and the public API.
 * Every query is bounded by the range's days and hours and served by an index on them.
 */
import type { Breakdown, BreakdownResponse, Figures, OverviewResponse, RatingComment, ReportRange, SeriesResponse } from '../../protocol/reports';
import { BUCKETS, bucketColumns, DURATIONS, percentile } from './buckets';
import { daysOf, LocalHours, previousRange } from './clock';
import { agentTime, hoursByKey, perAgentHour, type TimeKey } from './agent-time';
import { scopeWhere, type ReportScope } from './scope';

const COUNTS = ['chats', 'accepted', 'missed', 'transferred', 'reopened', 'rated', 'rating_sum', 'r1', 'r2', 'r3', 'r4', 'r5'];
const HISTOGRAMS = [...bucketColumns(DURATIONS.wait), ...bucketColumns(DURATIONS.firstResponse), ...bucketColumns(DURATIONS.handle)];
const SUMS = [...COUNTS, ...HISTOGRAMS].map((c) => `SUM(${c}) AS ${c}`).join(', ');

type Sums = Record<string, number | null>;

const column = (row: Sums, name: string) => Number(row[name] ?? 0);
const histogram = (row: Sums, prefix: string) => Array.from({ length: BUCKETS }, (_, i) => column(row, `${prefix}${i}`));

/** Agent hours to one decimal, and chats per agent-hour of that: minutes online do not make a rate. */
function agentFigures(accepted: number, agentHours: number | null): Pick<Figures, 'agentHours' | 'chatsPerAgentHour'> {
  if (agentHours === null) return { agentHours: null, chatsPerAgentHour: null };
  const shown = Math.round(agentHours * 10) / 10;
  return { agentHours: shown, chatsPerAgentHour: perAgentHour(accepted, shown) };
}

/** The figures of summed rollup columns, with the agents' online hours where they divide. */
export function figuresOf(row: Sums, agentHours: number | null = null): Figures {
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
    ...agentFigures(column(row, 'accepted'), agentHours),
  };
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/**
 * The figures of a range's rollup rows, summed per `key` (or all together): its whole UTC days
 * from the day rows, the hours before the first and after the last from the hour rows, each
 * part summed before the two are added. A year reads about 365 rows a queue (`report_day_totals`),
 * or a combination of queue, agent and language when the question names a person, instead of 8,760.
 */
function rangeSums(scope: ReportScope, range: ReportRange, key?: string, labelled = false): { sql: string; binds: unknown[] } {
  // The coarsest day rows that still hold the question's people (filter or key): the totals per
  // queue with none, the rows by agent or by language with one of them, all of them with both.
  const agent = scope.agentId !== undefined || key === 'agent_id';
  const language = scope.language !== undefined || key === 'language';
  const byPerson = agent || language;
  const days = labelled ? '' : agent && language ? 'report_days' : agent ? 'report_agent_days' : language ? 'report_language_days' : 'report_day_totals';
  const hours = labelled ? 'report_label_hours' : byPerson ? 'report_hours' : 'report_hour_totals';
  const where = scopeWhere(scope, byPerson || labelled);
  const firstDay = Math.ceil(range.startMs / DAY_MS) * DAY_MS;
  const lastDay = Math.floor(range.endMs / DAY_MS) * DAY_MS;
  const select = `${key ? `${key} AS key, ` : ''}${SUMS}`;
  const group = key ? ` GROUP BY ${key}` : '';
  const part = (table: string, column: string) => `SELECT ${select} FROM ${table} WHERE ${column} >= ? AND ${column} < ?${where.sql}${group}`;
  // Labelled rows are kept by the hour only: labelled chats are few beside all of them.
  if (firstDay >= lastDay || !days) return { sql: part(hours, 'hour'), binds: [range.startMs, range.endMs, ...where.binds] };
  const resum = [...COUNTS, ...HISTOGRAMS].map((c) => `SUM(${c}) AS ${c}`).join(', ');
  return {
    sql: `SELECT ${key ? 'key, ' : ''}${resum} FROM (${part(hours, 'hour')} UNION ALL ${part(hours, 'hour')} UNION ALL ${part(days, 'day')})${key ? ' GROUP BY key' : ''}`,
    binds: [range.startMs, firstDay, ...where.binds, lastDay, range.endMs, ...where.binds, firstDay, lastDay, ...where.binds],
  };
}

async function sums(db: D1Database, scope: ReportScope, range: ReportRange): Promise<Figures> {
  const query = rangeSums(scope, range);
  const [row, time] = await Promise.all([db.prepare(query.sql).bind(...query.binds).first<Sums>(), agentTime(db, scope, range)]);
  return figuresOf(row ?? {}, hoursByKey(time).get('') ?? 0);
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

/**
 * Volume and wait per hour or local day, and the heatmap. A year is grouped in D1, not here: by
 * local day and by weekday × hour, once per stretch of the range with one UTC offset (DST cuts a
 * year into two or three), so a year answers a few hundred rows rather than 8,760.
 */
export async function overTime(db: D1Database, scope: ReportScope, range: ReportRange): Promise<SeriesResponse> {
  // From the totals per queue unless the request asks for an agent or a language.
  const byPerson = scope.agentId !== undefined || scope.language !== undefined;
  const where = scopeWhere(scope, byPerson);
  const table = byPerson ? 'report_hours' : 'report_hour_totals';
  const waits = bucketColumns(DURATIONS.wait);
  const step = stepOf(range);
  const clock = new LocalHours(range.timeZone);
  const stretches = clock.stretches(range.startMs, range.endMs);
  const inStretch = `FROM ${table} WHERE hour >= ? AND hour < ?${where.sql}`;
  const statements = stretches.flatMap(({ from, to, offset }) => [
    // A local day starts at the UTC hour at or before local midnight (docs/reports.md): the offset rounded up to the hour.
    db
      .prepare(`SELECT (hour + CAST(? AS INTEGER)) / ${step === 'day' ? DAY_MS : 1} AS at, SUM(chats) AS chats, SUM(missed) AS missed, ${waits.map((c) => `SUM(${c}) AS ${c}`).join(', ')} ${inStretch} GROUP BY at`)
      .bind(step === 'day' ? Math.ceil(offset / HOUR_MS) * HOUR_MS : 0, from, to, ...where.binds),
    // ?1, then the anonymous ones after it; cast, as D1 may bind a number as a float.
    db
      .prepare(`SELECT ((hour + CAST(?1 AS INTEGER)) / ${DAY_MS} + 4) % 7 AS weekday, (hour + CAST(?1 AS INTEGER)) % ${DAY_MS} / ${HOUR_MS} AS h, SUM(chats) AS chats ${inStretch} GROUP BY weekday, h`)
      .bind(offset, from, to, ...where.binds),
  ]);
  const [answers, online] = await Promise.all([db.batch<Sums & { at: number; weekday: number; h: number }>(statements), agentsOnline(db, scope, range, clock)]);
  const starts =
    step === 'day'
      ? daysOf(range, clock).map(({ startMs, day }) => ({ startMs, key: Date.parse(`${day}T00:00:00Z`) / DAY_MS, label: day }))
      : Array.from({ length: (range.endMs - range.startMs) / HOUR_MS }, (_, i) => range.startMs + i * HOUR_MS).map((h) => ({ startMs: h, key: h, label: clock.label(h, 'hour') }));
  const points = new Map(starts.map(({ startMs, key, label }) => [key, { startMs, label, conversations: 0, missed: 0, wait: new Array<number>(BUCKETS).fill(0) }]));
  const heatmap = Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
  answers.forEach(({ results }, i) => {
    for (const row of results) {
      if (i % 2 === 1) {
        // 1970-01-01 was a Thursday (4): the query counts weekdays from it.
        heatmap[row.weekday]![row.h]! += column(row, 'chats');
        continue;
      }
      const point = points.get(row.at);
      if (!point) continue;
      point.conversations += column(row, 'chats');
      point.missed += column(row, 'missed');
      histogram(row, DURATIONS.wait).forEach((n, b) => (point.wait[b]! += n));
    }
  });
  return {
    range,
    step,
    points: [...points.values()].map(({ wait, ...p }) => ({ ...p, waitMedianMs: percentile(wait, 0.5) })),
    heatmap,
    agentsOnline: online,
  };
}

/** Agents online on average in each weekday × hour slot: their time there over the slot's hours gone by. */
async function agentsOnline(db: D1Database, scope: ReportScope, range: ReportRange, clock: LocalHours, now = Date.now()): Promise<number[][]> {
  const grid = () => Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
  const ms = grid();
  const slots = grid();
  const slot = (hour: number) => {
    const wall = clock.wall(hour);
    return [wall.getUTCDay(), wall.getUTCHours()] as const;
  };
  for (const t of await agentTime(db, scope, range, 'all', now)) {
    const [d, h] = slot(t.hour);
    ms[d]![h]! += t.ms;
  }
  for (let hour = range.startMs; hour < Math.min(range.endMs, now); hour += 3_600_000) {
    const [d, h] = slot(hour);
    slots[d]![h]! += 1;
  }
  return ms.map((hours, d) => hours.map((total, h) => (slots[d]![h] ? Math.round((total / 3_600_000 / slots[d]![h]!) * 10) / 10 : 0)));
}

/** Each breakdown's column, its names, and whether agents' time divides by it (an agent's own; a queue's members'). */
const DIMENSION: Record<Breakdown, { column: string; names: string; time?: TimeKey; labelled?: true }> = {
  agent: { column: 'agent_id', names: 'SELECT id, name FROM agents', time: 'agent' },
  queue: { column: 'queue_id', names: 'SELECT id, name FROM queues', time: 'queue' },
  site: { column: 'site_id', names: 'SELECT id, name FROM sites' },
  language: { column: 'language', names: '' },
  label: { column: 'label_id', names: 'SELECT id, name FROM labels', labelled: true },
};

const NOBODY: Record<Breakdown, string> = { agent: 'Nobody (missed or unanswered)', queue: '—', site: '—', language: 'Not known', label: '—' };

export async function breakdown(db: D1Database, scope: ReportScope, range: ReportRange, by: Breakdown): Promise<BreakdownResponse> {
  const { column, names, time, labelled } = DIMENSION[by];
  const query = rangeSums(scope, range, column, labelled);
  const [{ results }, named, spent] = await Promise.all([
    db.prepare(`SELECT * FROM (${query.sql}) ORDER BY chats DESC, key`).bind(...query.binds).all<Sums & { key: string }>(),
    names ? db.prepare(names).all<{ id: string; name: string }>() : Promise.resolve({ results: [] as Array<{ id: string; name: string }> }),
    time ? agentTime(db, scope, range, time).then(hoursByKey) : Promise.resolve(null),
  ]);
  const nameOf = new Map(named.results.map((n) => [n.id, n.name]));
  return {
    range,
    by,
    rows: results.map((row) => ({
      key: row.key,
      name: row.key === '' ? NOBODY[by] : (nameOf.get(row.key) ?? row.key),
      // "Nobody" spends no time; a row of someone never online has 0 hours.
      ...figuresOf(row, spent && row.key !== '' ? (spent.get(row.key) ?? 0) : null),
    })),
  };
}
