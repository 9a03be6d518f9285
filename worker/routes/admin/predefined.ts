/** Predefined messages (admins and supervisors): shared, or for one queue. Consoles refetch after each change. */
import { eq } from 'drizzle-orm';
import type { Context } from 'hono';
import { ulid } from '../../../protocol/ids';
import { admin } from '../../../protocol/rest/admin';
import { notifyAllAgents } from '../../agent/agents';
import { requireQueues } from '../../queue/queues';
import { audit } from '../../audit/audit';
import { requireRole } from '../../auth/roles';
import { database } from '../../db/client';
import { predefinedMessages } from '../../db/schema';
import type { AppEnv } from '../../http/app-env';
import { Routes, type Checked } from '../../http/route';
import { listPredefined, requireMessage } from '../../predefined/predefined';

async function readValid(c: Context<AppEnv>, checked: Checked<typeof admin.createPredefined>) {
  const body = await checked.body();
  if (body.queueId) await requireQueues(c.env.DB, [body.queueId], 'queueId');
  return body;
}

const changed = (c: Context<AppEnv>) => notifyAllAgents(c.env, { type: 'refresh', what: 'predefined' });

export const predefinedRoutes = new Routes('/api/admin/predefined')
  .use(requireRole('admin', 'supervisor'))
  .on(admin.predefined, async (c) => {
    return c.json({ messages: await listPredefined(c.env.DB) });
  })
  .on(admin.createPredefined, async (c, checked) => {
    const body = await readValid(c, checked);
    const id = ulid();
    await database(c.env.DB).insert(predefinedMessages).values({ id, ...body, createdBy: c.var.agent.id, createdAt: Date.now() });
    await audit(c.env.DB, c.var.agent.id, 'predefined.created', id, body);
    await changed(c);
    return c.json({ message: await requireMessage(c.env.DB, id) }, 201);
  })
  .on(admin.updatePredefined, async (c, checked) => {
    const id = c.req.param('id');
    await requireMessage(c.env.DB, id);
    const body = await readValid(c, checked);
    await database(c.env.DB).update(predefinedMessages).set(body).where(eq(predefinedMessages.id, id));
    await audit(c.env.DB, c.var.agent.id, 'predefined.updated', id, body);
    await changed(c);
    return c.json({ message: await requireMessage(c.env.DB, id) });
  })
  .on(admin.deletePredefined, async (c) => {
    const id = c.req.param('id');
    const message = await requireMessage(c.env.DB, id);
    await database(c.env.DB).delete(predefinedMessages).where(eq(predefinedMessages.id, id));
    await audit(c.env.DB, c.var.agent.id, 'predefined.deleted', id, { title: message.title });
    await changed(c);
    return c.body(null, 204);
  });
