/**
 * Floors: each path's least cost, one operation at a time and nothing else running, with the CPU
 * it took each process. Messages and chat starts are read against these.
 */
import { LoadProcess } from '../load-process';
import type { Plan } from '../plan';
import { quietCpu, withCpu } from '../processes';
import type { CpuPhase, Floor, Target } from '../results';
import { percentiles } from '../stats';

const PARLEY_PATHS: Array<[path: string, what: string]> = [
  ['/api/nope', 'HTTP 404 from the Worker (router only)'],
  ['/api/visitor/sites/demo-shop/status', "widget status (a page view's one request)"],
  ['/widget.js', 'static asset (served without the Worker)'],
];
// The relay's HTTP server answers anything but an upgrade with 426: its trivial request.
const RELAY_PATHS: Array<[path: string, what: string]> = [['/', 'HTTP request (answered 426)']];

export async function measureFloors(target: Target, base: string, server: Record<string, number>, plan: Plan): Promise<{ floors: Floor[]; cpu: CpuPhase[] }> {
  const client = new LoadProcess('clients/floors.ts');
  const floors: Floor[] = [];
  const cpu: CpuPhase[] = [];
  try {
    await client.ask({ step: 'open', target: target === 'relay' ? 'relay' : 'parley', base });
    const processes = { ...server, 'load generator': client.pid };
    await quietCpu(server);
    const [pings, pingCpu] = await withCpu(processes, () => client.ask<number[]>({ step: 'ping', count: plan.pings }));
    floors.push({ target, path: 'ping', what: 'ping → pong on an open socket', times: percentiles(pings) });
    cpu.push({ target, operation: 'ping round trip', operations: pings.length, cpuMs: pingCpu });
    for (const [path, what] of target === 'relay' ? RELAY_PATHS : PARLEY_PATHS) {
      await quietCpu(server);
      const [times, requestCpu] = await withCpu(processes, () => client.ask<number[]>({ step: 'http', path, count: plan.requests }));
      floors.push({ target, path, what, times: percentiles(times) });
      cpu.push({ target, operation: what, operations: times.length, cpuMs: requestCpu });
    }
  } finally {
    await client.stop();
  }
  return { floors, cpu };
}
