/** The ban list (admins and supervisors): bans are made from the workspace; here they are seen and lifted. */
import { admin } from '../../../protocol/rest/admin';
import { requireRole } from '../../auth/roles';
import { Routes } from '../../http/route';
import { liftBan, listBans } from '../../site/bans';

export const banRoutes = new Routes('/api/admin/bans')
  .use(requireRole('admin', 'supervisor'))
  .on(admin.bans, async (c) => c.json({ bans: await listBans(c.env.DB) }))
  .on(admin.liftBan, async (c) => {
    await liftBan(c.env.DB, c.req.param('id'), c.var.agent.id);
    return c.body(null, 204);
  });
