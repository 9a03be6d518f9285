/**
 * Reports over a busy shop's year: fills the local D1 file straight through SQLite while the
 * Worker is stopped (a facts row per chat, then every hour counted from them, with the same SQL
 * the outbox's rollup uses), then times the overview and breakdown requests through the running
 * Worker, as an admin, beside an authenticated request that does no work (the floor).
 */
import { DatabaseSync } from 'node:sqlite';
import { RECOUNT_ALL_SQL } from '../worker/reports/hour-sql';
import { signInAgent } from './clients/parley-client';
import { d1File } from './history';
import { percentiles, type Percentiles } from './stats';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const AGENTS = ['agent-alice', 'agent-bob', 'agent-admin'];
const LANGUAGES = ['en', 'en', 'en', 'de', 'fr', 'es'];
/** Chats come in mostly in shop hours (UTC here), fewer at weekends: the heatmap has a shape. */
const HOUR_WEIGHT = [1, 1, 1, 1, 1, 2, 3, 5, 8, 10, 10, 9, 8, 9, 10, 10, 9, 7, 5, 4, 3, 2, 2, 1];

/** A seeded generator (mulberry32), so every run writes the same year. */
function random(seed = 42) {
  let s = seed;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** Writes `total` chats spread over the `days` before now (two queues, three agents, four languages), then the hour rows. */
export function fillReports(persistTo: string, total: number, days = 365, now = Date.now()): void {
  const db = new DatabaseSync(d1File(persistTo));
  const next = random();
  db.exec("INSERT OR IGNORE INTO queues (id, site_id, name, created_at) VALUES ('sales', 'demo-shop', 'Sales', 0)");
  const add = db.prepare(
    `INSERT OR REPLACE INTO report_chats (conversation_id, site_id, queue_id, agent_id, language, hour, queued_at, accepted_at, first_response_at, ended_at, missed, transferred, reopened, rating, rating_comment, rated_at)
     VALUES (?, 'demo-shop', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const weights = HOUR_WEIGHT.reduce((a, b) => a + b, 0);
  const pickHour = () => {
    let r = next() * weights;
    for (let h = 0; h < 24; h++) if ((r -= HOUR_WEIGHT[h]!) < 0) return h;
    return 23;
  };
  const start = Math.floor(now / DAY_MS) * DAY_MS - (days - 1) * DAY_MS;
  db.exec('BEGIN');
  for (let n = 0; n < total; n++) {
    let day = Math.floor(next() * days);
    // Weekends are quieter: half of their chats move to the Friday before.
    const weekday = new Date(start + day * DAY_MS).getUTCDay();
    if ((weekday === 0 || weekday === 6) && next() < 0.5) day = Math.max(0, day - (weekday === 6 ? 1 : 2));
    const queuedAt = Math.min(now - 1000, start + day * DAY_MS + pickHour() * HOUR_MS + Math.floor(next() * HOUR_MS));
    const missed = next() < 0.04;
    const accepted = missed ? null : queuedAt + Math.floor(2_000 + next() ** 2 * 240_000);
    const first = accepted === null ? null : accepted + Math.floor(3_000 + next() ** 2 * 120_000);
    const ended = accepted === null ? null : accepted + Math.floor(60_000 + next() * 1_500_000);
    const rated = ended !== null && next() < 0.3;
    const rating = rated ? Math.min(5, 1 + Math.floor(next() ** 0.4 * 5)) : null;
    add.run(
      `rep-${n}`,
      next() < 0.8 ? 'general' : 'sales',
      accepted === null ? null : AGENTS[Math.floor(next() * AGENTS.length)]!,
      LANGUAGES[Math.floor(next() * LANGUAGES.length)]!,
      Math.floor(queuedAt / HOUR_MS) * HOUR_MS,
      queuedAt,
      accepted,
      first,
      ended,
      missed ? 1 : 0,
      !missed && next() < 0.03 ? 1 : 0,
      next() < 0.01 ? 1 : 0,
      rating,
      rated && next() < 0.2 ? (rating! >= 4 ? 'Quick and friendly, thanks!' : 'Took a while to get an answer.') : null,
      rated ? ended! + 60_000 : null,
    );
  }
  db.exec('COMMIT');
  for (const sql of RECOUNT_ALL_SQL) db.exec(sql);
  db.close();
}

export interface ReportTimes {
  conversations: number;
  floor: Percentiles;
  requests: Array<{ name: string; path: string; times: Percentiles }>;
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Times each request `repeat` times, as an admin, beside `/api/auth/me`. */
export async function timeReports(base: string, conversations: number, repeat: number, now = Date.now()): Promise<ReportTimes> {
  const cookie = await signInAgent(base, 'admin@example.com', 'parley-demo');
  const year = `from=${day(now - 364 * DAY_MS)}&to=${day(now)}&timeZone=Europe%2FOslo`;
  const month = `from=${day(now - 29 * DAY_MS)}&to=${day(now)}&timeZone=Europe%2FOslo`;
  const REQUESTS = [
    { name: 'overview, a year (and the year before)', path: `/api/admin/reports/overview?${year}` },
    { name: 'overview, 30 days', path: `/api/admin/reports/overview?${month}` },
    { name: 'breakdown by agent, a year', path: `/api/admin/reports/breakdown?${year}&by=agent` },
    { name: 'breakdown by language, a year', path: `/api/admin/reports/breakdown?${year}&by=language` },
    { name: 'over time and heatmap, a year by day', path: `/api/admin/reports/over-time?${year}` },
  ];
  const timed = async (path: string) => {
    const started = performance.now();
    const res = await fetch(base + path, { headers: { Cookie: cookie } });
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`${path}: ${res.status}`);
    return performance.now() - started;
  };
  // The first request of each warms the Worker and SQLite's page cache.
  for (const { path } of REQUESTS) await timed(path);
  const floor: number[] = [];
  for (let i = 0; i < repeat; i++) floor.push(await timed('/api/auth/me'));
  const requests = [];
  for (const { name, path } of REQUESTS) {
    const runs: number[] = [];
    for (let i = 0; i < repeat; i++) runs.push(await timed(path));
    requests.push({ name, path, times: percentiles(runs) });
  }
  return { conversations, floor: percentiles(floor), requests };
}
