/** What agents do inside a chat: transfer, invite, private notes, leave, end and close. */
import { env, runDurableObjectAlarm } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { ulid } from '../../protocol/ids';
import { conversationStub } from '../env';
import { accept, agentSocket, call, json, offerFor, onlineAgent, refusedUpgrade, systemLine, visitorWrites } from './helpers';

/** Alice has the visitor's chat; Bob is online and free. */
async function aliceHasChat() {
  const alice = await onlineAgent('alice@example.com');
  const visitor = await visitorWrites('I need help with an order');
  await offerFor(alice.inbox, visitor.id);
  expect((await accept(alice.cookie, visitor.id)).status).toBe(200);
  const bob = await onlineAgent('bob@example.com');
  return { alice, bob, visitor, id: visitor.id };
}

const post = (cookie: string, path: string, body?: unknown) =>
  call(path, { method: 'POST', cookie, ...(body === undefined ? {} : { body: json(body) }) });

describe('transfer', () => {
  it('hands the chat to another agent; the visitor is told; only the new agent can open it', async () => {
    const { alice, bob, visitor, id } = await aliceHasChat();
    const res = await post(alice.cookie, `/api/console/chats/${id}/transfer`, { agentId: 'agent-bob' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ chat: { agents: [{ id: 'agent-bob', name: 'Bob' }] } });
    await systemLine(visitor.socket, 'Alice transferred the chat to Bob');
    await bob.inbox.waitFor((f) => f.type === 'chat' && f.chat.id === id);
    await alice.inbox.waitFor((f) => f.type === 'chat_removed' && f.conversationId === id);
    await agentSocket(bob.cookie, id);
    expect((await refusedUpgrade(`/ws/agent/conversations/${id}`, { cookie: alice.cookie })).status).toBe(403);
  });

  it('refuses an agent who cannot take a chat, and keeps it with the first', async () => {
    const { alice, bob, id } = await aliceHasChat();
    await call('/api/console/status', { method: 'PUT', cookie: bob.cookie, body: json({ status: 'away' }) });
    const res = await post(alice.cookie, `/api/console/chats/${id}/transfer`, { agentId: 'agent-bob' });
    expect(res.status).toBe(409);
    expect(await res.json()).toEqual({ error: { code: 'agent_unavailable', message: 'That agent cannot take a chat right now' } });
    await agentSocket(alice.cookie, id);
  });

  it('puts the chat back in a queue, where the next free agent is offered it', async () => {
    const { alice, bob, visitor, id } = await aliceHasChat();
    await call('/api/console/status', { method: 'PUT', cookie: alice.cookie, body: json({ status: 'away' }) });
    const res = await post(alice.cookie, `/api/console/chats/${id}/transfer`, { queueId: 'general' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ chat: { status: 'waiting', agents: [] } });
    await systemLine(visitor.socket, 'Alice transferred the chat to the General queue');
    await offerFor(bob.inbox, id);
  });

  it('refuses bad targets with a clear error', async () => {
    const { alice, bob, id } = await aliceHasChat();
    const cases: Array<[unknown, number, string]> = [
      [{}, 400, 'invalid_request'],
      [{ agentId: 42 }, 400, 'invalid_request'],
      [{ agentId: 'agent-alice' }, 400, 'invalid_request'],
      [{ agentId: 'nobody' }, 404, 'not_found'],
      [{ queueId: 'nowhere' }, 404, 'not_found'],
    ];
    for (const [body, status, code] of cases) {
      const res = await post(alice.cookie, `/api/console/chats/${id}/transfer`, body);
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe(code);
    }
    // Bob is not in the chat, so cannot give it away.
    const stranger = await post(bob.cookie, `/api/console/chats/${id}/transfer`, { queueId: 'general' });
    expect(stranger.status).toBe(403);
    expect(await stranger.json()).toEqual({ error: { code: 'not_in_chat', message: 'You are not in this chat' } });
  });
});

describe('invite', () => {
  it('brings a second agent in, one invitation at a time, and lets the inviter leave', async () => {
    const { alice, bob, visitor, id } = await aliceHasChat();
    expect((await post(alice.cookie, `/api/console/chats/${id}/invite`, { agentId: 'agent-bob' })).status).toBe(200);
    const { offer } = await offerFor(bob.inbox, id);
    expect(offer).toMatchObject({ kind: 'invite', invitedBy: 'Alice' });
    await systemLine(visitor.socket, 'Alice invited Bob');

    const again = await post(alice.cookie, `/api/console/chats/${id}/invite`, { agentId: 'agent-admin' });
    expect(again.status).toBe(409);

    expect((await accept(bob.cookie, id)).status).toBe(200);
    await systemLine(visitor.socket, 'Bob joined the chat');
    const bobSocket = await agentSocket(bob.cookie, id);

    expect((await post(alice.cookie, `/api/console/chats/${id}/leave`)).status).toBe(200);
    await systemLine(bobSocket, 'Alice left the chat');
    const last = await post(bob.cookie, `/api/console/chats/${id}/leave`);
    expect(last.status).toBe(409);
    expect(((await last.json()) as { error: { code: string } }).error.code).toBe('last_agent');
  });

  it('invites a free agent from a queue, never one already in the chat', async () => {
    const { alice, bob, id } = await aliceHasChat();
    expect((await post(alice.cookie, `/api/console/chats/${id}/invite`, { queueId: 'general' })).status).toBe(200);
    expect((await offerFor(bob.inbox, id)).offer.kind).toBe('invite');
  });

  it('says so when no one in the queue can join', async () => {
    const { alice, bob, id } = await aliceHasChat();
    bob.inbox.close();
    await new Promise((r) => setTimeout(r, 100));
    const res = await post(alice.cookie, `/api/console/chats/${id}/invite`, { queueId: 'general' });
    expect(res.status).toBe(409);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('agent_unavailable');
  });
});

describe('private messages', () => {
  it('reach the other agents only, never the visitor, and stay in the organisation’s history', async () => {
    const { alice, bob, visitor, id } = await aliceHasChat();
    await post(alice.cookie, `/api/console/chats/${id}/invite`, { agentId: 'agent-bob' });
    await offerFor(bob.inbox, id);
    await accept(bob.cookie, id);
    const aliceSocket = await agentSocket(alice.cookie, id);
    const bobSocket = await agentSocket(bob.cookie, id);

    aliceSocket.send({ type: 'message', clientId: ulid(), text: 'This customer ordered twice', private: true });
    const note = await bobSocket.waitFor((f) => f.type === 'message' && f.message.private);
    expect(note.message).toMatchObject({ text: 'This customer ordered twice', private: true });
    aliceSocket.send({ type: 'message', clientId: ulid(), text: 'Let me check that for you' });
    const reply = await visitor.socket.waitFor((f) => f.type === 'message' && f.message.text === 'Let me check that for you');
    // The visitor's view runs on without a gap where the note is.
    expect(reply.prev).toBe(reply.message.seq - 2);

    expect(visitor.socket.frames.some((f) => JSON.stringify(f).includes('ordered twice'))).toBe(false);
    visitor.socket.send({ type: 'hello', after: 0 });
    const welcome = await visitor.socket.waitFor((f) => f.type === 'welcome');
    expect(welcome.messages.some((m: { text: string }) => m.text.includes('ordered twice'))).toBe(false);

    await expect
      .poll(async () => env.DB.prepare('SELECT private FROM messages WHERE conversation_id = ? AND text = ?').bind(id, 'This customer ordered twice').first())
      .toEqual({ private: 1 });
  });

  it('cannot be sent by a visitor', async () => {
    const { visitor } = await aliceHasChat();
    const clientId = ulid();
    visitor.socket.send({ type: 'message', clientId, text: 'secret?', private: true });
    expect(await visitor.socket.waitFor((f) => f.type === 'error')).toMatchObject({ code: 'forbidden', field: 'private', clientId });
  });
});

describe('ending and closing', () => {
  it('lets the visitor end the chat: the agent is told, and their capacity is freed', async () => {
    const { alice, visitor, id } = await aliceHasChat();
    const aliceSocket = await agentSocket(alice.cookie, id);
    const res = await call('/api/visitor/conversation/end', { method: 'POST', token: visitor.token, body: '{}' });
    expect(res.status).toBe(200);
    await systemLine(aliceSocket, `${(await res.json() as { conversation: { visitorName: string } }).conversation.visitorName} ended the chat`);
    await alice.inbox.waitFor((f) => f.type === 'chat' && f.chat.id === id && f.chat.status === 'ended');

    const clientId = ulid();
    visitor.socket.send({ type: 'message', clientId, text: 'one more thing' });
    expect(await visitor.socket.waitFor((f) => f.type === 'error')).toMatchObject({ code: 'conversation_closed', clientId });
    // No open chat now: the next message starts a new one.
    expect(await (await call('/api/visitor/conversation', { token: visitor.token })).json()).toEqual({ conversation: null });
  });

  it('lets the agent end the chat, then close its tab', async () => {
    const { alice, visitor, id } = await aliceHasChat();
    expect((await post(alice.cookie, `/api/console/chats/${id}/end`)).status).toBe(200);
    await systemLine(visitor.socket, 'Alice ended the chat');
    expect((await post(alice.cookie, `/api/console/chats/${id}/close`)).status).toBe(204);
    await alice.inbox.waitFor((f) => f.type === 'chat_removed' && f.conversationId === id);
    expect((await post(alice.cookie, `/api/console/chats/${id}/close`)).status).toBe(404);

    // The visitor leaving afterwards does not bring the closed tab back.
    const seen = alice.inbox.frames.length;
    visitor.socket.close();
    await expect(alice.inbox.waitFor((f) => f.type === 'chat' && f.chat.id === id, seen, 800)).rejects.toThrow(/no matching frame/);
    const inbox = (await (await call('/api/console/inbox', { cookie: alice.cookie })).json()) as { chats: unknown[] };
    expect(inbox.chats).toEqual([]);
  });

  it('ends a chat still going when its only agent closes the tab, and shows whether the visitor is there', async () => {
    const { alice, visitor, id } = await aliceHasChat();
    const inbox = (await (await call('/api/console/inbox', { cookie: alice.cookie })).json()) as { chats: Array<{ visitorConnected: boolean }> };
    expect(inbox.chats[0]!.visitorConnected).toBe(true);
    visitor.socket.close();
    await alice.inbox.waitFor((f) => f.type === 'chat' && f.chat.id === id && f.chat.visitorConnected === false);
    expect((await post(alice.cookie, `/api/console/chats/${id}/close`)).status).toBe(204);
    // D1 hears of it on the chat's next flush (its alarm), off the request's path.
    await runDurableObjectAlarm(conversationStub(env, id));
    const row = await env.DB.prepare('SELECT status FROM conversations WHERE id = ?').bind(id).first();
    expect(row).toEqual({ status: 'ended' });
  });

  it('takes a waiting chat out of the queue when the visitor ends it', async () => {
    const { token, id } = await visitorWrites('never mind');
    await call('/api/visitor/conversation/end', { method: 'POST', token, body: '{}' });
    const alice = await onlineAgent('alice@example.com');
    await expect(offerFor(alice.inbox, id, 0, 800)).rejects.toThrow(/no matching frame/);
  });
});
