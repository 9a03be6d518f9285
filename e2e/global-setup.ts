/** Runs the whole app once for the browser tests: fresh build, fresh local D1 with the demo data. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildAll } from '../scripts/build';
import { freePort, prepareDatabase, startWorker } from '../scripts/local-app';
import { chromiumPath } from './chromium';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  // Before anything else: a machine without the browser says so (or installs it) at once.
  chromiumPath();
  const state = await mkdtemp(join(tmpdir(), 'parley-e2e-'));
  await buildAll();
  await prepareDatabase(state);
  // The offline Turnstile (e2e/security.test.ts stands in for Cloudflare's script in the browser).
  const worker = await startWorker({ port: await freePort(), persistTo: state, vars: { PARLEY_SECRET: 'e2e-secret', TURNSTILE_FAKE: 'on' } });
  project.provide('baseUrl', worker.url);
  return async () => {
    await worker.stop();
    await rm(state, { recursive: true, force: true });
  };
}
