/**
 * Runs Parley on this machine with wrangler: local D1 migrated and seeded with the demo, and the
 * Worker (with its Durable Objects, D1 and assets) in workerd. Used by `npm start` and the
 * browser tests, so both run the app the same way.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { demoSeedSql } from '../worker/demo/demo-data';

export const root = fileURLToPath(new URL('..', import.meta.url));
const wranglerBin = `${root}node_modules/wrangler/bin/wrangler.js`;
const quietEnv = { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: 'true' };

function wrangler(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [wranglerBin, ...args], { cwd: root, env: quietEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`wrangler ${args.join(' ')} failed:\n${output}`))));
  });
}

const persistArgs = (persistTo?: string) => (persistTo ? ['--persist-to', persistTo] : []);

/** Gives local dev a signing secret of its own, once; a deploy sets it with `wrangler secret put`. */
export async function ensureDevSecret(): Promise<void> {
  const file = `${root}.dev.vars`;
  if (!existsSync(file)) await writeFile(file, `PARLEY_SECRET=${randomBytes(32).toString('hex')}\n`);
}

/** Applies the D1 migrations to the local database: the schema, and no data. */
export async function migrateDatabase(persistTo?: string): Promise<void> {
  await wrangler(['d1', 'migrations', 'apply', 'parley', '--local', ...persistArgs(persistTo)]);
}

/** Migrates the local database and adds the demo data where it is absent. */
export async function prepareDatabase(persistTo?: string): Promise<void> {
  await migrateDatabase(persistTo);
  await runSql(await demoSeedSql(), persistTo);
}

/** Runs SQL statements against the local D1 database. */
export async function runSql(statements: string[], persistTo?: string): Promise<void> {
  const file = `${root}.wrangler/seed-${process.pid}-${Date.now()}.sql`;
  await mkdir(`${root}.wrangler`, { recursive: true });
  await writeFile(file, statements.join('\n'));
  try {
    await wrangler(['d1', 'execute', 'parley', '--local', '--file', file, ...persistArgs(persistTo)]);
  } finally {
    await rm(file, { force: true });
  }
}

/** A port nothing listens on now, for a test or bench server. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, 'localhost', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

export interface RunningWorker {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** Starts `wrangler dev` and resolves once it answers HTTP. */
export async function startWorker(options: {
  port: number;
  persistTo?: string;
  vars?: Record<string, string>;
  inherit?: boolean;
}): Promise<RunningWorker> {
  const url = `http://localhost:${options.port}`;
  // Local dev only: webhooks may post to receivers on this machine (worker/webhooks/endpoints.ts).
  const vars = Object.entries({ LOCAL_WEBHOOKS: 'allowed', ...options.vars }).flatMap(([k, v]) => ['--var', `${k}:${v}`]);
  const child = spawn(
    process.execPath,
    [wranglerBin, 'dev', '--port', String(options.port), '--ip', 'localhost', '--show-interactive-dev-session=false', ...vars, ...persistArgs(options.persistTo)],
    { cwd: root, env: quietEnv, stdio: options.inherit ? 'inherit' : ['ignore', 'pipe', 'pipe'] },
  );
  let log = '';
  child.stdout?.on('data', (d) => (log += d));
  child.stderr?.on('data', (d) => (log += d));
  const exited = new Promise<never>((_, reject) =>
    child.on('exit', (code) => reject(new Error(`wrangler dev exited (${code}):\n${log}`))),
  );
  const stop = async () => {
    if (child.exitCode !== null) return;
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  };
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      const res = await Promise.race([fetch(`${url}/widget.js`), exited]);
      if (res.ok) return { url, child, stop };
    } catch (err) {
      if (child.exitCode !== null) throw err;
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`wrangler dev did not answer within 2 minutes:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 300));
  }
}
