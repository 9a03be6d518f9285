/** The report's sections on work: the counts of one chat, and what they would cost on Cloudflare. */
import { ASSUMED_ROUND_TRIP_MS, PRICES, SCENARIO, type Usage } from './cost';
import type { Results } from './results';
import { count, int, table } from './report-format';
import { KINDS, type Totals } from './work-counts';

const HEADERS: Record<(typeof KINDS)[number], string> = {
  http: 'HTTP requests',
  doCalls: 'DO calls',
  wsIn: 'WebSocket messages in',
  alarms: 'alarms',
  d1: 'D1 round trips',
  d1Statements: 'D1 statements',
  storage: 'DO storage ops',
  rowsRead: 'DO rows read',
  rowsWritten: 'DO rows written',
};

const cells = (t: Totals) => KINDS.map((k) => count(t[k]));

export function countsSection(r: Results): string {
  const c = r.counts;
  const guard = r.countsGrown.length
    ? `**Grown past the committed baseline** (bench/results/work-counts.json):\n\n${r.countsGrown.map((g) => `- ${g}`).join('\n')}`
    : 'No count is higher than the committed baseline (bench/results/work-counts.json); `npm run bench -- --check` fails when one is.';
  return [
    '### Work counts: one chat, start to end',
    '',
    table(['step', ...KINDS.map((k) => HEADERS[k])], [
      ...c.steps.map((s) => [s.step, ...cells(s.totals)]),
      ['**the chat, start to end**', ...cells(c.lifecycle).map((v) => `**${v}**`)],
      ['**one message** (of the ten)', ...cells(c.perMessage).map((v) => `**${v}**`)],
    ]),
    '',
    guard,
    '',
    '*How:* the counting build (`bench/counting/`) is Parley\'s own Worker and Durable Objects with their bindings and storage wrapped in counters: requests into the Worker, every call on a Durable Object stub (each a billed request), WebSocket messages a Durable Object\'s handler received, alarms, D1 round trips (a batch is one) and statements, Durable Object storage calls (SQL statements, KV operations, alarm calls) and the rows SQLite reports for them. The bench walks one chat through its life on a fresh database, one step at a time, waiting after each until nothing more is counted; receivers send a `read` receipt for each message, as a client with the chat on screen does. The counts are the same every run (they are behaviour, not speed). *Limits:* heartbeat pings are not counted (the runtime answers them, unbilled); D1 rows are not counted (the local D1 does not report them for every query).',
  ].join('\n');
}

const usageRows = (perChat: Usage, perMessage: Usage): Array<Array<string | number>> => {
  const row = (label: string, key: keyof Usage, digits: number) => [label, perChat[key].toFixed(digits), perMessage[key].toFixed(digits)];
  return [
    row('Worker requests', 'workerRequests', 0),
    row('Worker CPU-ms (upper bound)', 'workerCpuMs', 1),
    row('Durable Object requests (WebSocket messages at 20:1)', 'doRequests', 2),
    row('Durable Object duration, GB-s', 'doGbSeconds', 4),
    row('Durable Object rows read', 'doRowsRead', 1),
    row('Durable Object rows written', 'doRowsWritten', 1),
    row('D1 statements', 'd1Statements', 1),
  ];
};

export function costSection(r: Results): string {
  const { perChat, perMessage, lines, totalDollars } = r.cost;
  const { workers: w, durableObjects: o, d1 } = PRICES;
  const money = (n: number) => `$${n.toFixed(2)}`;
  const billed = lines.filter((l) => l.included > 0 && l.dollars > 0).map((l) => l.item);
  return [
    `### Cost: ${int(SCENARIO.chatsPerDay)} chats a day on the Workers Paid plan`,
    '',
    table(['usage', `per chat (${SCENARIO.messagesPerChat} messages)`, 'per message'], usageRows(perChat, perMessage)),
    '',
    `A month of ${int(SCENARIO.chatsPerDay)} chats a day (${SCENARIO.days} days, ${SCENARIO.messagesPerChat} messages each):`,
    '',
    table(['item', 'per month', 'included', 'billed'], lines.map((l) => [l.item, l.item === 'Workers Paid plan' ? '' : int(l.perMonth), l.included ? int(l.included) : '', money(l.dollars)])),
    '',
    `**About ${money(totalDollars)} a month**${billed.length ? `; past what the plan includes: ${billed.join(', ')}` : ': all of it within what the plan includes'}.`,
    '',
    `*Prices used* (read ${PRICES.read}): Workers Paid, ${money(w.monthly)} a month including ${int(w.requestsIncluded)} requests (then $${w.perMillionRequests}/million) and ${int(w.cpuMsIncluded)} CPU-ms (then $${w.perMillionCpuMs}/million), static assets free (${w.source}); Durable Objects, ${int(o.requestsIncluded)} requests (then $${o.perMillionRequests}/million; incoming WebSocket messages ${o.wsMessagesPerRequest} to a request, auto-answered pings free), ${int(o.gbSecondsIncluded)} GB-s of duration (then $${o.perMillionGbSeconds}/million, billed at 128 MB while an object is active, not while it could hibernate), SQLite storage ${int(o.rowsReadIncluded)} rows read (then $${o.perMillionRowsRead}/million) and ${int(o.rowsWrittenIncluded)} rows written (then $${o.perMillionRowsWritten}/million) (${o.source}); D1, ${int(d1.rowsReadIncluded)} rows read and ${int(d1.rowsWrittenIncluded)} rows written included (then $${d1.perMillionRowsRead} and $${d1.perMillionRowsWritten}/million) (${d1.source}). Stored data (5 GB included for each) is left out: a month of this traffic is a few hundred MB of messages.`,
    '',
    `*How:* requests, Durable Object requests and rows come from the work counts; CPU from Parley's workerd under Miniflare (a chat start at the lowest routing rate, a message at 100 conversations). *Limits:* locally the Worker, the objects and D1's local engine share one process, so its CPU is an upper bound for the Worker's billed CPU and is counted again as the objects' active time; an object's duration is that CPU plus every D1 query or object call it awaited, at an assumed ${ASSUMED_ROUND_TRIP_MS} ms each (locally under 1 ms); D1 rows are priced as one per statement, which indexes and the search index make several.`,
  ].join('\n');
}
