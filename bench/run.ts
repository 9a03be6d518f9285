/**
 * `npm run bench [-- --quick]`: Parley on local workerd (`wrangler dev`), loaded from separate
 * Node processes, beside a bare WebSocket relay in the same run. Prints the figures and writes
 * bench/results/latest.json, docs/benchmarks.md (between its markers) and the latency chart.
 * Everything runs on loopback and stops by itself. `--report` only re-renders the last results.
 */
import { execSync, fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, platform, release, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { buildAll } from '../scripts/build';
import { freePort, prepareDatabase, root, runSql, startWorker, type RunningWorker } from '../scripts/local-app';
import { benchSeedSql, groupsFor, type Group } from './bench-data';
import type { ConversationResult, ConversationTask } from './clients/conversations';
import { sleep } from './clients/limit';
import type { RoutingStep, RoutingTask } from './clients/routing';
import { fillHistory, timeSearches } from './history';
import { measureMainThread, writeMainThreadReport } from './main-thread';
import { writeReport, type LatencyLevel, type Results } from './report';
import { widgetSizes } from './sizes';
import { percentiles } from './stats';

const quick = process.argv.includes('--quick');
const plan = quick
  ? { levels: [1, 20, 100], seconds: 5, routers: 8, rates: [5, 10, 20, 40], secondsPerRate: 2, idleSockets: 1000, idleMs: 10_000, history: [100_000], repeat: 10 }
  : { levels: [1, 100, 1000], seconds: 20, routers: 8, rates: [5, 10, 20, 40, 80, 160], secondsPerRate: 6, idleSockets: 4_500, idleMs: 15_000, history: [100_000, 1_000_000], repeat: 20 };

const log = (text: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${text}`);

/** Runs one task in a fresh Node process and resolves with the first message it sends back. */
function inProcess<T>(file: string, task: unknown, onChild?: (child: ReturnType<typeof fork>) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = fork(join(root, 'bench', file), [], { execArgv: ['--import', 'tsx'], cwd: root });
    child.once('message', (m) => resolve(m as T));
    child.once('error', reject);
    child.once('exit', (code) => code !== 0 && reject(new Error(`${file} exited with ${code}`)));
    onChild?.(child);
    if (task !== undefined) child.send(task as object);
  });
}

/** The conversations of a level, spread over two load processes when there are several groups. */
async function conversations(target: 'parley' | 'relay', base: string, groups: Group[]) {
  const halves = groups.length > 1 ? [groups.filter((_, i) => i % 2 === 0), groups.filter((_, i) => i % 2 === 1)] : [groups];
  const parts = await Promise.all(
    halves.map((part) => inProcess<ConversationResult>('clients/conversations.ts', { target, base, groups: part, durationMs: plan.seconds * 1000 } satisfies ConversationTask)),
  );
  const all = (key: 'visitorToAgent' | 'agentToVisitor') => parts.flatMap((p) => p[key]);
  return {
    visitorToAgent: percentiles(all('visitorToAgent')),
    agentToVisitor: percentiles(all('agentToVisitor')),
    sent: parts.reduce((n, p) => n + p.sent, 0),
    lost: parts.reduce((n, p) => n + p.lost, 0),
    setupMs: Math.max(...parts.map((p) => p.setupMs)),
  };
}

/** Resident memory of the workerd processes that wrangler started, in MB. */
function workerdRssMb(wranglerPid: number): number {
  const table = execSync('ps -e -o pid=,ppid=,comm=').toString().trim().split('\n').map((l) => l.trim().split(/\s+/));
  const family = new Set([wranglerPid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, ppid] of table) if (family.has(Number(ppid)) && !family.has(Number(pid))) family.add(Number(pid)), (grew = true);
  }
  let kb = 0;
  for (const [pid, , comm] of table) {
    if (!family.has(Number(pid)) || !comm?.startsWith('workerd')) continue;
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    kb += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  }
  return kb / 1024;
}

async function main() {
  const started = Date.now();
  const state = await mkdtemp(join(tmpdir(), 'parley-bench-'));
  log(`mode ${quick ? 'quick' : 'full'}; building`);
  await buildAll();
  const widget = widgetSizes(`${root}dist`);

  log('preparing the local database');
  await prepareDatabase(state);
  await runSql(await benchSeedSql(plan.levels.flatMap((n) => groupsFor(`l${n}`, n)), plan.routers), state);
  const port = await freePort();
  const start = () => startWorker({ port, persistTo: state, vars: { PARLEY_SECRET: 'bench-secret' } });
  let worker: RunningWorker = await start();

  let relayChild: ReturnType<typeof fork> | undefined;
  const { port: relayPort } = await inProcess<{ port: number }>('relay.ts', undefined, (c) => (relayChild = c));
  const relayBase = `http://127.0.0.1:${relayPort}`;

  try {
    const latency: LatencyLevel[] = [];
    for (const level of plan.levels) {
      const groups = groupsFor(`l${level}`, level);
      log(`latency: ${level} conversation(s), relay`);
      const relay = await conversations('relay', relayBase, groups);
      log(`latency: ${level} conversation(s), Parley`);
      const parley = await conversations('parley', worker.url, groups);
      latency.push({ conversations: level, setupMs: parley.setupMs, parley, relay });
    }

    log('routing');
    const steps = await inProcess<RoutingStep[]>('clients/routing.ts', { base: worker.url, routers: plan.routers, rates: plan.rates, secondsPerRate: plan.secondsPerRate } satisfies RoutingTask);
    const routingSteps = steps.map((s) => ({ rate: s.rate, chats: s.latencies.length + s.unrouted, unrouted: s.unrouted, times: percentiles(s.latencies) }));
    const underLimit = routingSteps.filter((s) => s.times.p99 <= 100 && s.unrouted === 0).map((s) => s.rate);

    log(`capacity: ${plan.idleSockets} idle sockets`);
    const rssBeforeMb = workerdRssMb(worker.child.pid!);
    let idleChild: ReturnType<typeof fork> | undefined;
    const { opened, refused } = await inProcess<{ opened: number; refused: number }>('clients/idle-sockets.ts', { step: 'open', base: worker.url, count: plan.idleSockets }, (c) => (idleChild = c));
    const rssOpenMb = workerdRssMb(worker.child.pid!);
    await sleep(plan.idleMs);
    const rssIdleMb = workerdRssMb(worker.child.pid!);
    const answered = await new Promise<number>((resolve) => {
      idleChild!.once('message', (m) => resolve((m as { answered: number }).answered));
      idleChild!.send({ step: 'check' });
    });

    const history = [];
    for (const size of plan.history) {
      log(`history: filling D1 to ${size.toLocaleString('en')} messages`);
      await worker.stop();
      fillHistory(state, size);
      worker = await start();
      history.push(await timeSearches(worker.url, size, plan.repeat));
    }

    const results: Results = {
      mode: quick ? 'quick' : 'full',
      date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
      machine: {
        cpu: cpus()[0]?.model.trim() ?? 'unknown',
        cores: String(cpus().length),
        memory: `${Math.round(totalmem() / 2 ** 30)} GiB`,
        os: `${platform()} ${release()}`,
        node: process.versions.node,
        wrangler: JSON.parse(readFileSync(`${root}node_modules/wrangler/package.json`, 'utf8')).version,
      },
      latency,
      routing: { steps: routingSteps, maxRateUnder100ms: underLimit.length ? Math.max(...underLimit) : null },
      capacity: {
        requested: plan.idleSockets,
        opened,
        refused,
        answeredAfterIdle: answered,
        rssBeforeMb,
        rssOpenMb,
        rssIdleMb,
        bytesPerSocket: ((rssIdleMb - rssBeforeMb) * 2 ** 20) / Math.max(1, opened),
      },
      history,
      widget,
    };
    console.log(`\n${writeReport(root, results)}\n`);
    log('main thread: the demo shop in Chromium, with and without the widget');
    console.log(`\n${writeMainThreadReport(await measureMainThread(worker.url), results.date)}\n`);
    log(`done in ${Math.round((Date.now() - started) / 1000)} s; wrote bench/results/latest.json and docs/benchmarks.md`);
  } finally {
    relayChild?.kill();
    await worker.stop();
    await rm(state, { recursive: true, force: true });
  }
}

// `--report` renders the last results again (after a change to the report), without a run.
if (process.argv.includes('--report')) {
  const results = JSON.parse(readFileSync(`${root}bench/results/latest.json`, 'utf8')) as Results;
  console.log(writeReport(root, results));
} else {
  await main();
}
