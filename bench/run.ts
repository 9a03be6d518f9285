/**
 * `npm run bench [-- --quick]`: Parley on local workerd beside a bare WebSocket relay in the same
 * run, loaded from separate Node processes. Parley runs under Miniflare directly (no dev proxy, no
 * local tracing) for every figure, and under `wrangler dev` for one row of what `npm start` users
 * see. Prints the figures and writes bench/results/latest.json, docs/benchmarks.md (between its
 * markers) and the latency chart. Everything runs on loopback and stops by itself.
 *
 * `--reports [size]` runs only the reports' year and writes it into the last results.
 * `--check` only counts the work of one chat and fails if a count grew past the committed
 * baseline (bench/results/work-counts.json); `--check --accept` writes the new counts as the
 * baseline. `--report` re-renders the last results without a run.
 */
import { execSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, platform, release, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { buildAll } from '../scripts/build';
import { prepareDatabase, root, runSql } from '../scripts/local-app';
import { benchSeedSql, COUNT_GROUP, groupsFor, type Group } from './bench-data';
import { estimateCost } from './cost';
import { fillHistory, timeSearches } from './history';
import { fillReports, timeReports, type ReportTimes } from './reports';
import { LoadProcess } from './load-process';
import { bundleWorker, startMiniflare, startWranglerDev, type LocalParley } from './local-parley';
import { measureMainThread, writeMainThreadReport } from './main-thread';
import { deliver } from './phases/delivery';
import { measureFloors } from './phases/floors';
import { measureMemory } from './phases/memory';
import { route } from './phases/routing';
import { soak } from './phases/soak';
import { FULL, QUICK } from './plan';
import { writeReport } from './report';
import type { CpuPhase, Floor, LatencyLevel, LatencyVariant, Results } from './results';
import { widgetSizes } from './sizes';
import { countWork, grownCounts, writeBaseline, type WorkCounts } from './work-counts';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const plan = quick ? QUICK : FULL;

const log = (text: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${text}`);
const loadNow = () => loadavg().map((n) => n.toFixed(2)).join(' ');
const baselineExists = () => existsSync(`${root}bench/results/work-counts.json`);

/** The soak's groups and the wrangler row's are their own, so no agent fills up across phases. */
const SOAK = 'soak';
const WRANGLER = 'w';
const COMPRESSED = 'z';
const ON_DISK = 'd';

/**
 * Where the local state (D1 and Durable Object storage, SQLite files) lives: in memory where the
 * machine has a tmpfs. Its disk is shared with others, and a probe found their writes, through
 * SQLite's fsyncs, deciding the delivery times (p50 at 100 conversations 1.4 s on disk, 29 ms in
 * memory). One row keeps the state on disk, to show that cost.
 */
const MEMORY_ROOT = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();

/** A fresh local database: migrated, the demo data, and the given agents and queues. */
async function freshState(groups: Group[], routers: number, under = MEMORY_ROOT): Promise<string> {
  const state = await mkdtemp(join(under, 'parley-bench-'));
  await prepareDatabase(state);
  await runSql(await benchSeedSql(groups, routers), state);
  return state;
}

/**
 * Counts one chat's work with the counting build. On a database of its own, the demo's and one
 * agent's, whatever the plan: some counts grow with the data (the widget status asks every queue),
 * and the baseline must be compared with the same.
 */
async function countChat(script: string): Promise<WorkCounts> {
  const state = await freshState([COUNT_GROUP], 0);
  const counting = await startMiniflare({ script, persistTo: state });
  try {
    return await countWork(counting.url);
  } finally {
    await counting.stop();
    await rm(state, { recursive: true, force: true });
  }
}

const countingBuild = () => bundleWorker('bench/counting/counting-worker.ts', 'bench-counting');

async function checkOnly(): Promise<void> {
  // Bundling reads the assets directory wrangler.toml names; the counts need it only to exist.
  if (!existsSync(`${root}dist/widget.js`)) await buildAll();
  log('counting the work of one chat');
  const counts = await countChat(await countingBuild());
  for (const s of counts.steps) console.log(`${s.step.padEnd(44)} ${Object.entries(s.totals).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  if (args.includes('--accept')) {
    writeBaseline(counts);
    return log('wrote bench/results/work-counts.json as the new baseline');
  }
  if (!baselineExists()) throw new Error('No baseline to check against: write one with npm run bench -- --check --accept');
  const grown = grownCounts(counts);
  if (grown.length === 0) return log('no count grew past bench/results/work-counts.json');
  console.error(`\nWork counts grew past the baseline:\n${grown.map((g) => `  ${g}`).join('\n')}\n`);
  console.error('If the new work is meant, write the baseline again: npm run bench -- --check --accept');
  process.exitCode = 1;
}

/** The reports' year: D1 filled while the Worker is stopped, then timed through it. */
async function reportsPhase(state: string, start: () => Promise<LocalParley>, size = plan.reports): Promise<ReportTimes> {
  log(`reports: a synthetic year of ${size.toLocaleString('en')} conversations`);
  fillReports(state, size);
  const parley = await start();
  try {
    return await timeReports(parley.url, size, plan.repeat);
  } finally {
    await parley.stop();
  }
}

/**
 * `--reports [size]`: the reports phase alone, on a fresh database, written into the last results
 * and the report (a run of the whole bench takes an hour of a shared machine).
 */
async function reportsOnly(): Promise<void> {
  const sized = Number(args[args.indexOf('--reports') + 1]);
  const size = Number.isFinite(sized) && sized > 0 ? sized : plan.reports;
  if (!existsSync(`${root}dist/widget.js`)) await buildAll();
  const script = await bundleWorker('worker/index.ts', 'bench-worker');
  const state = await freshState([], 0);
  try {
    const reports = await reportsPhase(state, () => startMiniflare({ script, persistTo: state }), size);
    const results = JSON.parse(readFileSync(`${root}bench/results/latest.json`, 'utf8')) as Results;
    console.log(`\n${writeReport(root, { ...results, reports })}\n`);
  } finally {
    await rm(state, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const started = Date.now();
  const loadAtStart = loadNow();
  log(`mode ${quick ? 'quick' : 'full'}; building (load average ${loadAtStart})`);
  await buildAll();
  const widget = widgetSizes(`${root}dist`);
  const [script, counting] = await Promise.all([bundleWorker('worker/index.ts', 'bench-worker'), countingBuild()]);
  const state = await freshState(
    [
      ...plan.levels.flatMap((n) => groupsFor(`l${n}`, n)),
      ...groupsFor(`${WRANGLER}${plan.wrangler.conversations}`, plan.wrangler.conversations),
      ...(plan.compressionRow ? groupsFor(`${COMPRESSED}100`, 100) : []),
      ...groupsFor(SOAK, plan.soak.maxConversations),
    ],
    plan.routers,
  );
  const onMiniflare = () => startMiniflare({ script, persistTo: state });
  const floors: Floor[] = [];
  const cpu: CpuPhase[] = [];
  const latency: LatencyLevel[] = [];
  const variants: LatencyVariant[] = [];
  let parley: LocalParley | undefined;
  let relay: LoadProcess | undefined;

  try {
    log('work counts: one chat, start to end, on the counting build');
    const counts = await countChat(counting);
    const countsGrown = baselineExists() ? grownCounts(counts) : [];

    log(`memory: idle sockets in steps of ${plan.memorySteps.join(' → ')}, each on a fresh process`);
    const freshRelay = async () => {
      const p = new LoadProcess('relay.ts');
      const { port } = await p.next<{ port: number }>();
      return { base: `http://127.0.0.1:${port}`, processes: { relay: p.pid }, stop: () => p.stop() };
    };
    const freshParley = async () => {
      const p = await onMiniflare();
      return { base: p.url, processes: p.processes, stop: p.stop };
    };
    const memoryPlan = { steps: plan.memorySteps, idleMs: plan.idleMs };
    const memory = [
      await measureMemory({ target: 'miniflare', label: 'Parley, one Conversation DO', start: freshParley, compress: false, ...memoryPlan }),
      ...(plan.compressionRow ? [await measureMemory({ target: 'miniflare', label: 'Parley, permessage-deflate offered', start: freshParley, compress: true, ...memoryPlan })] : []),
      await measureMemory({ target: 'relay', label: 'bare relay, one room', start: freshRelay, compress: false, ...memoryPlan }),
    ];

    parley = await onMiniflare();
    relay = new LoadProcess('relay.ts');
    const relayBase = `http://127.0.0.1:${(await relay.next<{ port: number }>()).port}`;
    const relayServer = { relay: relay.pid };

    log('floors: ping and trivial requests, one at a time');
    for (const [target, base, server] of [['miniflare', parley.url, parley.processes], ['relay', relayBase, relayServer]] as const) {
      const measured = await measureFloors(target, base, server, plan);
      floors.push(...measured.floors);
      cpu.push(...measured.cpu);
    }

    for (const level of plan.levels) {
      const groups = groupsFor(`l${level}`, level);
      log(`delivery: ${level} conversation(s), relay, then Parley`);
      const onRelay = await deliver({ target: 'relay', base: relayBase, server: relayServer, groups, seconds: plan.seconds });
      const onParley = await deliver({ target: 'miniflare', base: parley.url, server: parley.processes, groups, seconds: plan.seconds });
      latency.push({ conversations: level, parley: onParley.delivery, relay: onRelay.delivery });
      cpu.push(onRelay.cpu, onParley.cpu);
    }
    if (plan.compressionRow) {
      log('delivery: 100 conversations, Parley with permessage-deflate offered');
      const compressed = await deliver({ target: 'miniflare', base: parley.url, server: parley.processes, groups: groupsFor(`${COMPRESSED}100`, 100), seconds: plan.seconds, compress: true });
      variants.push({ label: 'permessage-deflate offered by the client', target: 'miniflare', conversations: 100, delivery: compressed.delivery });
      cpu.push({ ...compressed.cpu, operation: `${compressed.cpu.operation}, permessage-deflate` });
    }

    log('delivery: 100 conversations, Parley with its local state on disk');
    const diskState = await freshState(groupsFor(`${ON_DISK}100`, 100), 0, tmpdir());
    const onDisk = await startMiniflare({ script, persistTo: diskState });
    try {
      const measured = await deliver({ target: 'miniflare', base: onDisk.url, server: onDisk.processes, groups: groupsFor(`${ON_DISK}100`, 100), seconds: plan.seconds });
      variants.push({ label: 'with its local state on disk, not in memory', target: 'miniflare', conversations: 100, delivery: measured.delivery });
      cpu.push({ ...measured.cpu, operation: `${measured.cpu.operation}, state on disk` });
    } finally {
      await onDisk.stop();
      await rm(diskState, { recursive: true, force: true });
    }

    log('routing: chat starts at rising rates');
    const routed = await route({ target: 'miniflare', base: parley.url, server: parley.processes, routers: plan.routers, rates: plan.rates, secondsPerRate: plan.secondsPerRate });
    cpu.push(...routed.cpu);
    const routing: Results['routing'] = [{ target: 'miniflare', steps: routed.steps, maxRateUnder100ms: routed.maxRateUnder100ms }];

    // CPU of one message at steady load and of one chat start at the lowest rate: the cost inputs.
    const perOp = (phase: CpuPhase | undefined) => (phase ? phase.cpuMs.workerd! / phase.operations : NaN);
    const cpuPerMessage = perOp(cpu.find((c) => c.target === 'miniflare' && c.operation === 'message at 100 conversations'));
    const cpuPerChat = perOp(routed.cpu[0]);

    // The largest soak the measured CPU sustains: messages at half a core (the load generators and
    // reconnects need the rest), set up within about a minute.
    const sustainable = Math.floor(Math.min(plan.soak.maxConversations, 500 / cpuPerMessage, 60_000 / cpuPerChat) / 50) * 50;
    const soakSize = plan.soak.fixed ? plan.soak.maxConversations : Math.max(50, sustainable);
    const soakSeconds = plan.soak.fixed ? plan.soak.seconds : Math.min(plan.soak.seconds, Math.max(60, Math.ceil(10_000 / soakSize)));
    const sizedBy = plan.soak.fixed
      ? 'the quick run’s fixed size'
      : soakSize === plan.soak.maxConversations
        ? 'the goal (1,000 conversations)'
        : `the measured CPU (${cpuPerMessage.toFixed(2)} ms a message, ${cpuPerChat.toFixed(0)} ms a chat start): the most this machine sustains`;
    log(`soak: ${soakSize} conversations on Parley's client for ${soakSeconds} s, sockets cut as they go`);
    const soakRun = await soak(parley.url, parley.processes, groupsFor(SOAK, soakSize), soakSeconds, sizedBy);

    await parley.stop();
    parley = undefined;

    log('wrangler dev: floors, delivery and chat starts, as `npm start` runs Parley');
    const dev = await startWranglerDev(state);
    try {
      const measured = await measureFloors('wrangler dev', dev.url, dev.processes, plan);
      floors.push(...measured.floors);
      cpu.push(...measured.cpu);
      const { conversations, seconds } = plan.wrangler;
      const onDev = await deliver({ target: 'wrangler dev', base: dev.url, server: dev.processes, groups: groupsFor(`${WRANGLER}${conversations}`, conversations), seconds });
      variants.push({ label: 'under wrangler dev (dev proxy, local tracing)', target: 'wrangler dev', conversations, delivery: onDev.delivery });
      cpu.push(onDev.cpu);
      const devRouted = await route({ target: 'wrangler dev', base: dev.url, server: dev.processes, routers: plan.routers, rates: [plan.rates[0]!], secondsPerRate: plan.secondsPerRate });
      cpu.push(...devRouted.cpu);
      routing.push({ target: 'wrangler dev', steps: devRouted.steps, maxRateUnder100ms: devRouted.maxRateUnder100ms });
    } finally {
      await dev.stop();
    }

    const history = [];
    for (const size of plan.history) {
      log(`history: filling D1 to ${size.toLocaleString('en')} messages`);
      await parley?.stop();
      fillHistory(state, size);
      parley = await onMiniflare();
      history.push(await timeSearches(parley.url, size, plan.repeat));
    }

    await parley?.stop();
    parley = undefined;
    const reports = await reportsPhase(state, onMiniflare);
    // The main-thread figures below need a Worker.
    parley = await onMiniflare();

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
        miniflare: JSON.parse(readFileSync(`${root}node_modules/miniflare/package.json`, 'utf8')).version,
        workerd: execSync(`${root}node_modules/.bin/workerd --version`).toString().trim(),
      },
      load: { start: loadAtStart, end: loadNow() },
      floors,
      latency,
      variants,
      routing,
      cpu,
      counts,
      countsGrown,
      memory,
      soak: soakRun,
      cost: estimateCost(counts, cpuPerChat, cpuPerMessage),
      history,
      reports,
      widget,
    };
    console.log(`\n${writeReport(root, results)}\n`);
    // A quick run leaves the main-thread figures as they are (alone: npm run bench:main-thread).
    if (!quick) {
      log('main thread: the demo shop in Chromium, with and without the widget');
      console.log(`\n${writeMainThreadReport(await measureMainThread(parley!.url), results.date)}\n`);
    }
    if (!baselineExists()) writeBaseline(counts);
    log(`done in ${Math.round((Date.now() - started) / 1000)} s; wrote bench/results/latest.json and docs/benchmarks.md`);
  } finally {
    await relay?.stop();
    await parley?.stop();
    await rm(state, { recursive: true, force: true });
  }
}

if (args.includes('--report')) {
  const results = JSON.parse(readFileSync(`${root}bench/results/latest.json`, 'utf8')) as Results;
  console.log(writeReport(root, results));
} else if (args.includes('--reports')) {
  await reportsOnly();
} else if (args.includes('--check')) {
  await checkOnly();
} else {
  await main();
}
