/** Predefined messages (admins and supervisors): shared, or for one queue. Consoles refetch after each change. */
import { eq } from 'drizzle-orm';
import { Hono, type Context } from 'hono';
import { PredefinedBody } from '../../../protocol/admin-api';
import { ulid } from '../../../protocol/ids';
import { notifyAllAgents } from '../../agent/agents';
import { requireQueues } from '../../queue/queues';
import { audit } from '../../audit/audit';
import { requireRole } from '../../auth/roles';
import { database } from '../../db/client';
import { predefinedMessages } from '../../db/schema';
import type { AppEnv } from '../../http/app-env';
import { readBody } from '../../http/body';
import { listPredefined, requireMessage } from '../../predefined/predefined';

async function readValid(c: Context<AppEnv>) {
  const body = await readBody(c, PredefinedBody);
  if (body.queueId) await requireQueues(c.env.DB, [body.queueId], 'queueId');
  return body;
}

const changed = (c: Context<AppEnv>) => notifyAllAgents(c.env, { type: 'refresh', what: 'predefined' });

export const predefinedRoutes = new Hono<AppEnv>()
  .use(requireRole('admin', 'supervisor'))
  .get('/', async (c) => {
    return c.json({ messages: await listPredefined(c.env.DB) });
  })
  .post('/', async (c) => {
    const body = await readValid(c);
    const id = ulid();
    await database(c.env.DB).insert(predefinedMessages).values({ id, ...body, createdBy: c.var.agent.id, createdAt: Date.now() });
    await audit(c.env.DB, c.var.agent.id, 'predefined.created', id, body);
    await changed(c);
    return c.json({ message: await requireMessage(c.env.DB, id) }, 201);
  })
  .put('/:id', async (c) => {
    const id = c.req.param('id');
    await requireMessage(c.env.DB, id);
    const body = await readValid(c);
    await database(c.env.DB).update(predefinedMessages).set(body).where(eq(predefinedMessages.id, id));
    await audit(c.env.DB, c.var.agent.id, 'predefined.updated', id, body);
    await changed(c);
    return c.json({ message: await requireMessage(c.env.DB, id) });
  })
  .delete('/:id', async (c) => {
    const id = c.req.param('id');
    const message = await requireMessage(c.env.DB, id);
    await database(c.env.DB).delete(predefinedMessages).where(eq(predefinedMessages.id, id));
    await audit(c.env.DB, c.var.agent.id, 'predefined.deleted', id, { title: message.title });
    await changed(c);
    return c.body(null, 204);
  });
