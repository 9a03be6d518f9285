import { ulid } from '../../protocol/ids';
import { database } from '../db/client';
import { auditLog } from '../db/schema';

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
