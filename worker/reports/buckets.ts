/**
 * Durations as histograms: each hour's row counts its chats' waits, first responses and handle
 * times in fixed buckets, so a median or p90 over a year adds up a few thousand rows instead of
 * sorting hundreds of thousands of chats. A percentile is the upper edge of the bucket that holds
 * it (docs/reports.md), so it is never flattering: "median wait 45 s" means half waited 45 s or less.
 */

/** Upper edges in seconds; a last bucket holds everything from the final edge up. */
export const EDGES_S = [5, 10, 15, 20, 30, 45, 60, 90, 120, 180, 300, 450, 600, 900, 1200, 1800, 2700, 3600, 7200] as const;
export const BUCKETS = EDGES_S.length + 1;

/** The three durations a chat has, by the letter their hour columns start with. */
export const DURATIONS = { wait: 'w', firstResponse: 'f', handle: 'h' } as const;
export type Duration = keyof typeof DURATIONS;

export const bucketColumns = (prefix: string): string[] => Array.from({ length: BUCKETS }, (_, i) => `${prefix}${i}`);

/** SQL that counts the rows whose `expr` (milliseconds) falls in each bucket, in column order. */
export function bucketCounts(expr: string): string[] {
  return Array.from({ length: BUCKETS }, (_, i) => {
    const lo = i === 0 ? null : EDGES_S[i - 1]! * 1000;
    const hi = i === EDGES_S.length ? null : EDGES_S[i]! * 1000;
    const cond = [`(${expr}) IS NOT NULL`, lo === null ? null : `(${expr}) >= ${lo}`, hi === null ? null : `(${expr}) < ${hi}`].filter(Boolean).join(' AND ');
    return `SUM(CASE WHEN ${cond} THEN 1 ELSE 0 END)`;
  });
}

/**
 * The `p` quantile (0.5 median, 0.9 p90) of a histogram, in milliseconds: the upper edge of the
 * bucket holding the ⌈p·n⌉-th smallest value; the open last bucket answers its lower edge. Null when empty.
 */
export function percentile(counts: readonly number[], p: number): number | null {
  const n = counts.reduce((a, b) => a + b, 0);
  if (n === 0) return null;
  const rank = Math.max(1, Math.ceil(p * n));
  let seen = 0;
  for (let i = 0; i < counts.length; i++) {
    seen += counts[i]!;
    if (seen >= rank) return (EDGES_S[Math.min(i, EDGES_S.length - 1)]!) * 1000;
  }
  return EDGES_S[EDGES_S.length - 1]! * 1000;
}
