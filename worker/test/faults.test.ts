/**
 * Delivery under faults, with the real shared client on both ends: every message arrives once,
 * in order, whatever happens to the sockets, the Durable Object or D1.
 */
import { env, evictDurableObject, runDurableObjectAlarm } from 'cloudflare:test';
import { describe, expect, it, vi } from 'vitest';

vi.setConfig({ testTimeout: 60_000 });
import { ConversationClient, type ChatState } from '../../protocol/client/conversation-client';
import { conversationStub } from '../env';
import { accept, newVisitor, onlineAgent, ORIGIN, startConversation } from './helpers';
import { selfTransport } from './self-socket';

/** A visitor and Alice in one accepted conversation, each with a client over a severable transport. */
async function acceptedChat() {
  const { cookie: alice, inbox } = await onlineAgent('alice@example.com');
  const { token } = await newVisitor();
  const { id } = await startConversation(token);

  const visitorNet = selfTransport();
  const visitor = new ConversationClient({
    url: () => `${ORIGIN.replace('https', 'wss')}/ws/visitor/conversations/${id}?token=${token}`,
    WebSocketImpl: visitorNet.Socket,
    network: null,
    reconnectBaseMs: 10,
  });
  visitor.send('Hello, anyone?');
  await inbox.waitFor((f) => f.type === 'offer');
  expect((await accept(alice, id)).status).toBe(200);

  const agentNet = selfTransport(alice);
  const agent = new ConversationClient({
    url: () => `${ORIGIN.replace('https', 'wss')}/ws/agent/conversations/${id}`,
    WebSocketImpl: agentNet.Socket,
    network: null,
    reconnectBaseMs: 10,
  });
  return { id, visitor, visitorNet, agent, agentNet };
}

/** Resolves once the client is connected, has sent everything, and holds `count` messages. */
function settled(client: ConversationClient, count: number, timeoutMs = 20_000): Promise<ChatState> {
  const ready = (s: ChatState) => s.connection === 'open' && s.pending.length === 0 && s.messages.length >= count;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`not settled: ${JSON.stringify({ ...client.current, messages: client.current.messages.length })}`));
    }, timeoutMs);
    const stop = client.subscribe((state) => {
      if (!ready(state)) return;
      clearTimeout(timer);
      queueMicrotask(() => stop());
      resolve(state);
    });
  });
}

const texts = (state: ChatState) => state.messages.map((m) => m.text);

async function serverLog(id: string) {
  const rows = await env.DB.prepare('SELECT seq, text FROM messages WHERE conversation_id = ? ORDER BY seq').bind(id).all();
  return rows.results as Array<{ seq: number; text: string }>;
}

describe('delivery under faults', () => {
  it('delivers every message once and in order while both sides’ sockets keep dropping', async () => {
    const { id, visitor, visitorNet, agent, agentNet } = await acceptedChat();
    await settled(agent, 2);

    const rounds = 40;
    for (let i = 0; i < rounds; i++) {
      visitor.send(`v${i}`);
      if (i % 6 === 2) visitorNet.latest?.sever();
      agent.send(`a${i}`);
      if (i % 5 === 4) agentNet.latest?.sever();
      await new Promise((r) => setTimeout(r, 40));
    }

    const total = 2 + rounds * 2; // first message, "joined" line, then both sides' rounds
    const [seenByVisitor, seenByAgent] = await Promise.all([settled(visitor, total), settled(agent, total)]);
    expect(visitorNet.instances.length).toBeGreaterThan(5);
    expect(agentNet.instances.length).toBeGreaterThan(5);

    // Both sides hold the same log: numbered 1..total without gaps, each message once.
    expect(seenByVisitor.messages.map((m) => m.seq)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    expect(texts(seenByAgent)).toEqual(texts(seenByVisitor));
    // Each side's messages kept the order they were written in.
    const all = texts(seenByVisitor);
    expect(all.filter((t) => t.startsWith('v'))).toEqual(Array.from({ length: rounds }, (_, i) => `v${i}`));
    expect(all.filter((t) => /^a\d/.test(t))).toEqual(Array.from({ length: rounds }, (_, i) => `a${i}`));

    // The flush may be running by itself already (its alarm is 250 ms after the last change): D1
    // has the whole log, in order, once it is done.
    await runDurableObjectAlarm(conversationStub(env, id));
    await expect.poll(async () => (await serverLog(id)).map((r) => r.text), { timeout: 5000 }).toEqual(all);
    visitor.close();
    agent.close();
  });

  it('shows a message once when its ack is lost and the client sends it again', async () => {
    const { visitor, visitorNet, agent } = await acceptedChat();
    await settled(visitor, 2);
    // The frame reaches the server; the network dies before the ack comes back.
    visitor.send('Only once, please');
    visitorNet.latest!.sever();
    const state = await settled(visitor, 3);
    expect(texts(state).filter((t) => t === 'Only once, please')).toHaveLength(1);
    expect(texts(await settled(agent, 3)).filter((t) => t === 'Only once, please')).toHaveLength(1);
    visitor.close();
    agent.close();
  });

  it('keeps state and sockets through eviction and hibernation mid-conversation', async () => {
    const { id, visitor, visitorNet, agent } = await acceptedChat();
    await settled(agent, 2);
    const socketsBefore = visitorNet.instances.length;

    visitor.send('before');
    await settled(agent, 3);
    await evictDurableObject(conversationStub(env, id)); // sockets hibernate, memory is dropped
    visitor.send('after hibernation');
    agent.send('reply after hibernation');
    await settled(visitor, 5);
    expect(visitorNet.instances.length).toBe(socketsBefore); // the same socket, never reconnected

    await evictDurableObject(conversationStub(env, id), { webSockets: 'close' }); // a full restart
    visitor.send('after restart');
    const [v, a] = await Promise.all([settled(visitor, 6), settled(agent, 6)]);
    expect(texts(a)).toEqual(texts(v));
    expect(texts(v).slice(2)).toEqual(['before', 'after hibernation', 'reply after hibernation', 'after restart']);
    visitor.close();
    agent.close();
  });

  it('acks and delivers live while D1 is failing, and fills D1 once it is back', async () => {
    const { id, visitor, agent } = await acceptedChat();
    await settled(agent, 2);
    await runDurableObjectAlarm(conversationStub(env, id));
    expect(await serverLog(id)).toHaveLength(2);

    // D1 stops taking messages: every write to the history table fails.
    await env.DB.exec('ALTER TABLE messages RENAME TO messages_down');
    for (const text of ['during 1', 'during 2', 'during 3']) visitor.send(text);
    await settled(agent, 5);
    agent.send('agent during outage');
    const live = await settled(agent, 6);
    expect(texts(live).slice(2)).toEqual(['during 1', 'during 2', 'during 3', 'agent during outage']);
    expect(await runDurableObjectAlarm(conversationStub(env, id))).toBe(true); // retried, still failing

    await env.DB.exec('ALTER TABLE messages_down RENAME TO messages');
    expect(await serverLog(id)).toHaveLength(2);
    await runDurableObjectAlarm(conversationStub(env, id));
    expect(await serverLog(id)).toEqual(live.messages.map((m) => ({ seq: m.seq, text: m.text })));
    visitor.close();
    agent.close();
  });

  it('copies a burst of messages to D1 after the acks, and loses none when the object is evicted first', async () => {
    const { id, visitor, agent } = await acceptedChat();
    await settled(agent, 2);
    for (const text of ['one', 'two', 'three', 'four']) visitor.send(text);
    const live = await settled(agent, 6);
    // Memory is dropped before the flush: the outbox in the object's storage and its alarm remain.
    await evictDurableObject(conversationStub(env, id));
    // Due now (on a very slow machine it may have run by itself before the eviction).
    await runDurableObjectAlarm(conversationStub(env, id));
    await expect.poll(() => serverLog(id)).toEqual(live.messages.map((m) => ({ seq: m.seq, text: m.text })));
    visitor.close();
    agent.close();
  });
});
