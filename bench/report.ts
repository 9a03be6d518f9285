/**
 * Writes the results: bench/results/latest.json, the figures in docs/benchmarks.md (between its
 * markers, so the hand-written method and analysis around them stay), and the latency chart.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { FileSize } from './sizes';
import type { SearchTimes } from './history';
import type { Percentiles } from './stats';

export interface LatencyLevel {
  conversations: number;
  setupMs: number;
  parley: { visitorToAgent: Percentiles; agentToVisitor: Percentiles; sent: number; lost: number };
  relay: { visitorToAgent: Percentiles; agentToVisitor: Percentiles; sent: number; lost: number };
}

export interface Results {
  mode: 'quick' | 'full';
  date: string;
  machine: Record<string, string>;
  latency: LatencyLevel[];
  routing: { steps: Array<{ rate: number; chats: number; unrouted: number; times: Percentiles }>; maxRateUnder100ms: number | null };
  capacity: { requested: number; opened: number; refused: number; answeredAfterIdle: number; rssBeforeMb: number; rssOpenMb: number; rssIdleMb: number; bytesPerSocket: number };
  history: SearchTimes[];
  widget: FileSize[];
}

const START = '<!-- bench:results:start -->';
const END = '<!-- bench:results:end -->';
const ms = (n: number) => (n < 10 ? n.toFixed(2) : n.toFixed(1));
/** A percentile, or a dash when nothing was measured. */
const pct = (p: Percentiles, key: 'p50' | 'p90' | 'p99' | 'max') => (p.count === 0 ? '–' : ms(p[key]));
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const ratio = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(1)}×` : '–');
const row = (cells: Array<string | number>) => `| ${cells.join(' | ')} |`;

function figures(r: Results): string {
  const lines: string[] = [];
  lines.push(`Mode **${r.mode}**, run ${r.date} on ${r.machine.cpu} (${r.machine.cores} cores, ${r.machine.memory}), ${r.machine.os}, Node ${r.machine.node}, wrangler ${r.machine.wrangler}.`, '');
  lines.push('### Delivery latency (ms) against the bare relay', '');
  lines.push(row(['conversations', 'direction', 'Parley p50', 'p90', 'p99', 'max', 'relay p50', 'p90', 'p99', 'max', 'ratio p50', 'ratio p99', 'not arrived 30 s after the end (Parley / relay)']));
  lines.push(row(Array(13).fill('---')));
  for (const level of r.latency) {
    for (const [label, key] of [['visitor → agent', 'visitorToAgent'], ['agent → visitor', 'agentToVisitor']] as const) {
      const p = level.parley[key];
      const b = level.relay[key];
      lines.push(row([level.conversations, label, pct(p, 'p50'), pct(p, 'p90'), pct(p, 'p99'), pct(p, 'max'), pct(b, 'p50'), pct(b, 'p90'), pct(b, 'p99'), pct(b, 'max'), ratio(p.p50, b.p50), ratio(p.p99, b.p99), `${level.parley.lost} / ${level.relay.lost}`]));
    }
  }
  lines.push('', `Setting up the conversations through Parley's real flow (visitor session, chat, first message, offer, accept, agent socket) took ${r.latency.map((l) => `${(l.setupMs / 1000).toFixed(1)} s for ${l.conversations}`).join(', ')}.`, '');
  lines.push('![Delivery latency against concurrent conversations](benchmarks-latency.svg)', '');

  lines.push('### Routing: first message to offer (ms)', '');
  lines.push(row(['chats started / s', 'chats', 'p50', 'p99', 'max', 'not offered in time']));
  lines.push(row(Array(6).fill('---')));
  for (const s of r.routing.steps) lines.push(row([s.rate, s.chats, pct(s.times, 'p50'), pct(s.times, 'p99'), pct(s.times, 'max'), s.unrouted]));
  lines.push('', `Highest rate tried with p99 under 100 ms: **${r.routing.maxRateUnder100ms ?? 'none'}${r.routing.maxRateUnder100ms ? ' chats/s' : ''}**.`, '');

  const c = r.capacity;
  lines.push('### Capacity: idle visitor sockets on one Conversation DO', '');
  lines.push(row(['sockets asked for', 'opened', 'refused', 'answered a ping after idling', 'workerd RSS before', 'with sockets open', 'after idling', 'per idle socket']));
  lines.push(row(Array(8).fill('---')));
  lines.push(row([c.requested, c.opened, c.refused, c.answeredAfterIdle, `${c.rssBeforeMb.toFixed(0)} MB`, `${c.rssOpenMb.toFixed(0)} MB`, `${c.rssIdleMb.toFixed(0)} MB`, `${(c.bytesPerSocket / 1024).toFixed(1)} KB`]));
  lines.push('');

  lines.push('### History: full-text search through the API (ms)', '');
  lines.push(row(['messages', 'query', 'matching share', 'hits returned', 'p50', 'p99', 'request floor p50']));
  lines.push(row(Array(7).fill('---')));
  for (const h of r.history) for (const q of h.queries) lines.push(row([h.messages.toLocaleString('en'), `\`${q.q}\``, q.share, q.hits, ms(q.times.p50), ms(q.times.p99), ms(h.floor.p50)]));
  lines.push('', 'The request floor is an authenticated request that does no search (`GET /api/auth/me`).', '');

  lines.push('### Widget size', '');
  lines.push(row(['file', 'raw', 'gzip', 'brotli']));
  lines.push(row(Array(4).fill('---')));
  for (const f of r.widget) lines.push(row([`\`${f.file}\``, kb(f.raw), kb(f.gzip), kb(f.brotli)]));
  const total = r.widget.reduce((t, f) => ({ gzip: t.gzip + f.gzip, brotli: t.brotli + f.brotli }), { gzip: 0, brotli: 0 });
  lines.push(row(['**whole widget, open**', '', `**${kb(total.gzip)}**`, `**${kb(total.brotli)}**`]));
  return lines.join('\n');
}

/** p50 and p99 of both systems against load, as an SVG line chart. */
function chart(r: Results): string {
  const W = 640, H = 360, left = 60, right = 170, top = 30, bottom = 50;
  const series = [
    { name: 'Parley p99', color: '#b42318', values: r.latency.map((l) => l.parley.visitorToAgent.p99), dash: '' },
    { name: 'Parley p50', color: '#1f5fd6', values: r.latency.map((l) => l.parley.visitorToAgent.p50), dash: '' },
    { name: 'relay p99', color: '#b42318', values: r.latency.map((l) => l.relay.visitorToAgent.p99), dash: '6 4' },
    { name: 'relay p50', color: '#1f5fd6', values: r.latency.map((l) => l.relay.visitorToAgent.p50), dash: '6 4' },
  ];
  // Log scale: the relay's sub-millisecond times and an overloaded run's seconds on one chart.
  const values = series.flatMap((s) => s.values).filter((v) => v > 0);
  const low = Math.floor(Math.log10(Math.min(...values, 1)));
  const high = Math.ceil(Math.log10(Math.max(...values, 10)));
  const x = (i: number) => left + (r.latency.length === 1 ? 0 : (i * (W - left - right)) / (r.latency.length - 1));
  const y = (v: number) => top + (H - top - bottom) * (1 - (Math.log10(Math.max(v, 10 ** low)) - low) / (high - low));
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="#fff"/>`,
    `<text x="${left}" y="18" font-size="14" font-weight="bold">Visitor → agent latency, ms (log scale)</text>`,
    `<line x1="${left}" y1="${H - bottom}" x2="${W - right}" y2="${H - bottom}" stroke="#333"/>`,
    `<line x1="${left}" y1="${top}" x2="${left}" y2="${H - bottom}" stroke="#333"/>`,
  ];
  for (let decade = low; decade <= high; decade++) {
    const v = 10 ** decade;
    parts.push(`<text x="${left - 6}" y="${y(v) + 4}" text-anchor="end">${v >= 1 ? v : v.toFixed(-decade)}</text>`, `<line x1="${left}" y1="${y(v)}" x2="${W - right}" y2="${y(v)}" stroke="#eee"/>`);
  }
  r.latency.forEach((l, i) => parts.push(`<text x="${x(i)}" y="${H - bottom + 18}" text-anchor="middle">${l.conversations}</text>`));
  parts.push(`<text x="${(left + W - right) / 2}" y="${H - 12}" text-anchor="middle">concurrent conversations (one message a second each)</text>`);
  series.forEach((s, k) => {
    const points = s.values.map((v, i) => `${x(i)},${y(v)}`).join(' ');
    parts.push(`<polyline points="${points}" fill="none" stroke="${s.color}" stroke-width="2" stroke-dasharray="${s.dash}"/>`);
    s.values.forEach((v, i) => parts.push(`<circle cx="${x(i)}" cy="${y(v)}" r="3" fill="${s.color}"/>`));
    const ly = top + 10 + k * 20;
    parts.push(`<line x1="${W - right + 15}" y1="${ly}" x2="${W - right + 45}" y2="${ly}" stroke="${s.color}" stroke-width="2" stroke-dasharray="${s.dash}"/>`, `<text x="${W - right + 52}" y="${ly + 4}">${s.name}</text>`);
  });
  parts.push('</svg>');
  return parts.join('\n');
}

export function writeReport(root: string, results: Results): string {
  mkdirSync(`${root}bench/results`, { recursive: true });
  writeFileSync(`${root}bench/results/latest.json`, JSON.stringify(results, null, 2) + '\n');
  writeFileSync(`${root}docs/benchmarks-latency.svg`, chart(results) + '\n');
  const doc = `${root}docs/benchmarks.md`;
  const text = existsSync(doc) ? readFileSync(doc, 'utf8') : `# Benchmarks\n\n${START}\n${END}\n`;
  const [before, rest] = text.split(START);
  const after = rest?.split(END)[1] ?? '\n';
  const body = figures(results);
  writeFileSync(doc, `${before}${START}\n${body}\n${END}${after}`);
  return body;
}
