/**
 * System lines are data: an event and the names it is about travel with the English text, so the
 * widget can word each line in the visitor's language, live, after a replay, and from D1.
 */
import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../protocol/chat';
import { accept, agentSocket, call, json, offerFor, onlineAgent, systemLine, visitorWrites, type Probe } from './helpers';

const post = (cookie: string, path: string, body?: unknown) =>
  call(path, { method: 'POST', cookie, ...(body === undefined ? {} : { body: json(body) }) });

/** What a reader needs of each system line: the event, the names, and the English text. */
const linesOf = (messages: ChatMessage[]) =>
  messages.filter((m) => m.author.role === 'system').map(({ event, actors, text }) => ({ event, actors, text }));

async function replayed(socket: Probe): Promise<ChatMessage[]> {
  const from = socket.frames.length;
  socket.send({ type: 'hello', after: 0 });
  return (await socket.waitFor((f) => f.type === 'welcome', from)).messages;
}

async function aliceHasChat() {
  const alice = await onlineAgent('alice@example.com');
  const visitor = await visitorWrites('Where is my parcel?');
  await offerFor(alice.inbox, visitor.id);
  expect((await accept(alice.cookie, visitor.id)).status).toBe(200);
  return { alice, visitor, id: visitor.id };
}

describe('system lines', () => {
  it('name who joined, who transferred to whom, and who ended, live, after a replay, and in D1', async () => {
    const { alice, visitor, id } = await aliceHasChat();
    const bob = await onlineAgent('bob@example.com');
    expect((await post(alice.cookie, `/api/console/chats/${id}/transfer`, { agentId: 'agent-bob' })).status).toBe(200);
    const transferred = await systemLine(visitor.socket, 'Alice transferred the chat to Bob');
    expect(transferred.message).toMatchObject({ event: 'transferred', actors: { by: 'Alice', agent: 'Bob' } });
    expect((await post(bob.cookie, `/api/console/chats/${id}/end`)).status).toBe(200);
    const ended = await systemLine(visitor.socket, 'Bob ended the chat');
    expect(ended.message).toMatchObject({ event: 'ended', actors: { by: 'Bob' } });

    const expected = [
      { event: 'agent_joined', actors: { agent: 'Alice' }, text: 'Alice joined the chat' },
      { event: 'transferred', actors: { by: 'Alice', agent: 'Bob' }, text: 'Alice transferred the chat to Bob' },
      { event: 'ended', actors: { by: 'Bob' }, text: 'Bob ended the chat' },
    ];
    expect(linesOf(await replayed(visitor.socket))).toEqual(expected);
    await expect
      .poll(async () => {
        const res = await call(`/api/console/conversations/${id}`, { cookie: bob.cookie });
        return linesOf(((await res.json()) as { messages: ChatMessage[] }).messages);
      })
      .toEqual(expected);
  });

  it('name the inviter and the invited, who left, and the queue a chat went back to', async () => {
    const { alice, visitor, id } = await aliceHasChat();
    const bob = await onlineAgent('bob@example.com');
    await post(alice.cookie, `/api/console/chats/${id}/invite`, { agentId: 'agent-bob' });
    await offerFor(bob.inbox, id);
    await accept(bob.cookie, id);
    await systemLine(visitor.socket, 'Bob joined the chat');
    expect((await post(alice.cookie, `/api/console/chats/${id}/leave`)).status).toBe(200);
    const bobSocket = await agentSocket(bob.cookie, id);
    expect((await post(bob.cookie, `/api/console/chats/${id}/transfer`, { queueId: 'general' })).status).toBe(200);
    await systemLine(bobSocket, 'Bob transferred the chat to the General queue');

    expect(linesOf(await replayed(visitor.socket)).slice(1)).toEqual([
      { event: 'invited', actors: { by: 'Alice', agent: 'Bob' }, text: 'Alice invited Bob' },
      { event: 'agent_joined', actors: { agent: 'Bob' }, text: 'Bob joined the chat' },
      { event: 'agent_left', actors: { agent: 'Alice' }, text: 'Alice left the chat' },
      { event: 'transferred', actors: { by: 'Bob', queue: 'General' }, text: 'Bob transferred the chat to the General queue' },
    ]);
  });

  it('name the visitor when the visitor ends the chat', async () => {
    const { alice, visitor, id } = await aliceHasChat();
    const aliceSocket = await agentSocket(alice.cookie, id);
    const res = await call('/api/visitor/conversation/end', { method: 'POST', token: visitor.token, body: '{}' });
    const { visitorName } = ((await res.json()) as { conversation: { visitorName: string } }).conversation;
    const ended = await systemLine(aliceSocket, `${visitorName} ended the chat`);
    expect(ended.message).toMatchObject({ event: 'ended', actors: { by: visitorName } });
    expect(linesOf(await replayed(visitor.socket)).at(-1)).toEqual({ event: 'ended', actors: { by: visitorName }, text: `${visitorName} ended the chat` });
  });
});
