/** The ban list (admins and supervisors): bans are made from the workspace; here they are seen and lifted. */
import { desc, eq } from 'drizzle-orm';
import { Hono } from 'hono';
import type { AdminBan } from '../../../protocol/admin-api';
import { audit } from '../../audit/audit';
import { requireRole } from '../../auth/roles';
import { database } from '../../db/client';
import { bans } from '../../db/schema';
import type { AppEnv } from '../../http/app-env';
import { HttpError } from '../../http/errors';

export const banRoutes = new Hono<AppEnv>()
  .use(requireRole('admin', 'supervisor'))
  .get('/', async (c) => c.json<{ bans: AdminBan[] }>({ bans: await database(c.env.DB).select().from(bans).orderBy(desc(bans.createdAt)) }))
  .delete('/:id', async (c) => {
    const id = c.req.param('id');
    const [ban] = await database(c.env.DB).select().from(bans).where(eq(bans.id, id)).limit(1);
    if (!ban) throw new HttpError(404, { code: 'not_found', message: `No ban "${id}"` });
    await database(c.env.DB).delete(bans).where(eq(bans.id, id));
    await audit(c.env.DB, c.var.agent.id, 'ban.lifted', id, { siteId: ban.siteId, visitorId: ban.visitorId });
    return c.body(null, 204);
  });
