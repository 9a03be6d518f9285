/** Queues: create, rename, offer timeout, members, delete when nothing depends on them. Supervisors may read. */
import { count, eq, inArray } from 'drizzle-orm';
import { ulid } from '../../../protocol/ids';
import { admin } from '../../../protocol/rest/admin';
import { notifyAllAgents, refreshAgent } from '../../agent/agents';
import { audit } from '../../audit/audit';
import { requireRole } from '../../auth/roles';
import { database } from '../../db/client';
import { agents, conversations, predefinedMessages, queueMembers, queues, routingRules } from '../../db/schema';
import { Routes } from '../../http/route';
import { HttpError } from '../../http/errors';
import { requireSite } from '../../site/sites';
import { adminQueue, listQueues } from '../../queue/queues';

export const queueAdminRoutes = new Routes('/api/admin/queues')
  .on(admin.queues, requireRole('admin', 'supervisor'), async (c) => c.json({ queues: await listQueues(c.env.DB) }))
  .use(requireRole('admin'))
  .on(admin.createQueue, async (c, checked) => {
    const body = await checked.body();
    await requireSite(c.env.DB, body.siteId).catch(() => {
      throw new HttpError(400, { code: 'invalid_request', message: `siteId: no site "${body.siteId}"`, field: 'siteId' });
    });
    const id = ulid();
    await database(c.env.DB).insert(queues).values({ id, ...body, createdAt: Date.now() });
    await audit(c.env.DB, c.var.agent.id, 'queue.created', id, body);
    return c.json({ queue: await adminQueue(c.env.DB, id) }, 201);
  })
  .on(admin.updateQueue, async (c, checked) => {
    const id = c.req.param('id');
    const body = await checked.body();
    await adminQueue(c.env.DB, id);
    if (Object.keys(body).length) await database(c.env.DB).update(queues).set(body).where(eq(queues.id, id));
    await audit(c.env.DB, c.var.agent.id, 'queue.updated', id, body);
    await notifyAllAgents(c.env, { type: 'refresh', what: 'queues' });
    return c.json({ queue: await adminQueue(c.env.DB, id) });
  })
  .on(admin.setQueueMembers, async (c, checked) => {
    const id = c.req.param('id');
    const { agentIds } = await checked.body();
    const queue = await adminQueue(c.env.DB, id);
    const d = database(c.env.DB);
    if (agentIds.length) {
      const found = await d.select({ id: agents.id }).from(agents).where(inArray(agents.id, agentIds));
      const missing = agentIds.find((a) => !found.some((f) => f.id === a));
      if (missing) throw new HttpError(400, { code: 'invalid_request', message: `agentIds: no agent "${missing}"`, field: 'agentIds' });
    }
    await d.batch([d.delete(queueMembers).where(eq(queueMembers.queueId, id)), ...agentIds.map((agentId) => d.insert(queueMembers).values({ queueId: id, agentId }))]);
    const changed = [...new Set([...queue.agentIds, ...agentIds])].filter((a) => queue.agentIds.includes(a) !== agentIds.includes(a));
    await Promise.all(changed.map((agentId) => refreshAgent(c.env, agentId)));
    await audit(c.env.DB, c.var.agent.id, 'queue.members_changed', id, { agentIds });
    return c.json({ queue: await adminQueue(c.env.DB, id) });
  })
  .on(admin.deleteQueue, async (c) => {
    const id = c.req.param('id');
    const queue = await adminQueue(c.env.DB, id);
    const d = database(c.env.DB);
    const [chats] = await d.select({ n: count() }).from(conversations).where(eq(conversations.queueId, id));
    if (queue.agentIds.length || chats!.n) {
      throw new HttpError(409, {
        code: 'queue_not_empty',
        message: queue.agentIds.length ? 'Remove the queue\'s members first' : 'This queue has chats on record; rename it instead',
      });
    }
    await d.batch([
      d.delete(routingRules).where(eq(routingRules.queueId, id)),
      d.delete(predefinedMessages).where(eq(predefinedMessages.queueId, id)),
      d.delete(queues).where(eq(queues.id, id)),
    ]);
    await audit(c.env.DB, c.var.agent.id, 'queue.deleted', id, { name: queue.name });
    return c.body(null, 204);
  });
