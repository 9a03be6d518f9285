/**
 * Agent time: how long agents were online (console open, status online), for chats per
 * agent-hour and the heatmap's agents online. The AgentDO writes each stretch when it ends, split
 * by the UTC hour, and keeps the stretch still going in `agent_online`, which a report adds up to now.
 */
import type { ReportRange } from '../../protocol/reports';
import type { ReportScope } from './scope';

const HOUR_MS = 3_600_000;

/** [from, to) cut at the UTC hours: each hour it touches, and how much of it. */
export function hourSlices(from: number, to: number): Array<{ hour: number; ms: number }> {
  const slices: Array<{ hour: number; ms: number }> = [];
  for (let hour = Math.floor(from / HOUR_MS) * HOUR_MS; hour < to; hour += HOUR_MS) {
    const ms = Math.min(to, hour + HOUR_MS) - Math.max(from, hour);
    if (ms > 0) slices.push({ hour, ms });
  }
  return slices;
}

/** The agent came online. */
export const onlineStatement = (db: D1Database, agentId: string, since: number) =>
  db.prepare('INSERT OR REPLACE INTO agent_online (agent_id, since) VALUES (?, ?)').bind(agentId, since);

/** The agent's stretch online ended: its hours added up, and it is no longer going. */
export function offlineStatements(db: D1Database, agentId: string, since: number, until: number): D1PreparedStatement[] {
  return [
    ...hourSlices(since, until).map(({ hour, ms }) =>
      db
        .prepare('INSERT INTO report_agent_hours (agent_id, hour, online_ms) VALUES (?, ?, ?) ON CONFLICT (agent_id, hour) DO UPDATE SET online_ms = online_ms + excluded.online_ms')
        .bind(agentId, hour, ms),
    ),
    db.prepare('DELETE FROM agent_online WHERE agent_id = ?').bind(agentId),
  ];
}

/**
 * Whose time counts, as more of a WHERE clause over a table with agent_id: the agent asked for,
 * else the members of the queues in scope (a supervisor's, the site's, the queue asked for), else
 * everyone. A language filter does not narrow it: agents are not online in a language.
 */
function agentsWhere(scope: ReportScope): { sql: string; binds: unknown[] } {
  if (scope.agentId) return { sql: ' AND r.agent_id = ?', binds: [scope.agentId] };
  const parts: string[] = [];
  const binds: unknown[] = [];
  if (scope.queueIds) parts.push('queue_id IN (SELECT value FROM json_each(?))'), binds.push(JSON.stringify(scope.queueIds));
  if (scope.queueId) parts.push('queue_id = ?'), binds.push(scope.queueId);
  if (scope.siteId) parts.push('queue_id IN (SELECT id FROM queues WHERE site_id = ?)'), binds.push(scope.siteId);
  if (parts.length === 0) return { sql: '', binds };
  return { sql: ` AND r.agent_id IN (SELECT agent_id FROM queue_members WHERE ${parts.join(' AND ')})`, binds };
}

/** What agent time is summed by: all together, per agent, or per queue (its members' time). */
export type TimeKey = 'all' | 'agent' | 'queue';

const KEYS: Record<TimeKey, { key: string; join: string }> = {
  all: { key: "''", join: '' },
  agent: { key: 'r.agent_id', join: '' },
  queue: { key: 'm.queue_id', join: ' JOIN queue_members m ON m.agent_id = r.agent_id' },
};

/** Milliseconds online per key (and per UTC hour) in the range: closed stretches, and the ones still going up to now. */
export async function agentTime(db: D1Database, scope: ReportScope, range: ReportRange, by: TimeKey = 'all', now = Date.now()): Promise<Array<{ key: string; hour: number; ms: number }>> {
  const { key, join } = KEYS[by];
  const who = agentsWhere(scope);
  const until = Math.min(range.endMs, now);
  const [closed, going] = await db.batch<{ key: string; hour: number; ms: number; since: number }>([
    db
      .prepare(`SELECT ${key} AS key, r.hour AS hour, SUM(r.online_ms) AS ms FROM report_agent_hours r${join} WHERE r.hour >= ? AND r.hour < ?${who.sql} GROUP BY key, r.hour`)
      .bind(range.startMs, range.endMs, ...who.binds),
    db.prepare(`SELECT ${key} AS key, r.since AS since FROM agent_online r${join} WHERE r.since < ?${who.sql}`).bind(until, ...who.binds),
  ]);
  const open = going!.results.flatMap((g) => hourSlices(Math.max(g.since, range.startMs), until).map((s) => ({ key: g.key, ...s })));
  return [...closed!.results.map(({ key, hour, ms }) => ({ key, hour, ms })), ...open];
}

/** Summed per key: agent hours, to one decimal. */
export function hoursByKey(time: Array<{ key: string; ms: number }>): Map<string, number> {
  const ms = new Map<string, number>();
  for (const t of time) ms.set(t.key, (ms.get(t.key) ?? 0) + t.ms);
  return new Map([...ms].map(([k, v]) => [k, v / HOUR_MS]));
}

/** Chats taken per hour an agent was online: null when nobody was. */
export const perAgentHour = (accepted: number, agentHours: number) => (agentHours > 0 ? Math.round((accepted / agentHours) * 100) / 100 : null);
