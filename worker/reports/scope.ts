/**
 * Whose chats a report counts: admins every site's, supervisors their own queues' (those they are
 * members of: a supervisor sees every chat, but reports on the team they run). The request's
 * filters narrow it further, and each filter must name something that exists and is in scope.
 */
import type { AgentRecord } from '../auth/session';
import { HttpError } from '../http/errors';
import type { ReportQueryValue } from '../../protocol/reports';
import { rangeOf } from './clock';

export interface ReportScope {
  /** null: every queue. */
  queueIds: string[] | null;
  siteId?: string;
  queueId?: string;
  agentId?: string;
  language?: string;
  timeZone: string;
}

const unknown = (field: string, value: string) => new HttpError(400, { code: 'invalid_request', message: `${field}: no ${field} "${value}"`, field });

/** null: every queue (admins); a supervisor's, the queues they are a member of. */
export async function queuesInScope(db: D1Database, agent: AgentRecord): Promise<string[] | null> {
  if (agent.role === 'admin') return null;
  const { results } = await db.prepare('SELECT queue_id AS id FROM queue_members WHERE agent_id = ?').bind(agent.id).all<{ id: string }>();
  return results.map((r) => r.id);
}

export async function reportScope(db: D1Database, agent: AgentRecord, q: ReportQueryValue): Promise<ReportScope> {
  const queueIds = await queuesInScope(db, agent);
  const scope: ReportScope = { queueIds, timeZone: q.timeZone ?? 'UTC' };
  if (q.site) {
    if (!(await db.prepare('SELECT 1 FROM sites WHERE id = ?').bind(q.site).first())) throw unknown('site', q.site);
    scope.siteId = q.site;
  }
  if (q.queue) {
    if (!(await db.prepare('SELECT 1 FROM queues WHERE id = ?').bind(q.queue).first())) throw unknown('queue', q.queue);
    if (queueIds && !queueIds.includes(q.queue)) throw new HttpError(403, { code: 'forbidden', message: 'You report on your own queues only', field: 'queue' });
    scope.queueId = q.queue;
  }
  if (q.agent) {
    if (!(await db.prepare('SELECT 1 FROM agents WHERE id = ?').bind(q.agent).first())) throw unknown('agent', q.agent);
    scope.agentId = q.agent;
  }
  if (q.language) scope.language = q.language;
  if (!q.timeZone) scope.timeZone = await ownersZone(db, q.site);
  return scope;
}

/** The zone of the site's business hours (or of the first site that has them), else UTC. */
async function ownersZone(db: D1Database, siteId: string | undefined): Promise<string> {
  const row = await db
    .prepare(`SELECT json_extract(business_hours, '$.timeZone') AS zone FROM sites WHERE business_hours IS NOT NULL ${siteId ? 'AND id = ?1' : ''} ORDER BY created_at LIMIT 1`)
    .bind(...(siteId ? [siteId] : []))
    .first<{ zone: string | null }>();
  return row?.zone ?? 'UTC';
}

/** The scope as more of a WHERE clause (anonymous `?`s, after the caller's own) over a table with site_id, queue_id (and, `withPeople`, agent_id and language) columns. */
export function scopeWhere(scope: ReportScope, withPeople = true): { sql: string; binds: unknown[] } {
  const parts: string[] = [];
  const binds: unknown[] = [];
  const add = (sql: string, value: unknown) => {
    parts.push(sql);
    binds.push(value);
  };
  if (scope.queueIds) add('queue_id IN (SELECT value FROM json_each(?))', JSON.stringify(scope.queueIds));
  if (scope.siteId) add('site_id = ?', scope.siteId);
  if (scope.queueId) add('queue_id = ?', scope.queueId);
  if (withPeople && scope.agentId) add('agent_id = ?', scope.agentId);
  if (withPeople && scope.language) add('language = ?', scope.language);
  return { sql: parts.map((p) => ` AND ${p}`).join(''), binds };
}

/** What one report request reads: whose chats (for this caller) and which days, in the owner's clock. */
export async function reportRequest(db: D1Database, agent: AgentRecord, q: ReportQueryValue) {
  const scope = await reportScope(db, agent, q);
  return { db, scope, range: rangeOf(q.from, q.to, scope.timeZone) };
}
