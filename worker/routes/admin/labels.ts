/** Labels (admins): name and colour; deleting one takes it off every chat and ticket. */
import { Hono } from 'hono';
import { LabelBody } from '../../../protocol/workspace';
import { audit } from '../../audit/audit';
import { requireRole } from '../../auth/roles';
import type { AppEnv } from '../../http/app-env';
import { readBody } from '../../http/body';
import { createLabel, deleteLabel, listLabels, updateLabel } from '../../labels/labels';

export const labelRoutes = new Hono<AppEnv>()
  .use(requireRole('admin'))
  .get('/', async (c) => c.json({ labels: await listLabels(c.env.DB) }))
  .post('/', async (c) => {
    const label = await createLabel(c.env.DB, await readBody(c, LabelBody));
    await audit(c.env.DB, c.var.agent.id, 'label.created', label.id, { name: label.name, color: label.color });
    return c.json({ label }, 201);
  })
  .put('/:id', async (c) => {
    const label = await updateLabel(c.env.DB, c.req.param('id'), await readBody(c, LabelBody));
    await audit(c.env.DB, c.var.agent.id, 'label.updated', label.id, { name: label.name, color: label.color });
    return c.json({ label });
  })
  .delete('/:id', async (c) => {
    const label = await deleteLabel(c.env.DB, c.req.param('id'));
    await audit(c.env.DB, c.var.agent.id, 'label.deleted', label.id, { name: label.name });
    return c.body(null, 204);
  });
