/** Live now: the chats waiting in each queue in scope, and each of its agents' status and load, from their Durable Objects. */
import type { LiveAgent, LiveQueue, LiveResponse } from '../../protocol/reports';
import { agentStub, queueStub, type Env } from '../env';
import type { ReportScope } from './scope';

/** A desk's worth: more would be a page nobody reads at a glance. */
const MAX_ROWS = 200;

export async function liveNow(env: Env, scope: Pick<ReportScope, 'queueIds'>, now = Date.now()): Promise<LiveResponse> {
  const inScope = scope.queueIds ? ' AND q.id IN (SELECT value FROM json_each(?))' : '';
  const binds = scope.queueIds ? [JSON.stringify(scope.queueIds)] : [];
  const [queueRows, agentRows] = await Promise.all([
    env.DB.prepare(`SELECT q.id, q.name FROM queues q WHERE 1 = 1${inScope} ORDER BY q.name LIMIT ${MAX_ROWS}`).bind(...binds).all<{ id: string; name: string }>(),
    env.DB.prepare(
      scope.queueIds
        ? `SELECT DISTINCT a.id, a.name, a.capacity FROM agents a JOIN queue_members m ON m.agent_id = a.id JOIN queues q ON q.id = m.queue_id WHERE a.active = 1${inScope} ORDER BY a.name LIMIT ${MAX_ROWS}`
        : `SELECT a.id, a.name, a.capacity FROM agents a WHERE a.active = 1 ORDER BY a.name LIMIT ${MAX_ROWS}`,
    )
      .bind(...binds)
      .all<{ id: string; name: string; capacity: number }>(),
  ]);
  const queues: LiveQueue[] = await Promise.all(
    queueRows.results.map(async (q) => {
      const { waiting, oldestSince } = await queueStub(env, q.id).waitingNow();
      return { id: q.id, name: q.name, waiting, longestWaitMs: oldestSince === null ? null : Math.max(0, now - oldestSince) };
    }),
  );
  const agents: LiveAgent[] = await Promise.all(
    agentRows.results.map(async (a) => {
      const { status, chats } = await agentStub(env, a.id).snapshot();
      return { id: a.id, name: a.name, status, chats: chats.length, capacity: a.capacity };
    }),
  );
  const waits = queues.map((q) => q.longestWaitMs).filter((w): w is number => w !== null);
  return { waiting: queues.reduce((n, q) => n + q.waiting, 0), longestWaitMs: waits.length ? Math.max(...waits) : null, queues, agents };
}
