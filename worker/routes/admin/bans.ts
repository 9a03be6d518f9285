/** The ban list (admins and supervisors): bans are made from the workspace; here they are seen and lifted. */
import { Hono } from 'hono';
import { requireRole } from '../../auth/roles';
import type { AppEnv } from '../../http/app-env';
import { liftBan, listBans } from '../../site/bans';

export const banRoutes = new Hono<AppEnv>()
  .use(requireRole('admin', 'supervisor'))
  .get('/', async (c) => c.json({ bans: await listBans(c.env.DB) }))
  .delete('/:id', async (c) => {
    await liftBan(c.env.DB, c.req.param('id'), c.var.agent.id);
    return c.body(null, 204);
  });
