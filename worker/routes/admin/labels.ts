/** Labels (admins): name and colour; deleting one takes it off every chat and ticket. */
import { admin } from '../../../protocol/rest/admin';
import { audit } from '../../audit/audit';
import { requireRole } from '../../auth/roles';
import { Routes } from '../../http/route';
import { createLabel, deleteLabel, listLabels, updateLabel } from '../../labels/labels';

export const labelRoutes = new Routes('/api/admin/labels')
  .use(requireRole('admin'))
  .on(admin.labels, async (c) => c.json({ labels: await listLabels(c.env.DB) }))
  .on(admin.createLabel, async (c, checked) => {
    const label = await createLabel(c.env.DB, await checked.body());
    await audit(c.env.DB, c.var.agent.id, 'label.created', label.id, { name: label.name, color: label.color });
    return c.json({ label }, 201);
  })
  .on(admin.updateLabel, async (c, checked) => {
    const label = await updateLabel(c.env.DB, c.req.param('id'), await checked.body());
    await audit(c.env.DB, c.var.agent.id, 'label.updated', label.id, { name: label.name, color: label.color });
    return c.json({ label });
  })
  .on(admin.deleteLabel, async (c) => {
    const label = await deleteLabel(c.env.DB, c.req.param('id'));
    await audit(c.env.DB, c.var.agent.id, 'label.deleted', label.id, { name: label.name });
    return c.body(null, 204);
  });
