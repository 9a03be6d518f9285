/**
 * The two ways the bench runs Parley on this machine, both on the same local state:
 * - **Miniflare directly** (the `miniflare` package, with the Worker bundled by wrangler as
 *   `wrangler deploy` bundles it, and wrangler's own reading of wrangler.toml): one workerd
 *   process, no dev proxy in front, and none of wrangler dev's local tracing. The bench's figures
 *   are Parley's, not the dev tooling's.
 * - **`wrangler dev`**, as `npm start` runs it: wrangler's Node process, a dev proxy (a second
 *   workerd) in front of the Worker's workerd, and local observability (tracing) on, as it is by
 *   default. Kept for one row: what someone trying Parley locally sees.
 */
import { spawn } from 'node:child_process';
import { Log, LogLevel, Miniflare, convertV4MiniflareOptions } from 'miniflare';
import { unstable_getMiniflareWorkerOptions } from 'wrangler';
import { freePort, root, startWorker } from '../scripts/local-app';
import { descendants, listenerOf } from './processes';

export interface LocalParley {
  kind: 'miniflare' | 'wrangler dev';
  url: string;
  /** The processes serving Parley, by role (`workerd`, and under wrangler dev `dev proxy`, `wrangler`). */
  processes: Record<string, number>;
  stop(): Promise<void>;
}

const wranglerBin = `${root}node_modules/wrangler/bin/wrangler.js`;
export const SECRET = 'bench-secret';

/**
 * Bundles a Worker entry the way `wrangler deploy` does, into .wrangler/ (inside the project,
 * where workerd may read it). Returns the bundle's path.
 */
export function bundleWorker(entry: string, outdir: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const args = [wranglerBin, 'deploy', entry, '--dry-run', '--outdir', `${root}.wrangler/${outdir}`];
    const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: 'true' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(`${root}.wrangler/${outdir}/${entry.split('/').pop()!.replace(/\.ts$/, '.js')}`) : reject(new Error(`bundling ${entry} failed:\n${output}`))));
  });
}

/** workerd processes this Node process started itself (Miniflare spawns one per instance). */
const ownWorkerds = () => descendants(process.pid).filter((p) => p.ppid === process.pid && p.command.startsWith('workerd')).map((p) => p.pid);

export async function startMiniflare(options: { script: string; persistTo: string }): Promise<LocalParley> {
  const { workerOptions } = unstable_getMiniflareWorkerOptions(`${root}wrangler.toml`);
  // One bundled ES module needs no module rules, and Miniflare 5 refuses to convert them.
  const { modulesRules: _rules, ...fromToml } = workerOptions as typeof workerOptions & { modulesRules?: unknown };
  const before = new Set(ownWorkerds());
  const mf = new Miniflare(
    convertV4MiniflareOptions({
      workers: [{ ...fromToml, name: 'parley', modules: true, scriptPath: options.script, bindings: { PARLEY_SECRET: SECRET } }],
      host: '127.0.0.1',
      port: await freePort(),
      // The same layout `wrangler dev --persist-to` uses, so both runners share one local database.
      resourcePersistencePath: `${options.persistTo}/v3`,
      log: new Log(LogLevel.WARN),
      // No request to workers.cloudflare.com for a real `request.cf`: the placeholder, offline and the same every run.
      cf: false,
    } as Parameters<typeof convertV4MiniflareOptions>[0]),
  );
  const url = (await mf.ready).origin;
  const workerd = ownWorkerds().find((pid) => !before.has(pid));
  if (!workerd) throw new Error('Miniflare started no workerd process that the bench can find');
  return { kind: 'miniflare', url, processes: { workerd }, stop: () => mf.dispose() };
}

export async function startWranglerDev(persistTo: string): Promise<LocalParley> {
  const port = await freePort();
  const worker = await startWorker({ port, persistTo, vars: { PARLEY_SECRET: SECRET } });
  const wrangler = worker.child.pid!;
  const workerds = descendants(wrangler).filter((p) => p.command.startsWith('workerd')).map((p) => p.pid);
  // Two workerds: the dev proxy listens on the public port and forwards to the Worker's own.
  const proxy = listenerOf(port, workerds);
  const workerd = workerds.find((pid) => pid !== proxy);
  if (!proxy || !workerd) throw new Error(`expected a dev proxy and a Worker under wrangler dev, found workerd ${workerds.join(', ')}`);
  return { kind: 'wrangler dev', url: worker.url, processes: { workerd, 'dev proxy': proxy, wrangler }, stop: worker.stop };
}
