/**
 * The soak: live conversations on Parley's own client, messaging once a second under socket
 * drops, then every message checked (see bench/clients/soak.ts). Two load processes once there is
 * more than one group.
 */
import type { Group } from '../bench-data';
import type { SoakResult, SoakTask } from '../clients/soak';
import { LoadProcess } from '../load-process';
import { quietCpu, withCpu } from '../processes';
import type { SoakRun } from '../results';
import { percentiles } from '../stats';

/** A share of every socket is cut this often; each client comes back by itself. */
export const DROPS = { everyMs: 5_000, share: 0.03 };

export async function soak(base: string, server: Record<string, number>, groups: Group[], seconds: number, sizedBy: string): Promise<SoakRun> {
  const halves = groups.length > 1 ? [groups.filter((_, i) => i % 2 === 0), groups.filter((_, i) => i % 2 === 1)] : [groups];
  const clients = halves.map(() => new LoadProcess('clients/soak.ts'));
  try {
    const setupStarted = performance.now();
    await Promise.all(clients.map((c, i) => c.ask({ step: 'setup', base, groups: halves[i]! } satisfies SoakTask)));
    const setupS = (performance.now() - setupStarted) / 1000;
    const processes = { ...server, ...Object.fromEntries(clients.map((c, i) => [`load generator ${i + 1}`, c.pid])) };
    const run: SoakTask = { step: 'run', durationMs: seconds * 1000, dropEveryMs: DROPS.everyMs, dropShare: DROPS.share };
    await quietCpu(server);
    const [parts, cpuMs] = await withCpu(processes, () => Promise.all(clients.map((c) => c.ask<SoakResult>(run))));
    const sum = (key: 'conversations' | 'sent' | 'dropped' | 'reconnects' | 'lost' | 'duplicated' | 'reordered' | 'unacked') => parts.reduce((n, p) => n + p[key], 0);
    return {
      conversations: sum('conversations'),
      sizedBy,
      durationS: seconds,
      setupS,
      sent: sum('sent'),
      dropped: sum('dropped'),
      reconnects: sum('reconnects'),
      lost: sum('lost'),
      duplicated: sum('duplicated'),
      reordered: sum('reordered'),
      unacked: sum('unacked'),
      latency: percentiles(parts.flatMap((p) => p.latencies)),
      cpuMs,
    };
  } finally {
    await Promise.all(clients.map((c) => c.stop()));
  }
}
