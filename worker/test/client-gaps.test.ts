/**
 * The shared client's own rules for what it shows: a message arriving after one it never got is
 * held back and the gap filled by a resume; a visitor's view skips private notes without calling
 * that a gap; a repeat is shown once. The server's frames are scripted here, so each case is exact.
 */
import { expect, it } from 'vitest';
import type { ChatMessage } from '../../protocol/chat';
import { ConversationClient, NO_RECEIPTS, type SocketLike } from '../../protocol/client/conversation-client';

class ScriptedSocket implements SocketLike {
  static latest: ScriptedSocket;
  readyState = 1;
  readonly sent: Array<Record<string, unknown>> = [];
  private readonly listeners: Record<string, Array<(event: { data: unknown }) => void>> = {};
  constructor() {
    ScriptedSocket.latest = this;
    queueMicrotask(() => this.emit('open'));
  }
  addEventListener(type: string, listener: (event: { data: unknown }) => void) {
    (this.listeners[type] ??= []).push(listener);
  }
  send(data: string) {
    if (data !== 'ping') this.sent.push(JSON.parse(data));
  }
  close() {}
  emit(type: string, frame?: object) {
    for (const listener of this.listeners[type] ?? []) listener({ data: frame && JSON.stringify(frame) });
  }
}

const message = (seq: number, text = `m${seq}`): ChatMessage => ({
  seq,
  clientId: `c${seq}`,
  author: { role: 'agent', id: 'agent-alice', name: 'Alice' },
  text,
  at: seq,
});
const you = { role: 'visitor', id: 'v1', name: 'Visitor' } as const;
const conversation = { id: 'x', status: 'active', visitorName: 'Visitor', queueId: 'q', queueName: 'Q', agents: [], visitorConnected: true } as const;

it('holds back a message after a gap, resumes from what it has, and shows the gap filled', async () => {
  const client = new ConversationClient({ url: () => 'wss://parley.test/x', WebSocketImpl: ScriptedSocket, network: null });
  await new Promise((r) => setTimeout(r, 0));
  const socket = ScriptedSocket.latest;
  expect(socket.sent).toEqual([{ type: 'hello', after: 0 }]);
  socket.emit('message', { type: 'welcome', you, conversation, messages: [message(1)], receipts: NO_RECEIPTS });

  // Message 2 was missed: 3 says its predecessor is 2, which this client does not hold.
  socket.emit('message', { type: 'message', message: message(3), prev: 2 });
  expect(client.current.messages.map((m) => m.seq)).toEqual([1]);
  expect(socket.sent.at(-1)).toEqual({ type: 'hello', after: 1 });

  socket.emit('message', { type: 'welcome', you, conversation, messages: [message(2), message(3)], receipts: NO_RECEIPTS });
  expect(client.current.messages.map((m) => m.seq)).toEqual([1, 2, 3]);

  // 4 is a private note this visitor never gets: 5 names 3 as its predecessor, so no gap.
  const hellos = socket.sent.filter((f) => f.type === 'hello').length;
  socket.emit('message', { type: 'message', message: message(5), prev: 3 });
  // A repeat of something already shown changes nothing.
  socket.emit('message', { type: 'message', message: message(3), prev: 2 });
  expect(client.current.messages.map((m) => m.seq)).toEqual([1, 2, 3, 5]);
  expect(socket.sent.filter((f) => f.type === 'hello').length).toBe(hellos);
  client.close();
});
