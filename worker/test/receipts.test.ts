import { describe, expect, it } from 'vitest';
import { ConversationClient } from '../../protocol/client/conversation-client';
import { ulid } from '../../protocol/ids';
import { FRAME_BURST } from '../../protocol/limits';
import { accept, connect, newVisitor, offerFor, onlineAgent, ORIGIN, startConversation, visitorWrites } from './helpers';
import { selfTransport } from './self-socket';

async function acceptedChat() {
  const alice = await onlineAgent('alice@example.com');
  const { id, token, socket: visitor } = await visitorWrites('Hi');
  await offerFor(alice.inbox, id);
  await accept(alice.cookie, id);
  const agent = await connect(`/ws/agent/conversations/${id}`, { cookie: alice.cookie });
  return { id, token, visitor, agent };
}

describe('receipts', () => {
  it('tells the visitor when the agent has received and then read their message', async () => {
    const { visitor, agent } = await acceptedChat();
    agent.send({ type: 'delivered', seq: 1 });
    expect(await visitor.waitFor((f) => f.type === 'receipts')).toEqual({
      type: 'receipts',
      receipts: { visitor: { delivered: 0, read: 0 }, agent: { delivered: 1, read: 0 } },
    });
    const from = visitor.frames.length;
    agent.send({ type: 'read', seq: 2 });
    expect((await visitor.waitFor((f) => f.type === 'receipts', from)).receipts.agent).toEqual({ delivered: 2, read: 2 });
  });

  it('never moves a mark back or past the last message', async () => {
    const { visitor, agent } = await acceptedChat();
    agent.send({ type: 'read', seq: 99 });
    expect((await visitor.waitFor((f) => f.type === 'receipts')).receipts.agent).toEqual({ delivered: 2, read: 2 });
    agent.send({ type: 'read', seq: 1 });
    agent.send({ type: 'hello', after: 0 });
    const welcome = await agent.waitFor((f) => f.type === 'welcome');
    expect(welcome.receipts.agent).toEqual({ delivered: 2, read: 2 });
    expect(visitor.frames.filter((f) => f.type === 'receipts')).toHaveLength(1);
  });

  it('sends the shared client’s receipts by itself: delivered on arrival, read while visible', async () => {
    const { id, token, agent } = await acceptedChat();
    const net = selfTransport();
    const client = new ConversationClient({
      url: () => `${ORIGIN.replace('https', 'wss')}/ws/visitor/conversations/${id}?token=${token}`,
      WebSocketImpl: net.Socket,
      network: null,
    });
    agent.send({ type: 'message', clientId: ulid(), text: 'How can I help?' });
    expect((await agent.waitFor((f) => f.type === 'receipts' && f.receipts.visitor.delivered === 3)).receipts.visitor.read).toBe(0);
    client.setVisible(true);
    await agent.waitFor((f) => f.type === 'receipts' && f.receipts.visitor.read === 3);
    client.close();
  });
});

describe('typing', () => {
  it('is shown to the other side, with a name, and not echoed to the typist', async () => {
    const { visitor, agent } = await acceptedChat();
    agent.send({ type: 'typing', typing: true });
    expect(await visitor.waitFor((f) => f.type === 'typing')).toEqual({ type: 'typing', role: 'agent', name: 'Alice', typing: true });
    visitor.send({ type: 'typing', typing: true });
    expect(await agent.waitFor((f) => f.type === 'typing')).toMatchObject({ role: 'visitor', typing: true });
    expect(agent.frames.filter((f) => f.type === 'typing')).toHaveLength(1);
  });
});

describe('rate limit', () => {
  it('refuses frames past the burst with a retry time, stores none of them, and keeps the socket', async () => {
    const { token } = await newVisitor();
    const { id } = await startConversation(token);
    const visitor = await connect(`/ws/visitor/conversations/${id}?token=${token}`);
    const ids = Array.from({ length: FRAME_BURST + 10 }, () => ulid());
    for (const clientId of ids) visitor.send({ type: 'message', clientId, text: clientId });
    const answers = () => visitor.frames.filter((f) => f.type === 'ack' || f.type === 'error');
    await visitor.waitFor(() => answers().length === ids.length);

    const acks = visitor.frames.filter((f) => f.type === 'ack');
    const limited = visitor.frames.filter((f) => f.code === 'rate_limited');
    expect(acks.length).toBeGreaterThanOrEqual(FRAME_BURST);
    expect(acks.length + limited.length).toBe(ids.length);
    expect(limited[0]).toMatchObject({ type: 'error', message: 'Too many frames; slow down', clientId: ids[acks.length] });
    expect(limited[0].retryAfterMs).toBeGreaterThan(0);

    await new Promise((r) => setTimeout(r, limited.at(-1).retryAfterMs + 50));
    visitor.send({ type: 'hello', after: 0 });
    const welcome = await visitor.waitFor((f) => f.type === 'welcome');
    expect(welcome.messages.map((m: { text: string }) => m.text)).toEqual(ids.slice(0, acks.length));
  });

  it('lets the shared client get every message through, once and in order, by waiting as told', async () => {
    const { token } = await newVisitor();
    const { id } = await startConversation(token);
    const client = new ConversationClient({
      url: () => `${ORIGIN.replace('https', 'wss')}/ws/visitor/conversations/${id}?token=${token}`,
      WebSocketImpl: selfTransport().Socket,
      network: null,
    });
    await new Promise<void>((resolve) => client.subscribe((s) => s.connection === 'open' && resolve()));
    const texts = Array.from({ length: FRAME_BURST + 15 }, (_, i) => `burst ${i}`);
    for (const text of texts) client.send(text);
    await new Promise<void>((resolve) => client.subscribe((s) => s.pending.length === 0 && s.messages.length === texts.length && resolve()));
    expect(client.current.messages.map((m) => m.text)).toEqual(texts);
    client.close();
  }, 20_000);

  it('does not hold later messages behind a refused copy of one already stored (a resend whose ack was lost)', async () => {
    const { token } = await newVisitor();
    const { id } = await startConversation(token);
    const visitor = await connect(`/ws/visitor/conversations/${id}?token=${token}`);
    const first = ulid();
    visitor.send({ type: 'message', clientId: first, text: 'first' });
    await visitor.waitFor((f) => f.type === 'ack' && f.clientId === first);
    // The socket's frames used up, then copies arrive and are refused (a few, as the bucket refills meanwhile).
    const from = visitor.frames.length;
    for (let i = 0; i < FRAME_BURST; i++) visitor.send({ type: 'typing', typing: i % 2 === 0 });
    for (let i = 0; i < 10; i++) visitor.send({ type: 'message', clientId: first, text: 'first' });
    const answers = () => visitor.frames.slice(from).filter((f) => f.clientId === first);
    await visitor.waitFor(() => answers().length === 10);
    const refused = answers().filter((f) => f.code === 'rate_limited');
    expect(refused.length).toBeGreaterThan(0);

    // The sender has its ack and never sends the copy again: its next message goes through once the bucket refills.
    await new Promise((r) => setTimeout(r, Math.max(...refused.map((f) => f.retryAfterMs)) + 50));
    const next = ulid();
    visitor.send({ type: 'message', clientId: next, text: 'next' });
    const answer = await visitor.waitFor((f) => f.clientId === next);
    expect(answer).toMatchObject({ type: 'ack', clientId: next, seq: 2 });
  });
});
