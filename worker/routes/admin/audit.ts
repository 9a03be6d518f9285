/** The audit log, newest first, a page at a time (`?before=<createdAt>`). Admins only. */
import { admin } from '../../../protocol/rest/admin';
import { requireRole } from '../../auth/roles';
import { auditEntries } from '../../audit/audit';
import { Routes } from '../../http/route';

export const auditRoutes = new Routes('/api/admin/audit').use(requireRole('admin')).on(admin.audit, async (c, checked) => {
  return c.json({ entries: await auditEntries(c.env.DB, checked.query().before) });
});
