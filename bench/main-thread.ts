/**
 * What the widget costs the host page's main thread, in a real Chromium: long tasks (over 50 ms)
 * and total blocking time for the demo shop with the widget, against the same page without its
 * script tag, at full CPU speed and throttled four times (a mid-range phone). Run by
 * `npm run bench`, or alone with `npm run bench:main-thread` (which starts its own app).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../e2e/chromium';
import { buildAll } from '../scripts/build';
import { freePort, prepareDatabase, root, startWorker } from '../scripts/local-app';

export type Scenario = 'page without the widget' | 'page with the widget (launcher only)' | 'widget opened';

export interface MainThreadRow {
  scenario: Scenario;
  cpuSlowdown: number;
  /** Medians over the repeats. */
  longTasks: number;
  longestMs: number;
  blockingMs: number;
}

const SCENARIOS: Scenario[] = ['page without the widget', 'page with the widget (launcher only)', 'widget opened'];
const REPEATS = 7;
const SETTLE_MS = 1500;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

/** Collects every long task from the first byte of the page on. */
const OBSERVE = `window.__longTasks = [];
new PerformanceObserver((list) => window.__longTasks.push(...list.getEntries().map((e) => e.duration))).observe({ type: 'longtask', buffered: true });`;

async function once(browser: Browser, base: string, scenario: Scenario, cpuSlowdown: number): Promise<number[]> {
  const context = await browser.newContext();
  const page: Page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpuSlowdown });
  await page.addInitScript(OBSERVE);
  if (scenario === 'page without the widget') {
    // The baseline is the same page, byte for byte, less the one script tag.
    await page.route(`${base}/`, async (route) => {
      const res = await route.fetch();
      await route.fulfill({ response: res, body: (await res.text()).replace(/<script src="\/widget\.js"[^>]*><\/script>/, '') });
    });
  }
  await page.goto(`${base}/`, { waitUntil: 'load' });
  if (scenario !== 'page without the widget') await page.getByRole('button', { name: 'Open chat' }).waitFor();
  if (scenario === 'widget opened') {
    await page.getByRole('button', { name: 'Open chat' }).click();
    await page.getByRole('dialog').waitFor();
  }
  await page.waitForTimeout(SETTLE_MS);
  const tasks = await page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks);
  await context.close();
  return tasks;
}

export async function measureMainThread(base: string): Promise<MainThreadRow[]> {
  const browser = await launchBrowser();
  const rows: MainThreadRow[] = [];
  try {
    for (const cpuSlowdown of [1, 4]) {
      for (const scenario of SCENARIOS) {
        const runs: number[][] = [];
        for (let i = 0; i < REPEATS; i++) runs.push(await once(browser, base, scenario, cpuSlowdown));
        rows.push({
          scenario,
          cpuSlowdown,
          longTasks: median(runs.map((t) => t.length)),
          longestMs: median(runs.map((t) => Math.max(0, ...t))),
          blockingMs: median(runs.map((t) => t.reduce((sum, d) => sum + Math.max(0, d - 50), 0))),
        });
      }
    }
  } finally {
    await browser.close();
  }
  return rows;
}

const START = '<!-- bench:main-thread:start -->';
const END = '<!-- bench:main-thread:end -->';

/** Writes bench/results/main-thread.json and the table between its markers in docs/benchmarks.md. */
export function writeMainThreadReport(rows: MainThreadRow[], date: string): string {
  writeFileSync(`${root}bench/results/main-thread.json`, JSON.stringify({ date, rows }, null, 2) + '\n');
  const body = [
    `Run ${date}; medians of ${REPEATS} page loads each, ${SETTLE_MS / 1000} s after the last step.`,
    '',
    '| CPU | scenario | long tasks | longest (ms) | total blocking time (ms) |',
    '| --- | --- | --- | --- | --- |',
    ...rows.map((r) => `| ${r.cpuSlowdown === 1 ? 'full speed' : `${r.cpuSlowdown}× slower`} | ${r.scenario} | ${r.longTasks} | ${r.longestMs.toFixed(0)} | ${r.blockingMs.toFixed(0)} |`),
  ].join('\n');
  const doc = `${root}docs/benchmarks.md`;
  const text = readFileSync(doc, 'utf8');
  if (!text.includes(START)) throw new Error(`docs/benchmarks.md has no ${START} marker`);
  const [before, rest] = text.split(START);
  writeFileSync(doc, `${before}${START}\n${body}\n${END}${rest!.split(END)[1] ?? '\n'}`);
  return body;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const state = await mkdtemp(join(tmpdir(), 'parley-main-thread-'));
  await buildAll();
  await prepareDatabase(state);
  const worker = await startWorker({ port: await freePort(), persistTo: state, vars: { PARLEY_SECRET: 'bench-secret' } });
  try {
    const rows = await measureMainThread(worker.url);
    console.log(writeMainThreadReport(rows, new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC'));
  } finally {
    await worker.stop();
    await rm(state, { recursive: true, force: true });
  }
}
