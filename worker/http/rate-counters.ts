/**
 * Fixed-window counters in D1, shared by every limit that must hold across Worker instances:
 * a key counts up until its window ends, then starts again from one.
 */
import { inArray, lt } from 'drizzle-orm';
import { database } from '../db/client';
import { rateCounters } from '../db/schema';

/** Adds one to each key (starting a new window where the old one ended); returns the new counts. */
export async function countUp(db: D1Database, keys: string[], windowMs: number, now = Date.now()): Promise<number[]> {
  const results = await db.batch(
    keys.map((key) =>
      db
        .prepare(
          `INSERT INTO rate_counters (key, count, window_ends) VALUES (?1, 1, ?2)
           ON CONFLICT (key) DO UPDATE SET
             count = CASE WHEN window_ends <= ?3 THEN 1 ELSE count + 1 END,
             window_ends = CASE WHEN window_ends <= ?3 THEN ?2 ELSE window_ends END
           RETURNING count`,
        )
        .bind(key, now + windowMs, now),
    ),
  );
  return results.map((r) => (r.results[0] as { count: number }).count);
}

/** The keys' counts in windows still open, with when each window ends. */
export async function openCounts(db: D1Database, keys: string[], now = Date.now()): Promise<Map<string, { count: number; windowEnds: number }>> {
  const rows = await database(db).select().from(rateCounters).where(inArray(rateCounters.key, keys));
  return new Map(rows.filter((r) => r.windowEnds > now).map((r) => [r.key, { count: r.count, windowEnds: r.windowEnds }]));
}

export async function resetCounts(db: D1Database, keys: string[]): Promise<void> {
  await database(db).delete(rateCounters).where(inArray(rateCounters.key, keys));
}

/** Daily: counters whose window ended are forgotten, so the table holds only open windows. */
export async function forgetEndedCounts(db: D1Database, now = Date.now()): Promise<void> {
  await database(db).delete(rateCounters).where(lt(rateCounters.windowEnds, now));
}
