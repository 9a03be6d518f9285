/**
 * A load process for routing: agents who accept every offer (and close the chat, so they never
 * fill up), and visitors starting chats at a set rate. Measures, per chat, the time from the
 * visitor's first message (which puts the chat in the queue) to the offer reaching an agent.
 */
import { ROUTING_GROUP, routerEmails } from '../bench-data';
import { inParallel, sleep } from './limit';
import { autoAcceptingAgent, sendText, startVisitor } from './parley-client';

export interface RoutingTask {
  base: string;
  routers: number;
  rates: number[];
  secondsPerRate: number;
}

export interface RoutingStep {
  rate: number;
  latencies: number[];
  unrouted: number;
}

process.on('message', async (task: RoutingTask) => {
  const startedAt = new Map<string, number>();
  const offeredAt = new Map<string, number>();
  const group = { name: ROUTING_GROUP, conversations: 0 };
  await inParallel(task.routers, task.routers, (i) =>
    autoAcceptingAgent(task.base, { ...group, agentEmail: routerEmails(task.routers)[i]! }, {
      onOffer: (id) => offeredAt.has(id) || offeredAt.set(id, performance.now()),
      closeAfterAccept: true,
    }),
  );

  const steps: RoutingStep[] = [];
  for (const rate of task.rates) {
    const ids: string[] = [];
    const launches: Promise<void>[] = [];
    const total = Math.round(rate * task.secondsPerRate);
    for (let i = 0; i < total; i++) {
      launches.push(
        (async () => {
          const visitor = await startVisitor(task.base, { ...group, agentEmail: '' });
          ids.push(visitor.id);
          startedAt.set(visitor.id, performance.now());
          sendText(visitor.socket, 'I would like to talk to someone');
          await sleep(2000);
          visitor.socket.terminate();
        })(),
      );
      await sleep(1000 / rate);
    }
    await Promise.all(launches);
    const latencies = ids.filter((id) => offeredAt.has(id)).map((id) => offeredAt.get(id)! - startedAt.get(id)!);
    steps.push({ rate, latencies, unrouted: ids.length - latencies.length });
    // Past the point where most chats wait unrouted, higher rates only pile onto the backlog.
    if (latencies.length < ids.length / 2) break;
  }
  process.send!(steps, () => process.exit(0));
});
