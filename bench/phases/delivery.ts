/**
 * Delivery latency at a number of live conversations, each sending a message a second, with the
 * CPU the messaging (not the setting up) cost each process. Load comes from two processes once
 * there is more than one group, so one client process is not the limit.
 */
import type { Group } from '../bench-data';
import type { ConversationResult, ConversationTask } from '../clients/conversations';
import { LoadProcess } from '../load-process';
import { quietCpu, withCpu } from '../processes';
import type { CpuPhase, Delivery, Target } from '../results';
import { percentiles } from '../stats';

export async function deliver(options: {
  target: Target;
  base: string;
  server: Record<string, number>;
  groups: Group[];
  seconds: number;
  compress?: boolean;
}): Promise<{ delivery: Delivery; cpu: CpuPhase }> {
  const { groups } = options;
  const halves = groups.length > 1 ? [groups.filter((_, i) => i % 2 === 0), groups.filter((_, i) => i % 2 === 1)] : [groups];
  const clients = halves.map(() => new LoadProcess('clients/conversations.ts'));
  try {
    await Promise.all(
      clients.map((c, i) =>
        c.ask({
          target: options.target === 'relay' ? 'relay' : 'parley',
          base: options.base,
          groups: halves[i]!,
          durationMs: options.seconds * 1000,
          compress: options.compress ?? false,
        } satisfies ConversationTask),
      ),
    );
    const processes = { ...options.server, ...Object.fromEntries(clients.map((c, i) => [`load generator ${i + 1}`, c.pid])) };
    await quietCpu(options.server);
    const [parts, cpuMs] = await withCpu(processes, () => Promise.all(clients.map((c) => c.ask<ConversationResult>('go'))));
    const all = (key: 'visitorToAgent' | 'agentToVisitor') => parts.flatMap((p) => p[key]);
    const sent = parts.reduce((n, p) => n + p.sent, 0);
    return {
      delivery: {
        visitorToAgent: percentiles(all('visitorToAgent')),
        agentToVisitor: percentiles(all('agentToVisitor')),
        sent,
        lost: parts.reduce((n, p) => n + p.lost, 0),
        setupMs: Math.max(...parts.map((p) => p.setupMs)),
      },
      cpu: { target: options.target, operation: `message at ${groups.reduce((n, g) => n + g.conversations, 0)} conversations`, operations: sent, cpuMs },
    };
  } finally {
    await Promise.all(clients.map((c) => c.stop()));
  }
}
