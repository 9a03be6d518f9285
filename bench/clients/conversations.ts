/**
 * A load process (run by the bench in its own Node process): sets up conversations, through Parley
 * or the bare relay, then has each send one message a second, alternating visitor → agent and
 * agent → visitor, and reports every message's delivery time. Sender and receiver share this
 * process's clock, so the times are exact. It answers twice: once set up (so the parent can read
 * CPU from there), and with the results after `go`.
 */
import type WebSocket from 'ws';
import type { Group } from '../bench-data';
import { inParallel, sleep } from './limit';
import { agentSocket, autoAcceptingAgent, open, sendText, startVisitor } from './parley-client';

export interface ConversationTask {
  target: 'parley' | 'relay';
  base: string;
  groups: Group[];
  durationMs: number;
  /** Offer permessage-deflate on Parley's sockets (the relay never takes it). */
  compress?: boolean;
}

export interface ConversationResult {
  visitorToAgent: number[];
  agentToVisitor: number[];
  sent: number;
  /** Sent but never received, after waiting up to 30 s for stragglers. */
  lost: number;
  setupMs: number;
}

interface Pair {
  visitor: WebSocket;
  agent: WebSocket;
}

async function parleyPairs(base: string, groups: Group[], compress: boolean): Promise<Pair[]> {
  const perGroup = await Promise.all(
    groups.map(async (group) => {
      const accepted = new Map<string, () => void>();
      const agent = await autoAcceptingAgent(base, group, { onAccepted: (id) => accepted.get(id)?.() });
      return inParallel(group.conversations, 8, async () => {
        const visitor = await startVisitor(base, group, compress);
        const taken = new Promise<void>((resolve) => accepted.set(visitor.id, resolve));
        sendText(visitor.socket, 'Hello, I have a question');
        await taken;
        return { visitor: visitor.socket, agent: await agentSocket(base, agent.cookie, visitor.id, compress) };
      });
    }),
  );
  return perGroup.flat();
}

async function relayPairs(base: string, count: number): Promise<Pair[]> {
  const url = base.replace(/^http/, 'ws');
  return inParallel(count, 16, async (i) => ({
    visitor: await open(`${url}/room-${i}`, base),
    agent: await open(`${url}/room-${i}`, base),
  }));
}

async function measure(pairs: Pair[], relay: boolean, durationMs: number): Promise<Omit<ConversationResult, 'setupMs'>> {
  const sentAt = new Map<string, number>();
  const result = { visitorToAgent: [] as number[], agentToVisitor: [] as number[], sent: 0, lost: 0 };
  const timers: NodeJS.Timeout[] = [];
  pairs.forEach((pair, i) => {
    const receive = (samples: number[]) => (data: WebSocket.RawData) => {
      const raw = String(data);
      if (raw === 'pong') return;
      const frame = JSON.parse(raw) as { type: string; message?: { text: string } };
      const text = frame.type === 'message' ? frame.message?.text : undefined;
      const at = text ? sentAt.get(text) : undefined;
      if (at === undefined) return;
      sentAt.delete(text!);
      samples.push(performance.now() - at);
    };
    pair.agent.on('message', receive(result.visitorToAgent));
    pair.visitor.on('message', receive(result.agentToVisitor));
    let n = 0;
    const tick = () => {
      const from = n % 2 === 0 ? pair.visitor : pair.agent;
      const text = `b:${i}:${n++}`;
      sentAt.set(text, performance.now());
      result.sent++;
      if (relay) from.send(JSON.stringify({ type: 'message', message: { text } }));
      else sendText(from, text);
    };
    // Spread over the second, so the load is steady rather than a burst every second.
    timers.push(
      setTimeout(() => {
        tick();
        timers.push(setInterval(tick, 1000));
      }, Math.random() * 1000),
    );
  });
  await sleep(durationMs);
  for (const t of timers) clearInterval(t);
  // Under overload messages queue up rather than vanish: wait for them, and call lost only what
  // has still not arrived after that.
  for (let waited = 0; sentAt.size > 0 && waited < 30_000; waited += 250) await sleep(250);
  result.lost = sentAt.size;
  return result;
}

let task: ConversationTask | undefined;
let pairs: Pair[] = [];
let setupMs = 0;

process.on('message', async (message: ConversationTask | 'go') => {
  if (message !== 'go') {
    const started = performance.now();
    const count = message.groups.reduce((n, g) => n + g.conversations, 0);
    pairs = message.target === 'parley' ? await parleyPairs(message.base, message.groups, message.compress ?? false) : await relayPairs(message.base, count);
    setupMs = performance.now() - started;
    task = message;
    return process.send!({ setupMs });
  }
  const measured = await measure(pairs, task!.target === 'relay', task!.durationMs);
  // The results go first: the parent stops counting CPU when they arrive, before the sockets close.
  process.send!({ ...measured, setupMs } satisfies ConversationResult, () => {
    for (const { visitor, agent } of pairs) {
      visitor.terminate();
      agent.terminate();
    }
    process.exit(0);
  });
});
