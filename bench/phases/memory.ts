/**
 * Memory per idle socket: a fresh server process, sockets opened in steps, resident memory of the
 * server and of the load generator read after each step has idled. The cost of one socket is the
 * slope between two steps, so what a process holds before its first socket does not count.
 */
import type { IdleTask } from '../clients/idle-sockets';
import { sleep } from '../clients/limit';
import { LoadProcess } from '../load-process';
import { rssBytes } from '../processes';
import type { MemoryRun, MemoryStep, Target } from '../results';

export interface FreshServer {
  base: string;
  processes: Record<string, number>;
  stop(): Promise<void>;
}

export async function measureMemory(options: {
  target: Target;
  label: string;
  start: () => Promise<FreshServer>;
  steps: number[];
  idleMs: number;
  compress: boolean;
}): Promise<MemoryRun> {
  const server = await options.start();
  const client = new LoadProcess('clients/idle-sockets.ts');
  try {
    const processes = { ...server.processes, 'load generator': client.pid };
    const read = (of: Record<string, number>) => Object.fromEntries(Object.entries(of).map(([name, pid]) => [name, rssBytes(pid)]));
    // Before any socket, the server's own size (the load generator is still starting up).
    const steps: MemoryStep[] = [{ sockets: 0, rss: read(server.processes) }];
    let refused = 0;
    for (const total of options.steps) {
      const task: IdleTask = { step: 'open', target: options.target === 'relay' ? 'relay' : 'parley', base: server.base, total, compress: options.compress };
      const opened = await client.ask<{ opened: number; refused: number }>(task);
      refused = opened.refused;
      await sleep(options.idleMs);
      steps.push({ sockets: opened.opened, rss: read(processes) });
    }
    const { answered } = await client.ask<{ answered: number }>({ step: 'check' } satisfies IdleTask);
    return { target: options.target, label: options.label, steps, refused, answeredAfterIdle: answered };
  } finally {
    await client.stop();
    await server.stop();
  }
}
