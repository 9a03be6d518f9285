/**
 * The counters of the counting build. They live in module scope: locally, workerd runs the Worker
 * and every Durable Object of it in one isolate, so one map sees all their work. Totals are the
 * regression figures; the detail (who did what) is there to explain a total that grew.
 */
export type Kind =
  /** Requests into the Worker (WebSocket upgrades included). */
  | 'http'
  /** Calls on a Durable Object stub: each RPC method call or `fetch` is one billed request. */
  | 'doCalls'
  /** WebSocket messages a Durable Object's handler received (the runtime answers pings itself). */
  | 'wsIn'
  | 'alarms'
  /** D1 round trips (a batch is one) and the statements in them. */
  | 'd1'
  | 'd1Statements'
  /** Durable Object storage calls: SQL statements, KV operations, alarm reads and writes. */
  | 'storage'
  /** Rows SQLite reports for a Durable Object's SQL and KV storage (what storage is billed by). */
  | 'rowsRead'
  | 'rowsWritten';

export type Tally = { totals: Partial<Record<Kind, number>>; detail: Record<string, number> };

let tally: Tally = { totals: {}, detail: {} };

export function count(kind: Kind, what: string, n = 1): void {
  if (n === 0) return;
  tally.totals[kind] = (tally.totals[kind] ?? 0) + n;
  const key = `${kind} ${what}`;
  tally.detail[key] = (tally.detail[key] ?? 0) + n;
}

/** What was counted since the last reset; `reset` starts the next step from zero. */
export function take(reset: boolean): Tally {
  const taken = tally;
  if (reset) tally = { totals: {}, detail: {} };
  return taken;
}
