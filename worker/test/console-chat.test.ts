/** The console's side of one chat: visitor panel, history, transcript, ticket, ban. */
import { env, SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { DEMO_SITE } from '../demo/demo-data';
import { call, errorOf, newVisitor, ORIGIN, Probe, signIn, startConversation } from './helpers';
import { aDayPasses, agentSays, aliceHasChat, carolOfBilling, get, inD1, post } from './workspace-fixtures';

/** Waits until D1 has heard of the chat's new queue. */
async function inD1Queue(id: string, queueId: string) {
  for (let i = 0; i < 50; i++) {
    const row = await env.DB.prepare('SELECT queue_id FROM conversations WHERE id = ?').bind(id).first<{ queue_id: string }>();
    if (row?.queue_id === queueId) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`conversation ${id} never reached queue ${queueId} in D1`);
}

async function siteSocket(token: string) {
  const res = await SELF.fetch(new URL(`/ws/visitor/site?token=${token}`, ORIGIN), { headers: { Upgrade: 'websocket', Origin: ORIGIN, 'CF-Connecting-IP': '203.0.113.9' } });
  if (!res.webSocket) throw new Error(`refused ${res.status}`);
  return new Probe(res.webSocket);
}

describe('visitor panel', () => {
  it('shows who the visitor is, what they answered and where they are now', async () => {
    const { alice, visitor, id } = await aliceHasChat();
    await env.DB.batch([
      env.DB.prepare(`UPDATE sites SET survey = ? WHERE id = ?`).bind(JSON.stringify([{ name: 'order', label: 'Order number', kind: 'text', required: false }]), DEMO_SITE.id),
      env.DB.prepare(`UPDATE conversations SET answers = ?, email = 'kim@example.com' WHERE id = ?`).bind(JSON.stringify({ order: 'A-100' }), id),
      env.DB.prepare(`INSERT OR REPLACE INTO visitors (id, site_id, name, email, verified, visits, first_seen, last_seen) SELECT visitor_id, site_id, 'Kim', 'kim@example.com', 1, 4, 0, 0 FROM conversations WHERE id = ?`).bind(id),
    ]);
    const site = await siteSocket(visitor.token);
    site.send({ type: 'page', url: 'https://shop.example/teapots', title: 'Teapots', referrer: '', state: 'chatting', timeZone: 'Europe/Oslo' });
    await site.waitFor((f) => f.type === 'settings');

    let panel: any;
    for (let i = 0; i < 20 && panel?.live?.url !== 'https://shop.example/teapots'; i++) panel = await (await get(alice.cookie, `/api/console/chats/${id}/visitor`)).json();
    expect(panel).toMatchObject({
      name: 'Kim',
      email: 'kim@example.com',
      verified: true,
      visits: 4,
      answers: [{ name: 'order', label: 'Order number', value: 'A-100' }],
      live: { url: 'https://shop.example/teapots', title: 'Teapots', state: 'chatting', timeZone: 'Europe/Oslo' },
    });
    // The IP stays in the site's object: agents may ban by it but never see it.
    expect(JSON.stringify(panel)).not.toContain('203.0.113.9');
  });

  it('is refused to an agent of another queue, to the signed-out, and for unknown chats', async () => {
    const { id } = await aliceHasChat();
    const carol = await carolOfBilling();
    for (const path of [`/api/console/chats/${id}/visitor`, `/api/console/chats/${id}/history`, `/api/console/conversations/${id}`, `/api/console/chats/${id}/contact`]) {
      const refused = await get(carol, path);
      expect(refused.status, path).toBe(403);
      expect(await errorOf(refused)).toEqual({ code: 'forbidden', message: 'This conversation is not in your queues' });
      expect((await call(path)).status).toBe(401);
    }
    expect(await errorOf(await get(carol, '/api/console/chats/nope/visitor'))).toEqual({ code: 'not_found', message: 'No such conversation' });
    // Admins see every queue's chats.
    expect((await get(await signIn('admin@example.com'), `/api/console/chats/${id}/visitor`)).status).toBe(200);
  });
});

describe('a chat that changes queue', () => {
  it("leaves the old queue's agents out once it is transferred, and out of the visitor's history", async () => {
    const carol = await carolOfBilling();
    const first = await aliceHasChat('Question for billing');
    expect((await post(first.alice.cookie, `/api/console/chats/${first.id}/transfer`, { queueId: 'billing' })).status).toBe(200);
    await inD1Queue(first.id, 'billing');
    // Alice (General only) no longer sees it; Carol (Billing) does.
    expect((await get(first.alice.cookie, `/api/console/conversations/${first.id}`)).status).toBe(403);
    expect((await get(carol, `/api/console/conversations/${first.id}`)).status).toBe(200);

    // The visitor ends it and comes back to General: Alice's History does not list the Billing chat.
    await call('/api/visitor/conversation/end', { method: 'POST', token: first.visitor.token, body: '{}' });
    await aDayPasses(first.id);
    const again = await startConversation(first.visitor.token);
    expect(again.id).not.toBe(first.id);
    const alice = await signIn('alice@example.com');
    await env.DB.prepare(`UPDATE conversations SET agent_id = 'agent-alice' WHERE id = ?`).bind(again.id).run();
    const list = (await (await get(alice, `/api/console/chats/${again.id}/history`)).json()) as { conversations: unknown[] };
    expect(list.conversations).toEqual([]);
  });
});

describe('history', () => {
  it("lists the visitor's earlier conversations and opens one read-only, private notes included", async () => {
    const first = await aliceHasChat('First visit question');
    await agentSays(first.socket, 'Note for agents', { private: true });
    await agentSays(first.socket, 'Answer to the first question');
    await inD1(first.id, 4);
    expect((await post(first.alice.cookie, `/api/console/chats/${first.id}/end`)).status).toBe(200);

    // The same visitor comes back, another day.
    await aDayPasses(first.id);
    const again = await startConversation(first.visitor.token);
    await env.DB.prepare(`UPDATE conversations SET created_at = created_at + 1000 WHERE id = ?`).bind(again.id).run();
    const list = (await (await get(first.alice.cookie, `/api/console/chats/${again.id}/history`)).json()) as any;
    expect(list.conversations).toEqual([expect.objectContaining({ id: first.id, agentName: 'Alice', preview: 'First visit question' })]);

    const opened = (await (await get(first.alice.cookie, `/api/console/conversations/${first.id}`)).json()) as any;
    expect(opened.messages.map((m: any) => m.text)).toEqual(
      expect.arrayContaining(['First visit question', 'Alice joined the chat', 'Note for agents', 'Answer to the first question']),
    );
    expect(opened.messages.find((m: any) => m.text === 'Note for agents').private).toBe(true);
  });
});

describe('email transcript', () => {
  it('mails the public messages to the visitor; admins read the kept mail, agents may not', async () => {
    const { alice, socket, id } = await aliceHasChat('Where is my parcel?');
    await env.DB.prepare(`UPDATE conversations SET email = 'kim@example.com' WHERE id = ?`).bind(id).run();
    await agentSays(socket, 'Only agents read this', { private: true });
    await agentSays(socket, 'It ships tomorrow');
    await inD1(id, 4);
    const res = await post(alice.cookie, `/api/console/chats/${id}/transcript`, {});
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ mail: { to: 'kim@example.com', status: 'kept' } });

    const admin = await signIn('admin@example.com');
    const { mails } = (await (await get(admin, '/api/console/mails')).json()) as any;
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ to: 'kim@example.com', subject: 'Your chat with Demo shop', status: 'kept' });
    expect(mails[0].text).toContain('Where is my parcel?');
    expect(mails[0].text).toContain('Alice: It ships tomorrow');
    expect(mails[0].text).not.toContain('Only agents read this');

    // Agents and supervisors may not: a kept invitation's link would let them make an admin.
    await env.DB.prepare("UPDATE agents SET role = 'supervisor' WHERE id = 'agent-bob'").run();
    for (const cookie of [alice.cookie, await signIn('bob@example.com')]) {
      const refused = await get(cookie, '/api/console/mails');
      expect(refused.status).toBe(403);
      expect((await errorOf(refused)).code).toBe('forbidden');
    }
  });

  it('asks for an address when the visitor gave none, and refuses a bad one or a foreign chat', async () => {
    const { alice, id } = await aliceHasChat();
    expect(await errorOf(await post(alice.cookie, `/api/console/chats/${id}/transcript`, {}))).toEqual({
      code: 'invalid_request',
      message: 'to: the visitor gave no email; enter one',
      field: 'to',
    });
    expect(await errorOf(await post(alice.cookie, `/api/console/chats/${id}/transcript`, { to: 'kim' }))).toMatchObject({ field: 'to', message: 'to: must be an email address' });
    expect((await post(alice.cookie, `/api/console/chats/${id}/transcript`, { to: 'kim@example.com' })).status).toBe(201);
    const carol = await carolOfBilling();
    expect((await post(carol, `/api/console/chats/${id}/transcript`, { to: 'kim@example.com' })).status).toBe(403);
  });
});

describe('create ticket', () => {
  it('files the chat as a ticket the team finds in Tickets', async () => {
    const { alice, id } = await aliceHasChat('My teapot arrived broken');
    await inD1(id, 2);
    const res = await post(alice.cookie, `/api/console/chats/${id}/ticket`, {});
    expect(res.status).toBe(201);
    const { tickets } = (await (await get(alice.cookie, '/api/console/tickets')).json()) as any;
    expect(tickets[0].message).toContain('My teapot arrived broken');
    expect(await errorOf(await post(alice.cookie, `/api/console/chats/${id}/ticket`, { message: 'x'.repeat(4001) }))).toMatchObject({ field: 'message' });
    expect((await post(await carolOfBilling(), `/api/console/chats/${id}/ticket`, {})).status).toBe(403);
  });
});

describe('ban visitor', () => {
  it("closes the visitor's widget, ends the chat and keeps them out, by id and by IP", async () => {
    const { alice, visitor, id } = await aliceHasChat('rude words');
    const site = await siteSocket(visitor.token);
    await site.waitFor((f) => f.type === 'settings');

    const res = await post(alice.cookie, `/api/console/chats/${id}/ban`, { byIp: true, reason: 'abuse' });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ ban: { byIp: true }, chatEnded: true });
    await site.waitFor((f) => f.type === 'banned');
    await visitor.socket.waitFor((f) => f.type === 'conversation' && f.conversation.status === 'ended');

    const again = await SELF.fetch(new URL(`/ws/visitor/site?token=${visitor.token}`, ORIGIN), { headers: { Upgrade: 'websocket', Origin: ORIGIN } });
    expect(again.status).toBe(403);
    expect(await errorOf(again)).toEqual({ code: 'banned', message: 'This chat is closed to you' });
    const row = await env.DB.prepare('SELECT ip, reason, created_by FROM bans').first();
    expect(row).toEqual({ ip: '203.0.113.9', reason: 'abuse', created_by: 'agent-alice' });

    // A fresh visitor id from the same address is kept out too; another address is not.
    const sameIp = await newVisitor();
    const fromBannedIp = await SELF.fetch(new URL(`/ws/visitor/site?token=${sameIp.token}`, ORIGIN), {
      headers: { Upgrade: 'websocket', Origin: ORIGIN, 'CF-Connecting-IP': '203.0.113.9' },
    });
    expect(fromBannedIp.status).toBe(403);
    const elsewhere = await SELF.fetch(new URL(`/ws/visitor/site?token=${sameIp.token}`, ORIGIN), {
      headers: { Upgrade: 'websocket', Origin: ORIGIN, 'CF-Connecting-IP': '198.51.100.7' },
    });
    expect(elsewhere.status).toBe(101);
  });

  it('refuses a ban by an unknown IP, a bad body, and an agent of another queue', async () => {
    const { alice, id } = await aliceHasChat();
    expect(await errorOf(await post(alice.cookie, `/api/console/chats/${id}/ban`, { byIp: true }))).toEqual({
      code: 'invalid_request',
      message: "byIp: the visitor's IP address is not known",
      field: 'byIp',
    });
    expect(await errorOf(await post(alice.cookie, `/api/console/chats/${id}/ban`, { byIp: 'yes' }))).toMatchObject({ field: 'byIp' });
    expect((await post(await carolOfBilling(), `/api/console/chats/${id}/ban`, {})).status).toBe(403);
    const count = await env.DB.prepare('SELECT COUNT(*) AS n FROM bans').first<{ n: number }>();
    expect(count!.n).toBe(0);
  });
});
