/**
 * A load process for the soak: live conversations through Parley's own conversation client
 * (`protocol/client/conversation-client.ts`, the one the widget and console run: hello with the
 * last seq held, replay, resend of what was not acked), each sending a message a second, while
 * a share of the sockets is cut now and then as a network would cut them. At the end every side's
 * view of its conversation is checked against what the other side sent: nothing lost, nothing
 * twice, nothing out of order.
 */
import WebSocket from 'ws';
import type { Group } from '../bench-data';
import { ConversationClient } from '../../protocol/client/conversation-client';
import type { SocketLike } from '../../protocol/client/reconnecting-socket';
import { inParallel, sleep } from './limit';
import { autoAcceptingAgent, post, wsUrl } from './parley-client';

export type SoakTask =
  | { step: 'setup'; base: string; groups: Group[] }
  | { step: 'run'; durationMs: number; dropEveryMs: number; dropShare: number };

export interface SoakResult {
  conversations: number;
  sent: number;
  /** Sockets the soak cut (each client then reconnects by itself). */
  dropped: number;
  /** Welcomes after a client's first: the reconnects that came back. */
  reconnects: number;
  lost: number;
  duplicated: number;
  reordered: number;
  /** Still unacknowledged by the server when the soak stopped waiting. */
  unacked: number;
  /** Send to the other side's client holding the message, in ms. */
  latencies: number[];
}

type Role = 'visitor' | 'agent';

interface Side {
  role: Role;
  client: ConversationClient;
  /** The socket the client is on now, so the soak can cut it. */
  socket: { current?: WebSocket };
  /** Texts this side sent, in order. */
  sent: string[];
  welcomes: number;
}

interface Conversation {
  index: number;
  visitor: Side;
  agent: Side;
}

const sentAt = new Map<string, number>();
const latencies: number[] = [];
let conversations: Conversation[] = [];

/**
 * A `ws` socket as the client expects one, with our Origin and cookie. `ws` has the browser's
 * `addEventListener` shape at runtime; its types describe their own event classes, hence the cast.
 */
function socketClass(origin: string, cookie: string | undefined, holder: { current?: WebSocket }) {
  return class extends WebSocket {
    constructor(url: string) {
      super(url, { origin, headers: cookie ? { Cookie: cookie } : {}, perMessageDeflate: false });
      holder.current = this;
    }
  } as unknown as new (url: string) => SocketLike;
}

function side(role: Role, url: string, origin: string, cookie?: string): Side {
  const socket: { current?: WebSocket } = {};
  const client = new ConversationClient({ url: () => url, WebSocketImpl: socketClass(origin, cookie, socket), network: null });
  const s: Side = { role, client, socket, sent: [], welcomes: 0 };
  let lastSeq = 0;
  let connection = client.current.connection;
  client.subscribe((state) => {
    if (state.connection === 'open' && connection !== 'open') s.welcomes++;
    connection = state.connection;
    // New arrivals are at the end (the list is in seq order and replays only bring what follows).
    for (let i = state.messages.length - 1; i >= 0 && state.messages[i]!.seq > lastSeq; i--) {
      const at = sentAt.get(state.messages[i]!.text);
      if (at !== undefined && state.messages[i]!.author.role !== role) {
        latencies.push(performance.now() - at);
        sentAt.delete(state.messages[i]!.text);
      }
    }
    lastSeq = state.messages.at(-1)?.seq ?? lastSeq;
  });
  return s;
}

/** Resolves once the client has been welcomed (subscribing hears the current state at once). */
const opened = (s: Side) =>
  new Promise<void>((resolve) => {
    let done = false;
    const stop = s.client.subscribe((state) => {
      if (done || state.connection !== 'open') return;
      done = true;
      queueMicrotask(() => stop());
      resolve();
    });
  });

function say(s: Side, text: string): void {
  s.sent.push(text);
  sentAt.set(text, performance.now());
  s.client.send(text);
}

async function setup(base: string, groups: Group[]): Promise<Conversation[]> {
  let index = 0;
  const perGroup = await Promise.all(
    groups.map(async (group) => {
      const accepted = new Map<string, () => void>();
      const agent = await autoAcceptingAgent(base, group, { onAccepted: (id) => accepted.get(id)?.() });
      return inParallel(group.conversations, 8, async () => {
        const i = index++;
        const { data: session } = await post<{ token: string }>(base, '/api/visitor/session', { siteId: 'demo-shop' });
        const { data } = await post<{ conversation: { id: string } }>(base, '/api/visitor/conversation', { answers: { bench: group.name } }, { Authorization: `Bearer ${session.token}` });
        const id = data.conversation.id;
        const visitor = side('visitor', wsUrl(base, `/ws/visitor/conversations/${id}?token=${session.token}`), base);
        await opened(visitor);
        const taken = new Promise<void>((resolve) => accepted.set(id, resolve));
        say(visitor, `s:${i}:visitor:0`);
        await taken;
        const agentSide = side('agent', wsUrl(base, `/ws/agent/conversations/${id}`), base, agent.cookie);
        await opened(agentSide);
        return { index: i, visitor, agent: agentSide };
      });
    }),
  );
  return perGroup.flat();
}

/** What `reader` holds of what `writer` sent: lost, shown twice, or out of the order it was sent in. */
function check(writer: Side, reader: Side) {
  const order = new Map(writer.sent.map((text, i) => [text, i]));
  const seen = new Map<string, number>();
  let reordered = 0;
  let highest = -1;
  for (const m of reader.client.current.messages) {
    const i = order.get(m.text);
    if (i === undefined) continue;
    seen.set(m.text, (seen.get(m.text) ?? 0) + 1);
    if (i < highest) reordered++;
    highest = Math.max(highest, i);
  }
  const lost = writer.sent.filter((t) => !seen.has(t)).length;
  const duplicated = [...seen.values()].reduce((n, times) => n + times - 1, 0);
  return { lost, duplicated, reordered };
}

async function run(durationMs: number, dropEveryMs: number, dropShare: number): Promise<SoakResult> {
  // Only messages sent from here on are timed: the first ones waited for an agent to take the chat.
  sentAt.clear();
  latencies.length = 0;
  const timers: NodeJS.Timeout[] = [];
  const sides = conversations.flatMap((c) => [c.visitor, c.agent]);
  let sent = 0;
  for (const c of conversations) {
    let n = 1;
    const tick = () => {
      const from = n % 2 === 0 ? c.visitor : c.agent;
      say(from, `s:${c.index}:${from.role}:${n++}`);
      sent++;
    };
    // Spread over the second, so the load is steady rather than a burst every second.
    timers.push(setTimeout(() => (tick(), timers.push(setInterval(tick, 1000))), Math.random() * 1000));
  }
  let dropped = 0;
  const cut = setInterval(() => {
    for (const s of sides) {
      if (Math.random() >= dropShare || s.socket.current?.readyState !== WebSocket.OPEN) continue;
      s.socket.current.terminate();
      dropped++;
    }
  }, dropEveryMs);
  await sleep(durationMs);
  clearInterval(cut);
  for (const t of timers) clearInterval(t);
  // Cut sockets come back after their backoff; what they missed arrives with the replay.
  for (let waited = 0; (sentAt.size > 0 || sides.some((s) => s.client.current.pending.length > 0)) && waited < 30_000; waited += 250) await sleep(250);
  const checks = conversations.flatMap((c) => [check(c.visitor, c.agent), check(c.agent, c.visitor)]);
  const total = (key: 'lost' | 'duplicated' | 'reordered') => checks.reduce((n, c) => n + c[key], 0);
  return {
    conversations: conversations.length,
    sent: sent + conversations.length,
    dropped,
    reconnects: sides.reduce((n, s) => n + Math.max(0, s.welcomes - 1), 0),
    lost: total('lost'),
    duplicated: total('duplicated'),
    reordered: total('reordered'),
    unacked: sides.reduce((n, s) => n + s.client.current.pending.length, 0),
    latencies,
  };
}

process.on('message', async (task: SoakTask) => {
  if (task.step === 'setup') {
    conversations = await setup(task.base, task.groups);
    return process.send!({ conversations: conversations.length });
  }
  // The results go first: the parent stops counting CPU when they arrive, before the sockets close.
  process.send!(await run(task.durationMs, task.dropEveryMs, task.dropShare), () => {
    for (const c of conversations) for (const s of [c.visitor, c.agent]) s.client.close();
    process.exit(0);
  });
});
