/** The audit log, newest first, a page at a time (`?before=<createdAt>`). Admins only. */
import { desc, eq, lt } from 'drizzle-orm';
import { Hono } from 'hono';
import * as v from 'valibot';
import type { AuditEntry } from '../../../protocol/admin-api';
import { parseWith } from '../../../protocol/parse';
import { requireRole } from '../../auth/roles';
import { database } from '../../db/client';
import { agents, auditLog } from '../../db/schema';
import type { AppEnv } from '../../http/app-env';
import { HttpError } from '../../http/errors';

const PAGE = 100;
const AuditQuery = v.object({ before: v.optional(v.pipe(v.string(), v.regex(/^\d{1,15}$/, 'must be a time in Unix milliseconds'), v.transform(Number))) });

export const auditRoutes = new Hono<AppEnv>().use(requireRole('admin')).get('/', async (c) => {
  const query = parseWith(AuditQuery, c.req.query());
  if (!query.ok) throw new HttpError(400, query.error);
  const rows = await database(c.env.DB)
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
    .where(query.value.before === undefined ? undefined : lt(auditLog.createdAt, query.value.before))
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(PAGE);
  return c.json<{ entries: AuditEntry[] }>({ entries: rows });
});
