/**
 * Chat starts at rising rates: first message to offer, and the CPU of a whole chat (start,
 * first message, offer, accept, close) at each rate, until most chats wait unrouted.
 */
import type { RoutingStep, RoutingTask } from '../clients/routing';
import { LoadProcess } from '../load-process';
import { quietCpu, withCpu } from '../processes';
import type { CpuPhase, RoutingStepResult, Target } from '../results';
import { percentiles } from '../stats';

export async function route(options: {
  target: Target;
  base: string;
  server: Record<string, number>;
  routers: number;
  rates: number[];
  secondsPerRate: number;
}): Promise<{ steps: RoutingStepResult[]; maxRateUnder100ms: number | null; cpu: CpuPhase[] }> {
  const client = new LoadProcess('clients/routing.ts');
  const steps: RoutingStepResult[] = [];
  const cpu: CpuPhase[] = [];
  try {
    await client.ask({ step: 'agents', base: options.base, routers: options.routers } satisfies RoutingTask);
    const processes = { ...options.server, 'load generator': client.pid };
    for (const rate of options.rates) {
      await quietCpu(options.server);
      const [step, cpuMs] = await withCpu(processes, () => client.ask<RoutingStep>({ step: 'rate', rate, seconds: options.secondsPerRate } satisfies RoutingTask));
      const chats = step.latencies.length + step.unrouted;
      steps.push({ rate, chats, unrouted: step.unrouted, times: percentiles(step.latencies) });
      cpu.push({ target: options.target, operation: `chat start at ${rate}/s`, operations: chats, cpuMs });
      // Past the point where most chats wait unrouted, higher rates only pile onto the backlog.
      if (step.latencies.length < chats / 2) break;
    }
  } finally {
    await client.stop();
  }
  const underLimit = steps.filter((s) => s.times.p99 <= 100 && s.unrouted === 0).map((s) => s.rate);
  return { steps, maxRateUnder100ms: underLimit.length ? Math.max(...underLimit) : null, cpu };
}
