/** Tickets belong to a queue: its members and staff see and answer them, as with chats; the list pages. */
import { env, runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { DEMO_SITE } from '../demo/demo-data';
import { supervisorCookie } from './admin-helpers';
import { conversationStub } from '../env';
import { call, json, signIn, visitorWrites } from './helpers';
import { aliceHasChat, carolOfBilling, get, inD1, post } from './workspace-fixtures';

type TicketList = { tickets: Array<{ id: string; queueId: string | null; message: string }>; next: string | null };
const ticketsOf = async (cookie: string, query = '') => (await (await get(cookie, `/api/console/tickets${query}`)).json()) as TicketList;

async function leaveTicket(body: Record<string, unknown> = {}) {
  const res = await call('/api/visitor/tickets', {
    method: 'POST',
    body: json({ siteId: DEMO_SITE.id, name: 'Dana', email: 'dana@example.com', message: 'Do you ship to Iceland?', ...body }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { ticket: { id: string } }).ticket.id;
}

describe('tickets and queues', () => {
  it("keep a chat's ticket, transcript and all, in the chat's queue: other queues' agents neither see nor answer it", async () => {
    const carol = await carolOfBilling();
    const { alice, id } = await aliceHasChat('My invoice is wrong');
    expect((await post(alice.cookie, `/api/console/chats/${id}/transfer`, { queueId: 'billing' })).status).toBe(200);
    await inD1(id, 3);
    const filed = await post(carol, `/api/console/chats/${id}/ticket`, {});
    expect(filed.status).toBe(201);
    const { ticket } = (await filed.json()) as { ticket: { id: string } };

    expect((await ticketsOf(alice.cookie)).tickets).toEqual([]);
    const noSuchTicket = { error: { code: 'not_found', message: 'No such ticket' } };
    const reply = await post(alice.cookie, `/api/console/tickets/${ticket.id}/reply`, { text: 'Sorted.' });
    expect(reply.status).toBe(404);
    expect(await reply.json()).toEqual(noSuchTicket);
    // Nor may she mark it solved or label it.
    for (const [method, path, body] of [
      ['PATCH', `/api/console/tickets/${ticket.id}`, { status: 'solved' }],
      ['PUT', `/api/console/tickets/${ticket.id}/labels`, { labelIds: [] }],
    ] as const) {
      const res = await call(path, { method, cookie: alice.cookie, body: json(body) });
      expect(res.status, method).toBe(404);
      expect(await res.json(), method).toEqual(noSuchTicket);
    }

    expect((await ticketsOf(carol)).tickets).toEqual([expect.objectContaining({ id: ticket.id, queueId: 'billing' })]);
    // Staff see every queue's tickets: admins, and supervisors by the same rule as chats.
    for (const staff of [await signIn('admin@example.com'), await supervisorCookie()]) {
      expect((await ticketsOf(staff)).tickets.map((t) => t.id)).toEqual([ticket.id]);
    }
  });

  it('send an offline-form ticket to the queue a chat would go to', async () => {
    const carol = await carolOfBilling();
    await env.DB.prepare("INSERT INTO routing_rules (id, site_id, position, field, value, queue_id) VALUES ('r1', ?, 0, 'language', 'de', 'billing')")
      .bind(DEMO_SITE.id)
      .run();
    const german = await leaveTicket({ language: 'de-AT' });
    const other = await leaveTicket();
    const alice = await signIn('alice@example.com');
    expect((await ticketsOf(alice)).tickets.map((t) => [t.id, t.queueId])).toEqual([[other, 'general']]);
    expect((await ticketsOf(carol)).tickets.map((t) => [t.id, t.queueId])).toEqual([[german, 'billing']]);
    expect((await post(carol, `/api/console/tickets/${german}/reply`, { text: 'Ja.' })).status).toBe(201);
    expect((await post(carol, `/api/console/tickets/${other}/reply`, { text: 'Yes.' })).status).toBe(404);
  });

  it("put a missed chat's ticket in the chat's queue", async () => {
    const carol = await carolOfBilling();
    await env.DB.prepare("INSERT INTO routing_rules (id, site_id, position, field, value, queue_id) VALUES ('r1', ?, 0, 'language', 'de', 'billing')")
      .bind(DEMO_SITE.id)
      .run();
    const { id } = await visitorWrites('Hallo, ist da jemand?', { language: 'de' });
    // Five minutes pass with no one taking it.
    const chat = conversationStub(env, id);
    await runInDurableObject(chat, (_, state) => state.storage.sql.exec("UPDATE deadlines SET at = ? WHERE name = 'missed'", Date.now() - 1));
    await runDurableObjectAlarm(chat);
    await expect.poll(async () => (await ticketsOf(carol)).tickets.map((t) => t.queueId)).toEqual(['billing']);
    expect((await ticketsOf(await signIn('alice@example.com'))).tickets).toEqual([]);
  });

  it('come in pages, newest first, so spam cannot push real tickets out of reach', async () => {
    const now = Date.now();
    await env.DB.batch(
      Array.from({ length: 120 }, (_, i) =>
        env.DB.prepare(
          "INSERT INTO tickets (id, site_id, queue_id, name, email, message, created_at) VALUES (?, 'demo-shop', 'general', 'Dana', 'd@example.com', ?, ?)",
        ).bind(`t${String(i).padStart(3, '0')}`, `message ${i}`, now - Math.floor(i / 2)),
      ),
    );
    const alice = await signIn('alice@example.com');
    const seen: string[] = [];
    let query = '';
    for (const size of [50, 50, 20]) {
      const page = await ticketsOf(alice, query);
      expect(page.tickets).toHaveLength(size);
      seen.push(...page.tickets.map((t) => t.message));
      query = page.next ? `?cursor=${encodeURIComponent(page.next)}` : '';
    }
    expect(query).toBe('');
    // Newest first; two tickets share each millisecond, and of those the higher id comes first.
    expect(seen).toEqual(Array.from({ length: 60 }, (_, k) => [`message ${2 * k + 1}`, `message ${2 * k}`]).flat());
    expect(new Set(seen).size).toBe(120);

    const bad = await get(alice, '/api/console/tickets?cursor=nonsense');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { field: string } }).error.field).toBe('cursor');
  });
});
