/** Queues: create, rename and time out offers, members, delete only when empty. */
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { ADMIN, AGENT, auditActions, send, supervisorCookie } from './admin-helpers';
import { errorOf, offerFor, onlineAgent, signIn, visitorWrites } from './helpers';

async function created(admin: string, body: Record<string, unknown> = { siteId: 'demo-shop', name: 'Wholesale' }) {
  const res = await send('POST', '/api/admin/queues', admin, body);
  expect(res.status).toBe(201);
  return ((await res.json()) as { queue: { id: string; name: string; offerTimeoutSeconds: number; agentIds: string[] } }).queue;
}

describe('queues', () => {
  it('creates, renames and sets the offer timeout; supervisors may only read', async () => {
    const admin = await signIn(ADMIN);
    const queue = await created(admin);
    expect(queue).toMatchObject({ name: 'Wholesale', offerTimeoutSeconds: 30, agentIds: [] });
    const renamed = await send('PATCH', `/api/admin/queues/${queue.id}`, admin, { name: 'Trade', offerTimeoutSeconds: 45 });
    expect(await renamed.json()).toMatchObject({ queue: { name: 'Trade', offerTimeoutSeconds: 45 } });

    const supervisor = await supervisorCookie();
    expect((await send('GET', '/api/admin/queues', supervisor)).status).toBe(200);
    expect((await send('PATCH', `/api/admin/queues/${queue.id}`, supervisor, { name: 'X' })).status).toBe(403);
    expect((await send('GET', '/api/admin/queues', await signIn(AGENT))).status).toBe(403);
    expect((await auditActions()).map((a) => a.action)).toEqual(['queue.created', 'queue.updated']);
  });

  it('refuses bad names, timeouts and sites', async () => {
    const admin = await signIn(ADMIN);
    for (const [body, field] of [
      [{ siteId: 'demo-shop', name: '' }, 'name'],
      [{ siteId: 'demo-shop', name: 'Q', offerTimeoutSeconds: 2 }, 'offerTimeoutSeconds'],
      [{ siteId: 'nowhere', name: 'Q' }, 'siteId'],
    ] as const) {
      const res = await send('POST', '/api/admin/queues', admin, body);
      expect(res.status).toBe(400);
      expect((await errorOf(res)).field).toBe(field);
    }
  });

  it('new members are offered the queue’s chats at once', async () => {
    const admin = await signIn(ADMIN);
    const queue = await created(admin);
    await env.DB.prepare("INSERT INTO routing_rules (id, site_id, position, field, value, queue_id) VALUES ('r1', 'demo-shop', 0, 'topic', 'trade', ?)").bind(queue.id).run();
    const { inbox } = await onlineAgent(AGENT);
    const res = await send('PUT', `/api/admin/queues/${queue.id}/members`, admin, { agentIds: ['agent-alice'] });
    expect(await res.json()).toMatchObject({ queue: { agentIds: ['agent-alice'] } });
    const chat = await visitorWrites('Do you sell to shops?', { answers: { topic: 'trade' } });
    await offerFor(inbox, chat.id);

    const bad = await send('PUT', `/api/admin/queues/${queue.id}/members`, admin, { agentIds: ['nobody'] });
    expect(await errorOf(bad)).toMatchObject({ code: 'invalid_request', field: 'agentIds' });
  });

  it('deletes only a queue with no members and no chats', async () => {
    const admin = await signIn(ADMIN);
    const busy = await send('DELETE', '/api/admin/queues/general', admin);
    expect(busy.status).toBe(409);
    expect((await errorOf(busy)).code).toBe('queue_not_empty');
    const queue = await created(admin);
    expect((await send('DELETE', `/api/admin/queues/${queue.id}`, admin)).status).toBe(204);
    expect(await env.DB.prepare('SELECT count(*) AS n FROM queues WHERE id = ?').bind(queue.id).first()).toEqual({ n: 0 });
    expect((await send('DELETE', `/api/admin/queues/${queue.id}`, admin)).status).toBe(404);
  });
});
