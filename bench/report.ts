/**
 * Writes the results: bench/results/latest.json, the figures in docs/benchmarks.md (between its
 * markers, so the hand-written method and analysis around them stay), and the latency chart.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { chart } from './report-chart';
import { goalsSection } from './report-goals';
import { kb, ms, table } from './report-format';
import { cpuSection, deliverySection, floorsSection, memorySection, ratiosSection, routingSection, soakSection } from './report-speed';
import { costSection, countsSection } from './report-work';
import type { Results } from './results';

const START = '<!-- bench:results:start -->';
const END = '<!-- bench:results:end -->';

function header(r: Results): string {
  const m = r.machine;
  return [
    `Mode **${r.mode}**, run ${r.date} on ${m.cpu} (${m.cores} cores, ${m.memory}), ${m.os}, Node ${m.node}, wrangler ${m.wrangler}, miniflare ${m.miniflare}, ${m.workerd}.`,
    `The machine is shared: load averages (1, 5, 15 min) were ${r.load.start} at the start and ${r.load.end} at the end, so other work ran beside the bench.`,
    'Parley runs under **Miniflare directly** (the `miniflare` package, the Worker bundled by wrangler as for a deploy): one workerd process, no dev proxy, no local tracing, its local state (D1 and Durable Object storage) in memory (tmpfs). Rows marked *wrangler dev* run it as `npm start` does, with both; one row keeps the state on disk.',
  ].join(' ');
}

function historySection(r: Results): string {
  return [
    '### History: full-text search through the API (ms)',
    '',
    table(['messages', 'query', 'matching share', 'hits returned', 'p50', 'p99', 'request floor p50'], r.history.flatMap((h) => h.queries.map((q) => [h.messages.toLocaleString('en'), `\`${q.q}\``, q.share, q.hits, ms(q.times.p50), ms(q.times.p99), ms(h.floor.p50)]))),
    '',
    'The request floor is an authenticated request that does no search (`GET /api/auth/me`).',
  ].join('\n');
}

function reportsSection(r: Results): string {
  const rep = r.reports;
  if (!rep) return '### Reports over a year\n\nNot measured in this run.';
  return [
    `### Reports over a year: ${rep.conversations.toLocaleString('en')} conversations (ms)`,
    '',
    table(['request', 'p50', 'p99', 'request floor p50', 'request floor p99'], rep.requests.map((q) => [q.name, ms(q.times.p50), ms(q.times.p99), ms(rep.floor.p50), ms(rep.floor.p99)])),
    '',
    `Synthetic chats written straight into D1 (\`bench/reports.ts\`), rolled up into hour rows with the outbox's own SQL; each request as an admin, ${rep.floor.count} times, in Europe/Oslo. The goal is p99 under 100 ms. The floor is \`GET /api/auth/me\`.`,
  ].join('\n');
}

function widgetSection(r: Results): string {
  const total = r.widget.reduce((t, f) => ({ gzip: t.gzip + f.gzip, brotli: t.brotli + f.brotli }), { gzip: 0, brotli: 0 });
  return [
    '### Widget size',
    '',
    table(['file', 'raw', 'gzip', 'brotli'], [...r.widget.map((f) => [`\`${f.file}\``, kb(f.raw), kb(f.gzip), kb(f.brotli)]), ['**whole widget, open**', '', `**${kb(total.gzip)}**`, `**${kb(total.brotli)}**`]]),
  ].join('\n');
}

function figures(r: Results): string {
  return [header(r), goalsSection(r), floorsSection(r), ratiosSection(r), cpuSection(r), countsSection(r), costSection(r), deliverySection(r), routingSection(r), memorySection(r), soakSection(r), historySection(r), reportsSection(r), widgetSection(r)].join('\n\n');
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
