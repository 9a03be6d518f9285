import { desc, eq, lt } from 'drizzle-orm';
import type { AuditEntry } from '../../protocol/admin-api';
import { ulid } from '../../protocol/ids';
import { database } from '../db/client';
import { agents, auditLog } from '../db/schema';

/** Entries per page of the log. */
const PAGE = 100;

/** Records who changed what. `detail` holds the new values (never secrets or passwords). */
export async function audit(
  db: D1Database,
  agentId: string | null,
  action: string,
  target: string,
  detail: Record<string, unknown> = {},
): Promise<void> {
  await database(db).insert(auditLog).values({ id: ulid(), agentId, action, target, detail, createdAt: Date.now() });
}

/** The log, newest first, a page at a time: the entries before `before` (Unix ms), or the newest. */
export async function auditEntries(db: D1Database, before?: number): Promise<AuditEntry[]> {
  return database(db)
    .select({
      id: auditLog.id,
      agentId: auditLog.agentId,
      agentName: agents.name,
      action: auditLog.action,
      target: auditLog.target,
      detail: auditLog.detail,
      createdAt: auditLog.createdAt,
    })
    .from(auditLog)
    .leftJoin(agents, eq(agents.id, auditLog.agentId))
    .where(before === undefined ? undefined : lt(auditLog.createdAt, before))
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(PAGE);
}
