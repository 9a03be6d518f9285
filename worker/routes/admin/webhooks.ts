/** Webhooks (admins): endpoints with their events and secret (shown once), the delivery log and "send again"; each change audited. */
import { admin } from '../../../protocol/rest/admin';
import { audit } from '../../audit/audit';
import { requireRole } from '../../auth/roles';
import { Routes } from '../../http/route';
import { createWebhook, deleteWebhook, listDeliveries, listWebhooks, redeliver, updateWebhook } from '../../webhooks/endpoints';

export const webhookRoutes = new Routes('/api/admin/webhooks')
  .use(requireRole('admin'))
  .on(admin.webhooks, async (c) => c.json({ webhooks: await listWebhooks(c.env.DB) }))
  .on(admin.createWebhook, async (c, checked) => {
    const made = await createWebhook(c.env, c.var.agent.id, await checked.body());
    await audit(c.env.DB, c.var.agent.id, 'webhook.created', made.webhook.id, { url: made.webhook.url, events: made.webhook.events });
    return c.json(made, 201);
  })
  .on(admin.updateWebhook, async (c, checked) => {
    const webhook = await updateWebhook(c.env.DB, c.req.param('id'), await checked.body());
    await audit(c.env.DB, c.var.agent.id, 'webhook.updated', webhook.id, { events: webhook.events, enabled: webhook.enabled });
    return c.json({ webhook });
  })
  .on(admin.deleteWebhook, async (c) => {
    const webhook = await deleteWebhook(c.env.DB, c.req.param('id'));
    await audit(c.env.DB, c.var.agent.id, 'webhook.deleted', webhook.id, { url: webhook.url });
    return c.body(null, 204);
  })
  .on(admin.webhookDeliveries, async (c, checked) => c.json({ deliveries: await listDeliveries(c.env.DB, c.req.param('id'), checked.query().before) }))
  .on(admin.redeliver, async (c) => c.json({ delivery: await redeliver(c.env, c.req.param('id'), c.req.param('deliveryId')) }));
