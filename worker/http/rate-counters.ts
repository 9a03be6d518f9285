/**
 * Fixed-window counters in D1, shared by every limit that must hold across Worker instances:
 * a key counts up until its window ends, then starts again from one.
 */
import { inArray, lt } from 'drizzle-orm';
import { database } from '../db/client';
import { rateCounters } from '../db/schema';

/** What one key holds after counting: this window's count, and when the window ends. */
export interface Counted {
  count: number;
  windowEnds: number;
}

/**
 * Adds one to each key (starting a new window where the old one ended) and returns what each holds
 * now, each in one statement: parallel requests each see their own count, so a limit checked on
 * the answer cannot be passed by many at once.
 */
export async function countUpWindows(db: D1Database, keys: string[], windowMs: number, now = Date.now()): Promise<Counted[]> {
  const results = await db.batch(
    keys.map((key) =>
      db
        .prepare(
          `INSERT INTO rate_counters (key, count, window_ends) VALUES (?1, 1, ?2)
           ON CONFLICT (key) DO UPDATE SET
             count = CASE WHEN window_ends <= ?3 THEN 1 ELSE count + 1 END,
             window_ends = CASE WHEN window_ends <= ?3 THEN ?2 ELSE window_ends END
           RETURNING count, window_ends`,
        )
        .bind(key, now + windowMs, now),
    ),
  );
  return results.map((r) => {
    const row = r.results[0] as { count: number; window_ends: number };
    return { count: row.count, windowEnds: row.window_ends };
  });
}

/** `countUpWindows`, the counts alone. */
export async function countUp(db: D1Database, keys: string[], windowMs: number, now = Date.now()): Promise<number[]> {
  return (await countUpWindows(db, keys, windowMs, now)).map((c) => c.count);
}

/** Takes back one count of a key (an attempt that turned out not to count against it). */
export async function countDown(db: D1Database, key: string): Promise<void> {
  await db.prepare('UPDATE rate_counters SET count = count - 1 WHERE key = ?1 AND count > 0').bind(key).run();
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
