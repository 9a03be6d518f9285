import { env, evictDurableObject } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { ulid } from '../../protocol/ids';
import { conversationStub } from '../env';
import { call, connect, newVisitor, signIn, startConversation } from './helpers';

describe('the chat loop', () => {
  it('routes a visitor’s first message to an online agent, who accepts and replies live', async () => {
    const alice = await signIn('alice@example.com');
    const inbox = await connect('/ws/agent/inbox', { cookie: alice });
    await inbox.waitFor((f) => f.type === 'inbox' && f.status === 'online');

    const { token } = await newVisitor();
    const conversation = await startConversation(token);
    expect(conversation.status).toBe('open');
    const visitor = await connect(`/ws/visitor/conversations/${conversation.id}?token=${token}`);
    visitor.send({ type: 'hello', after: 0 });
    await visitor.waitFor((f) => f.type === 'welcome');

    const first = ulid();
    visitor.send({ type: 'message', clientId: first, text: 'Do you ship to Norway?' });
    expect(await visitor.waitFor((f) => f.type === 'ack')).toMatchObject({ clientId: first, seq: 1 });

    const { offer } = await inbox.waitFor((f) => f.type === 'offer');
    expect(offer).toMatchObject({ conversationId: conversation.id, queueName: 'General', preview: 'Do you ship to Norway?' });

    const accepted = await call(`/api/console/offers/${conversation.id}/accept`, { method: 'POST', cookie: alice });
    expect(accepted.status).toBe(200);
    expect(await accepted.json()).toMatchObject({
      chat: { id: conversation.id, status: 'active', agents: [{ id: 'agent-alice', name: 'Alice' }], visitorConnected: true },
    });
    const joined = await visitor.waitFor((f) => f.type === 'message' && f.message.event === 'agent_joined');
    expect(joined.message).toMatchObject({ seq: 2, text: 'Alice joined the chat', author: { role: 'system' } });

    const agent = await connect(`/ws/agent/conversations/${conversation.id}`, { cookie: alice });
    agent.send({ type: 'hello', after: 0 });
    const welcome = await agent.waitFor((f) => f.type === 'welcome');
    expect(welcome.messages.map((m: any) => m.text)).toEqual(['Do you ship to Norway?', 'Alice joined the chat']);

    agent.send({ type: 'message', clientId: ulid(), text: 'We do, in 3 days.' });
    const reply = await visitor.waitFor((f) => f.type === 'message' && f.message.author.role === 'agent');
    expect(reply.message).toMatchObject({ seq: 3, text: 'We do, in 3 days.', author: { name: 'Alice' } });

    visitor.send({ type: 'message', clientId: ulid(), text: 'Great, thanks!' });
    const back = await agent.waitFor((f) => f.type === 'message' && f.message.author.role === 'visitor');
    expect(back.message).toMatchObject({ seq: 4, text: 'Great, thanks!' });
  });

  it('numbers messages in the order they arrive, without gaps, and stores a resent message once', async () => {
    const { token } = await newVisitor();
    const { id } = await startConversation(token);
    const visitor = await connect(`/ws/visitor/conversations/${id}?token=${token}`);
    const ids = Array.from({ length: 20 }, () => ulid());
    for (const [i, clientId] of ids.entries()) visitor.send({ type: 'message', clientId, text: `message ${i}` });
    visitor.send({ type: 'message', clientId: ids[3], text: 'message 3' });
    await visitor.waitFor((f) => f.type === 'ack' && f.clientId === ids[19]);
    await visitor.waitFor((_, ) => visitor.frames.filter((f) => f.type === 'ack').length === 21);

    const acks = visitor.frames.filter((f) => f.type === 'ack');
    expect(acks.slice(0, 20).map((a) => a.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(acks[20]).toMatchObject({ clientId: ids[3], seq: 4 });

    const replay = await connect(`/ws/visitor/conversations/${id}?token=${token}`);
    replay.send({ type: 'hello', after: 15 });
    const welcome = await replay.waitFor((f) => f.type === 'welcome');
    expect(welcome.messages.map((m: any) => m.seq)).toEqual([16, 17, 18, 19, 20]);
  });

  it('keeps the conversation and its sockets through an eviction of its Durable Object', async () => {
    const { token } = await newVisitor();
    const { id } = await startConversation(token);
    const visitor = await connect(`/ws/visitor/conversations/${id}?token=${token}`);
    visitor.send({ type: 'message', clientId: ulid(), text: 'before' });
    await visitor.waitFor((f) => f.type === 'ack');

    await evictDurableObject(conversationStub(env, id));

    visitor.send({ type: 'message', clientId: ulid(), text: 'after' });
    expect(await visitor.waitFor((f) => f.type === 'ack' && f.seq === 2)).toBeTruthy();
    visitor.send({ type: 'hello', after: 0 });
    const welcome = await visitor.waitFor((f) => f.type === 'welcome');
    expect(welcome.messages.map((m: any) => m.text)).toEqual(['before', 'after']);
  });

  it('writes every message through to the D1 history', async () => {
    const { token } = await newVisitor();
    const { id } = await startConversation(token);
    const visitor = await connect(`/ws/visitor/conversations/${id}?token=${token}`);
    for (const text of ['one', 'two', 'three']) visitor.send({ type: 'message', clientId: ulid(), text });
    await visitor.waitFor(() => visitor.frames.filter((f) => f.type === 'ack').length === 3);

    await expect
      .poll(async () => {
        const { results } = await env.DB.prepare('SELECT seq, text FROM messages WHERE conversation_id = ? ORDER BY seq')
          .bind(id)
          .all();
        return results;
      })
      .toEqual([
        { seq: 1, text: 'one' },
        { seq: 2, text: 'two' },
        { seq: 3, text: 'three' },
      ]);
    const row = await env.DB.prepare('SELECT status FROM conversations WHERE id = ?').bind(id).first();
    expect(row).toEqual({ status: 'waiting' });
  });

  it('brings back the visitor’s open conversation with their token', async () => {
    const { token } = await newVisitor();
    const none = await call('/api/visitor/conversation', { token });
    expect(await none.json()).toEqual({ conversation: null });
    const started = await startConversation(token);
    const again = await startConversation(token);
    expect(again.id).toBe(started.id);
    const current = await call('/api/visitor/conversation', { token });
    expect(await current.json()).toMatchObject({ conversation: { id: started.id } });
  });
});
