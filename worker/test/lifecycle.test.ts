/**
 * A desk that runs itself: chats end when the visitor has left or nobody writes, a chat nobody
 * takes becomes a missed chat and a ticket, a visitor who comes back soon reopens the same chat,
 * and agents away from the desk stop getting offers. Every timer is driven through the Durable
 * Objects' alarms: a test moves the deadline to now and runs the alarm.
 */
import { env, runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import type { AdminAgent, AdminSite } from '../../protocol/admin-api';
import type { Ticket } from '../../protocol/api';
import type { ConversationSummary } from '../../protocol/chat';
import { ulid } from '../../protocol/ids';
import { DEMO_SITE } from '../demo/demo-data';
import { agentStub, conversationStub, queueStub } from '../env';
import { deadline, fastForward } from './deadlines';
import { accept, agentSocket, call, connect, errorOf, json, newVisitor, offerFor, onlineAgent, signIn, startConversation, visitorWrites } from './helpers';

const MINUTE = 60_000;

/** The chat's status in D1, which hears of it on the chat's next flush. */
const d1Status = (id: string) => expect.poll(async () => (await env.DB.prepare('SELECT status FROM conversations WHERE id = ?').bind(id).first<{ status: string }>())?.status);

async function aliceHasChat(text = 'Where is my order?') {
  const alice = await onlineAgent('alice@example.com');
  const visitor = await visitorWrites(text);
  await offerFor(alice.inbox, visitor.id);
  expect((await accept(alice.cookie, visitor.id)).status).toBe(200);
  return { alice, visitor, id: visitor.id };
}

const summaryOf = (id: string) => conversationStub(env, id).summary() as Promise<ConversationSummary>;

describe('the visitor leaves', () => {
  it('tells the agent the visitor is gone as soon as the page closes', async () => {
    const { alice, visitor, id } = await aliceHasChat();
    const agent = await agentSocket(alice.cookie, id);
    const seen = agent.frames.length;
    visitor.socket.close();
    await agent.waitFor((f) => f.type === 'conversation' && f.conversation.visitorConnected === false, seen);
    expect((await summaryOf(id)).visitorConnected).toBe(false);
    const inbox = (await (await call('/api/console/inbox', { cookie: alice.cookie })).json()) as { chats: ConversationSummary[] };
    expect(inbox.chats.find((c) => c.id === id)?.visitorConnected).toBe(false);
  });

  it('ends the chat after ten minutes without the visitor, frees the agent and takes the chat out of their tabs', async () => {
    const { alice, visitor, id } = await aliceHasChat();
    const closedAt = Date.now();
    visitor.socket.close();
    await alice.inbox.waitFor((f) => f.type === 'chat' && f.chat.id === id && !f.chat.visitorConnected);
    const due = (await deadline(conversationStub(env, id), 'visitor_left'))!;
    expect(due - closedAt).toBeGreaterThanOrEqual(10 * MINUTE - 1000);
    expect(due - closedAt).toBeLessThanOrEqual(10 * MINUTE + 5000);

    const agent = await agentSocket(alice.cookie, id);
    const seen = alice.inbox.frames.length;
    await fastForward(conversationStub(env, id), 'visitor_left');
    const line = await agent.waitFor((f) => f.type === 'message' && f.message.event === 'visitor_left');
    expect(line.message.text).toMatch(/^Visitor [0-9A-Z]{4} left — chat ended$/);
    await alice.inbox.waitFor((f) => f.type === 'chat_removed' && f.conversationId === id, seen);
    expect((await summaryOf(id)).status).toBe('ended');
    expect(await agentStub(env, 'agent-alice').canTake()).toBe(true);
    const inbox = (await (await call('/api/console/inbox', { cookie: alice.cookie })).json()) as { chats: unknown[] };
    expect(inbox.chats).toEqual([]);
    await d1Status(id).toBe('ended');
  });

  it('keeps the chat when the visitor comes back in time', async () => {
    const { visitor, id } = await aliceHasChat();
    visitor.socket.close();
    await expect.poll(() => deadline(conversationStub(env, id), 'visitor_left')).not.toBeNull();
    const back = await connect(`/ws/visitor/conversations/${id}?token=${visitor.token}`);
    back.send({ type: 'hello', after: 0 });
    await back.waitFor((f) => f.type === 'welcome');
    expect(await deadline(conversationStub(env, id), 'visitor_left')).toBeNull();
    expect((await summaryOf(id)).status).toBe('active');
  });
});

describe('nobody writes', () => {
  it('warns the visitor a minute before, starts again at each message, then ends the chat', async () => {
    const { alice, visitor, id } = await aliceHasChat();
    const stub = conversationStub(env, id);
    const firstEnd = (await deadline(stub, 'idle_end'))!;
    expect(firstEnd - Date.now()).toBeGreaterThan(29 * MINUTE);
    expect(firstEnd - (await deadline(stub, 'idle_warning'))!).toBe(MINUTE);

    await fastForward(stub, 'idle_warning');
    const warning = await visitor.socket.waitFor((f) => f.type === 'idle_warning');
    expect(warning.endsAt).toBe(firstEnd);

    const agent = await agentSocket(alice.cookie, id);
    agent.send({ type: 'message', clientId: ulid(), text: 'Still there?' });
    await agent.waitFor((f) => f.type === 'ack');
    expect((await deadline(stub, 'idle_end'))!).toBeGreaterThan(firstEnd);

    await fastForward(stub, 'idle_end');
    const line = await visitor.socket.waitFor((f) => f.type === 'message' && f.message.event === 'inactive');
    expect(line.message.text).toBe('Chat ended after 30 minutes without a message');
    expect((await summaryOf(id)).status).toBe('ended');
  });

  it('ends a chat once when two of its timers are due together', async () => {
    const { visitor, id } = await aliceHasChat();
    visitor.socket.close();
    await expect.poll(() => deadline(conversationStub(env, id), 'visitor_left')).not.toBeNull();
    await fastForward(conversationStub(env, id), 'visitor_left', 'idle_end', 'idle_warning');
    const lines = (await conversationStub(env, id).messages('agents')).filter((m) => m.author.role === 'system' && m.event !== 'agent_joined');
    expect(lines).toHaveLength(1);
    expect(['visitor_left', 'inactive']).toContain(lines[0]!.event);
    expect((await summaryOf(id)).status).toBe('ended');
  });

  it('refuses a message that arrives after the chat ended, storing nothing', async () => {
    const { alice, visitor, id } = await aliceHasChat();
    expect((await call(`/api/console/chats/${id}/end`, { method: 'POST', cookie: alice.cookie })).status).toBe(200);
    const before = (await conversationStub(env, id).messages('agents')).length;
    const clientId = ulid();
    visitor.socket.send({ type: 'message', clientId, text: 'one more thing' });
    expect(await visitor.socket.waitFor((f) => f.type === 'error' && f.clientId === clientId)).toMatchObject({ code: 'conversation_closed' });
    expect(await conversationStub(env, id).messages('agents')).toHaveLength(before);
  });
});

describe('nobody answers', () => {
  it('makes a chat waiting five minutes a missed chat: the visitor is told, and it becomes a ticket with its transcript', async () => {
    const { id, socket, token } = await visitorWrites('Do you ship to Norway?');
    const due = (await deadline(conversationStub(env, id), 'missed'))!;
    expect(due - Date.now()).toBeGreaterThan(4 * MINUTE);
    expect(due - Date.now()).toBeLessThanOrEqual(5 * MINUTE);

    await fastForward(conversationStub(env, id), 'missed');
    const line = await socket.waitFor((f) => f.type === 'message' && f.message.event === 'missed');
    expect(line.message.author.role).toBe('system');
    await socket.waitFor((f) => f.type === 'conversation' && f.conversation.status === 'missed');
    expect(await queueStub(env, 'general').visitorView()).toMatchObject({ presence: 'offline' });

    await d1Status(id).toBe('missed');
    const ticket = await env.DB.prepare('SELECT email, message, status FROM tickets WHERE conversation_id = ?').bind(id).first<{ email: string; message: string; status: string }>();
    expect(ticket).toMatchObject({ email: '', status: 'open' });
    expect(ticket!.message).toContain('Do you ship to Norway?');

    // Asked for an email, the visitor gives one: the ticket can now be answered.
    const saved = await call('/api/visitor/profile', { method: 'PUT', token, body: json({ email: 'nora@example.com' }) });
    expect(saved.status).toBe(200);
    const again = await env.DB.prepare('SELECT email FROM tickets WHERE conversation_id = ?').bind(id).first<{ email: string }>();
    expect(again).toEqual({ email: 'nora@example.com' });
  });

  it('refuses the agent who accepts the moment the chat is missed, with a coded answer', async () => {
    const alice = await onlineAgent('alice@example.com');
    const { id } = await visitorWrites('Hello?');
    await offerFor(alice.inbox, id);
    await fastForward(conversationStub(env, id), 'missed');
    const late = await accept(alice.cookie, id);
    expect(late.status).toBe(409);
    expect((await errorOf(late)).code).toBe('offer_gone');
    expect((await summaryOf(id)).status).toBe('missed');
    expect(await conversationStub(env, id).assignAgent({ id: 'agent-alice', name: 'Alice' })).toMatchObject({ ok: false, error: { code: 'chat_closed' } });
  });
});

describe('the visitor comes back', () => {
  it('reopens the same conversation within the window, with a line that says so', async () => {
    const { alice, visitor, id } = await aliceHasChat();
    expect((await call(`/api/console/chats/${id}/end`, { method: 'POST', cookie: alice.cookie })).status).toBe(200);
    const again = await startConversation(visitor.token);
    expect(again.id).toBe(id);
    expect(again.status).toBe('open');
    const lines = await conversationStub(env, id).messages('visitor');
    expect(lines.at(-1)).toMatchObject({ event: 'reopened', text: expect.stringMatching(/came back — chat reopened$/) });

    // Their next message puts it back in line.
    const socket = await connect(`/ws/visitor/conversations/${id}?token=${visitor.token}`);
    socket.send({ type: 'message', clientId: ulid(), text: 'Sorry, one more question' });
    await offerFor(alice.inbox, id);
  });

  it('starts a new conversation once the window is over', async () => {
    const admin = await signIn('admin@example.com');
    const lifecycle = { visitorLeftMinutes: 10, inactivityMinutes: 30, missedMinutes: 5, reopenMinutes: 0 };
    expect((await call(`/api/admin/sites/${DEMO_SITE.id}/lifecycle`, { method: 'PUT', cookie: admin, body: json(lifecycle) })).status).toBe(200);
    const { alice, visitor, id } = await aliceHasChat();
    expect((await call(`/api/console/chats/${id}/end`, { method: 'POST', cookie: alice.cookie })).status).toBe(200);
    expect((await startConversation(visitor.token)).id).not.toBe(id);
  });
});

describe('lifecycle settings', () => {
  it('are the admin’s, per site, with defaults, and new chats follow them', async () => {
    const admin = await signIn('admin@example.com');
    const site = (await (await call(`/api/admin/sites/${DEMO_SITE.id}`, { cookie: admin })).json()) as { site: AdminSite };
    expect(site.site.lifecycle).toEqual({ visitorLeftMinutes: 10, inactivityMinutes: 30, missedMinutes: 5, reopenMinutes: 30, replyMailSeconds: 180 });
    // A client that predates the reply mail's pause leaves it at its default.
    const lifecycle = { visitorLeftMinutes: 2, inactivityMinutes: 15, missedMinutes: 1, reopenMinutes: 60 };
    const saved = await call(`/api/admin/sites/${DEMO_SITE.id}/lifecycle`, { method: 'PUT', cookie: admin, body: json(lifecycle) });
    expect(((await saved.json()) as { site: AdminSite }).site.lifecycle).toEqual({ ...lifecycle, replyMailSeconds: 180 });
    const { id } = await visitorWrites('quick one');
    const due = (await deadline(conversationStub(env, id), 'missed'))!;
    expect(due - Date.now()).toBeLessThanOrEqual(MINUTE);
  });

  it('refuses values out of range, naming the field, and non-admins', async () => {
    const admin = await signIn('admin@example.com');
    const bad = await call(`/api/admin/sites/${DEMO_SITE.id}/lifecycle`, {
      method: 'PUT',
      cookie: admin,
      body: json({ visitorLeftMinutes: 0, inactivityMinutes: 30, missedMinutes: 5, reopenMinutes: 30 }),
    });
    expect(bad.status).toBe(400);
    expect(await errorOf(bad)).toMatchObject({ code: 'invalid_request', field: 'visitorLeftMinutes' });
    const missing = await call(`/api/admin/sites/${DEMO_SITE.id}/lifecycle`, { method: 'PUT', cookie: admin, body: json({ visitorLeftMinutes: 5 }) });
    expect(missing.status).toBe(400);
    const alice = await signIn('alice@example.com');
    const refused = await call(`/api/admin/sites/${DEMO_SITE.id}/lifecycle`, {
      method: 'PUT',
      cookie: alice,
      body: json({ visitorLeftMinutes: 5, inactivityMinutes: 30, missedMinutes: 5, reopenMinutes: 30 }),
    });
    expect(refused.status).toBe(403);
  });
});

describe('agents away from the desk', () => {
  it('go away by themselves when no console has been open for a while, and get no offers', async () => {
    const alice = await onlineAgent('alice@example.com');
    alice.inbox.close();
    await expect.poll(() => deadline(agentStub(env, 'agent-alice'), 'away')).not.toBeNull();
    await fastForward(agentStub(env, 'agent-alice'), 'away');
    expect((await agentStub(env, 'agent-alice').snapshot()).status).toBe('away');
  });

  it('stay online when the console comes back in time', async () => {
    const alice = await onlineAgent('alice@example.com');
    alice.inbox.close();
    await expect.poll(() => deadline(agentStub(env, 'agent-alice'), 'away')).not.toBeNull();
    await connect('/ws/agent/inbox', { cookie: alice.cookie });
    await expect.poll(() => deadline(agentStub(env, 'agent-alice'), 'away')).toBeNull();
    expect((await agentStub(env, 'agent-alice').snapshot()).status).toBe('online');
  });

  it('go away when an offer times out, so the next chat is not offered to an empty chair', async () => {
    const alice = await onlineAgent('alice@example.com');
    const { id } = await visitorWrites('Hello?');
    await offerFor(alice.inbox, id);
    await runInDurableObject(queueStub(env, 'general'), (_, state) => state.storage.sql.exec('UPDATE waiting SET offer_expires_at = ?', Date.now() - 1));
    await runDurableObjectAlarm(queueStub(env, 'general'));
    await alice.inbox.waitFor((f) => f.type === 'status' && f.status === 'away');
    const { id: next } = await visitorWrites('Anyone?');
    await expect(offerFor(alice.inbox, next, 0, 1000)).rejects.toThrow(/no matching frame/);
  });

  it('the console is told how long idle counts as away, set by the admin per agent', async () => {
    const admin = await signIn('admin@example.com');
    const changed = await call('/api/admin/agents/agent-alice', { method: 'PATCH', cookie: admin, body: json({ awayAfterMinutes: 15 }) });
    expect(((await changed.json()) as { agent: AdminAgent }).agent.awayAfterMinutes).toBe(15);
    const alice = await onlineAgent('alice@example.com');
    expect(alice.inbox.frames.find((f) => f.type === 'inbox').awayAfterMs).toBe(15 * MINUTE);
    const bad = await call('/api/admin/agents/agent-alice', { method: 'PATCH', cookie: admin, body: json({ awayAfterMinutes: 0 }) });
    expect(await errorOf(bad)).toMatchObject({ field: 'awayAfterMinutes' });
  });
});

describe('ticket statuses', () => {
  it('are open, pending or solved; agents set them; a bad one is refused', async () => {
    const { token } = await newVisitor();
    const filed = await call('/api/visitor/tickets', { method: 'POST', token, body: json({ siteId: DEMO_SITE.id, name: 'Ola', email: 'ola@example.com', message: 'Call me back' }) });
    const { ticket } = (await filed.json()) as { ticket: { id: string } };
    const alice = await signIn('alice@example.com');
    const set = await call(`/api/console/tickets/${ticket.id}`, { method: 'PATCH', cookie: alice, body: json({ status: 'solved' }) });
    expect(((await set.json()) as { ticket: Ticket }).ticket.status).toBe('solved');
    const bad = await call(`/api/console/tickets/${ticket.id}`, { method: 'PATCH', cookie: alice, body: json({ status: 'closed' }) });
    expect(bad.status).toBe(400);
    expect(await errorOf(bad)).toMatchObject({ field: 'status' });
    const unknown = await call('/api/console/tickets/nope', { method: 'PATCH', cookie: alice, body: json({ status: 'open' }) });
    expect(unknown.status).toBe(404);
  });
});
