/** Labels: admins define them; agents put them on chats and tickets; search and tickets filter by them. */
import { describe, expect, it } from 'vitest';
import type { Ticket } from '../../protocol/api';
import type { Label } from '../../protocol/workspace';
import { DEMO_SITE } from '../demo/demo-data';
import { call, errorOf, json, newVisitor, signIn } from './helpers';
import { aliceHasChat, agentSays, carolOfBilling, inD1 } from './workspace-fixtures';

const send = (cookie: string, method: string, path: string, body?: unknown) =>
  call(path, { method, cookie, ...(body === undefined ? {} : { body: json(body) }) });

async function labelNamed(admin: string, name: string, color = '#2f6fde'): Promise<Label> {
  const res = await send(admin, 'POST', '/api/admin/labels', { name, color });
  expect(res.status).toBe(201);
  return ((await res.json()) as { label: Label }).label;
}

describe('labels', () => {
  it('are made by admins, with a name and a colour; bad ones are refused with the field named', async () => {
    const admin = await signIn('admin@example.com');
    const vip = await labelNamed(admin, 'VIP', '#c0392b');
    expect(vip).toMatchObject({ name: 'VIP', color: '#c0392b' });
    const badColour = await send(admin, 'POST', '/api/admin/labels', { name: 'Refund', color: 'red' });
    expect(badColour.status).toBe(400);
    expect(await errorOf(badColour)).toMatchObject({ field: 'color' });
    const twice = await send(admin, 'POST', '/api/admin/labels', { name: 'VIP', color: '#000000' });
    expect(twice.status).toBe(409);
    expect(await errorOf(twice)).toMatchObject({ code: 'already_exists', field: 'name' });
    const renamed = await send(admin, 'PUT', `/api/admin/labels/${vip.id}`, { name: 'Key customer', color: '#c0392b' });
    expect(((await renamed.json()) as { label: Label }).label.name).toBe('Key customer');

    const alice = await signIn('alice@example.com');
    expect((await send(alice, 'POST', '/api/admin/labels', { name: 'Mine', color: '#111111' })).status).toBe(403);
    const seen = (await (await send(alice, 'GET', '/api/console/labels')).json()) as { labels: Label[] };
    expect(seen.labels.map((l) => l.name)).toEqual(['Key customer']);
  });

  it('go on a chat the agent may see, and search finds only the chats with a label', async () => {
    const admin = await signIn('admin@example.com');
    const refund = await labelNamed(admin, 'Refund');
    const labelled = await aliceHasChat('A refund for my broken teapot please');
    await agentSays(labelled.socket, 'Sorry to hear that, we will refund the teapot');
    const plain = await aliceHasChat('Is the teapot dishwasher safe?');
    await Promise.all([inD1(labelled.id, 3), inD1(plain.id, 2)]);

    const set = await send(labelled.alice.cookie, 'PUT', `/api/console/chats/${labelled.id}/labels`, { labelIds: [refund.id, refund.id] });
    expect(((await set.json()) as { labels: Label[] }).labels.map((l) => l.name)).toEqual(['Refund']);
    const read = (await (await send(labelled.alice.cookie, 'GET', `/api/console/chats/${labelled.id}/labels`)).json()) as { labels: Label[] };
    expect(read.labels.map((l) => l.id)).toEqual([refund.id]);

    const all = (await (await send(labelled.alice.cookie, 'GET', '/api/console/search?q=teapot')).json()) as { hits: Array<{ conversationId: string }> };
    expect(new Set(all.hits.map((h) => h.conversationId))).toEqual(new Set([labelled.id, plain.id]));
    const only = (await (await send(labelled.alice.cookie, 'GET', `/api/console/search?q=teapot&label=${refund.id}`)).json()) as { hits: Array<{ conversationId: string }> };
    expect(new Set(only.hits.map((h) => h.conversationId))).toEqual(new Set([labelled.id]));
  });

  it('are refused on a chat of another queue, and for a label that does not exist', async () => {
    const admin = await signIn('admin@example.com');
    const refund = await labelNamed(admin, 'Refund');
    const carol = await carolOfBilling();
    const { alice, id } = await aliceHasChat();
    expect((await send(carol, 'PUT', `/api/console/chats/${id}/labels`, { labelIds: [refund.id] })).status).toBe(403);
    const unknown = await send(alice.cookie, 'PUT', `/api/console/chats/${id}/labels`, { labelIds: ['no-such-label'] });
    expect(unknown.status).toBe(400);
    expect(await errorOf(unknown)).toMatchObject({ field: 'labelIds' });
    const notList = await send(alice.cookie, 'PUT', `/api/console/chats/${id}/labels`, { labelIds: 'refund' });
    expect(await errorOf(notList)).toMatchObject({ field: 'labelIds' });
  });

  it('go on tickets, which filter by them; deleting a label takes it off everything', async () => {
    const admin = await signIn('admin@example.com');
    const callback = await labelNamed(admin, 'Call back');
    const { token } = await newVisitor();
    const file = (message: string) =>
      call('/api/visitor/tickets', { method: 'POST', token, body: json({ siteId: DEMO_SITE.id, name: 'Ola', email: 'ola@example.com', message }) }).then(
        async (r) => ((await r.json()) as { ticket: { id: string } }).ticket.id,
      );
    const first = await file('Please call me about the order');
    await file('Just a question');
    const alice = await signIn('alice@example.com');
    expect((await send(alice, 'PUT', `/api/console/tickets/${first}/labels`, { labelIds: [callback.id] })).status).toBe(200);
    const filtered = (await (await send(alice, 'GET', `/api/console/tickets?label=${callback.id}`)).json()) as { tickets: Ticket[] };
    expect(filtered.tickets.map((t) => t.id)).toEqual([first]);
    expect(filtered.tickets[0]!.labels).toEqual([callback.id]);
    expect((await send(alice, 'PUT', '/api/console/tickets/nope/labels', { labelIds: [] })).status).toBe(404);

    expect((await send(admin, 'DELETE', `/api/admin/labels/${callback.id}`)).status).toBe(204);
    const after = (await (await send(alice, 'GET', '/api/console/tickets')).json()) as { tickets: Ticket[] };
    expect(after.tickets.find((t) => t.id === first)!.labels).toEqual([]);
    expect((await send(admin, 'DELETE', `/api/admin/labels/${callback.id}`)).status).toBe(404);
  });
});
