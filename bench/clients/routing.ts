/**
 * A load process for routing: agents who accept every offer (and close the chat, so they never
 * fill up), and visitors starting chats at a set rate. Measures, per chat, the time from the
 * visitor's first message (which puts the chat in the queue) to the offer reaching an agent.
 * Each chat is a whole lifecycle (session, chat, socket, first message, offer, accept, close), so
 * the parent, asking for one rate at a time, reads the CPU of a chat start around each step.
 */
import { ROUTING_GROUP, routerEmails } from '../bench-data';
import { inParallel, sleep } from './limit';
import { autoAcceptingAgent, sendText, startVisitor } from './parley-client';

export type RoutingTask = { step: 'agents'; base: string; routers: number } | { step: 'rate'; rate: number; seconds: number };

export interface RoutingStep {
  rate: number;
  latencies: number[];
  unrouted: number;
}

/** How long a visitor stays after the first message: long enough for accept and close to finish. */
const STAY_MS = 2000;

let base = '';
const startedAt = new Map<string, number>();
const offeredAt = new Map<string, number>();
const closed = new Set<string>();

async function step(rate: number, seconds: number): Promise<RoutingStep> {
  const ids: string[] = [];
  const launches: Promise<void>[] = [];
  const total = Math.round(rate * seconds);
  for (let i = 0; i < total; i++) {
    launches.push(
      (async () => {
        const visitor = await startVisitor(base, { name: ROUTING_GROUP });
        ids.push(visitor.id);
        startedAt.set(visitor.id, performance.now());
        sendText(visitor.socket, 'I would like to talk to someone');
        await sleep(STAY_MS);
        visitor.socket.terminate();
      })(),
    );
    await sleep(1000 / rate);
  }
  await Promise.all(launches);
  // The last chats' accept and close may still be on their way: give them the same time again.
  for (let waited = 0; waited < STAY_MS && ids.some((id) => offeredAt.has(id) && !closed.has(id)); waited += 100) await sleep(100);
  const latencies = ids.filter((id) => offeredAt.has(id)).map((id) => offeredAt.get(id)! - startedAt.get(id)!);
  return { rate, latencies, unrouted: ids.length - latencies.length };
}

process.on('message', async (task: RoutingTask) => {
  if (task.step === 'agents') {
    base = task.base;
    await inParallel(task.routers, task.routers, (i) =>
      autoAcceptingAgent(base, { agentEmail: routerEmails(task.routers)[i]! }, {
        onOffer: (id) => offeredAt.has(id) || offeredAt.set(id, performance.now()),
        onClosed: (id) => closed.add(id),
        closeAfterAccept: true,
      }),
    );
    return process.send!({ ready: true });
  }
  process.send!(await step(task.rate, task.seconds));
});
