/** The audit log, newest first, a page at a time (`?before=<createdAt>`). Admins only. */
import { Hono } from 'hono';
import * as v from 'valibot';
import { parseWith } from '../../../protocol/parse';
import { requireRole } from '../../auth/roles';
import { auditEntries } from '../../audit/audit';
import type { AppEnv } from '../../http/app-env';
import { HttpError } from '../../http/errors';

const AuditQuery = v.object({ before: v.optional(v.pipe(v.string(), v.regex(/^\d{1,15}$/, 'must be a time in Unix milliseconds'), v.transform(Number))) });

export const auditRoutes = new Hono<AppEnv>().use(requireRole('admin')).get('/', async (c) => {
  const query = parseWith(AuditQuery, c.req.query());
  if (!query.ok) throw new HttpError(400, query.error);
  return c.json({ entries: await auditEntries(c.env.DB, query.value.before) });
});
