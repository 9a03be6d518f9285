/**
 * The goals issue #21 sets for the local stack, each beside what this run measured. Whether a goal
 * is met is read off the figures; why one is missed is for the hand-written analysis below them.
 */
import type { Results } from './results';
import { int, kb, ms, table } from './report-format';
import { serverCpuPerOp } from './report-speed';

type Goal = [goal: string, measured: string, met: boolean | null];

const verdict = (met: boolean | null) => (met === null ? 'not measured in this run' : met ? 'met' : '**missed**');

export function goalsSection(r: Results): string {
  const ping = r.floors.find((f) => f.target === 'miniflare' && f.path === 'ping')?.times;
  const at100 = r.latency.find((l) => l.conversations === 100)?.parley.visitorToAgent;
  const at1000 = r.latency.find((l) => l.conversations === 1000)?.parley;
  const message = r.cpu.find((c) => c.target === 'miniflare' && c.operation === 'message at 100 conversations');
  const chat = r.cpu.find((c) => c.target === 'miniflare' && c.operation.startsWith('chat start at'));
  const routed = r.routing.find((x) => x.target === 'miniflare');
  const at10 = routed?.steps.find((s) => s.rate === 10);
  const parleyMemory = r.memory.find((m) => m.target === 'miniflare' && !m.label.includes('deflate'));
  const perSocket = parleyMemory ? (parleyMemory.steps.at(-1)!.rss.workerd! - parleyMemory.steps.at(-2)!.rss.workerd!) / (parleyMemory.steps.at(-1)!.sockets - parleyMemory.steps.at(-2)!.sockets) : NaN;
  const s = r.soak;
  const goals: Goal[] = [
    ['delivery at 100 conversations: p50 within 2× the ping floor', at100 && ping ? `${ms(at100.p50)} ms, ${(at100.p50 / ping.p50).toFixed(1)}× the floor (${ms(ping.p50)} ms)` : '–', at100 && ping ? at100.p50 <= 2 * ping.p50 : null],
    ['… and p99 within 4×', at100 && ping ? `${ms(at100.p99)} ms, ${(at100.p99 / ping.p50).toFixed(1)}×` : '–', at100 && ping ? at100.p99 <= 4 * ping.p50 : null],
    ['CPU per message ≤ 1 ms (Miniflare)', message ? `${ms(serverCpuPerOp(message))} ms` : '–', message ? serverCpuPerOp(message) <= 1 : null],
    ['CPU per chat start ≤ 20 ms (Miniflare)', chat ? `${ms(serverCpuPerOp(chat))} ms` : '–', chat ? serverCpuPerOp(chat) <= 20 : null],
    ['chat start → offer p99 under 20 ms at 10 starts a second', at10 ? `${ms(at10.times.p99)} ms` : '–', at10 ? at10.times.p99 < 20 && at10.unrouted === 0 : null],
    ['at least 100 starts a second before p99 passes 100 ms', routed ? `${routed.maxRateUnder100ms ?? 'no'} a second` : '–', routed ? (routed.maxRateUnder100ms ?? 0) >= 100 : null],
    ['1,000 conversations set up in under 20 s', at1000 ? `${(at1000.setupMs / 1000).toFixed(1)} s` : '–', at1000 ? at1000.setupMs < 20_000 : null],
    ['idle socket ≤ 20 KB locally', Number.isFinite(perSocket) ? `${kb(perSocket)} (workerd)` : '–', Number.isFinite(perSocket) ? perSocket <= 20 * 1024 : null],
    [
      'soak: 1,000 live conversations, 10,000+ messages, 0 lost, 0 duplicated, 0 reordered',
      `${int(s.conversations)} conversations, ${int(s.sent)} messages: ${s.lost} lost, ${s.duplicated} duplicated, ${s.reordered} reordered`,
      s.lost + s.duplicated + s.reordered === 0 && s.conversations >= 1000 && s.sent >= 10_000,
    ],
  ];
  return ['### Goals (issue #21)', '', table(['goal', 'this run', ''], goals.map(([goal, measured, met]) => [goal, measured, verdict(met)]))].join('\n');
}
