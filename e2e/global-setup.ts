/** Runs the whole app once for the browser tests: fresh build, fresh local D1 with the demo data. */
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildAll } from '../scripts/build';
import { prepareDatabase, startWorker } from '../scripts/local-app';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, 'localhost', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

export default async function setup(project: TestProject) {
  const state = await mkdtemp(join(tmpdir(), 'parley-e2e-'));
  await buildAll();
  await prepareDatabase(state);
  const worker = await startWorker({ port: await freePort(), persistTo: state, vars: { PARLEY_SECRET: 'e2e-secret' } });
  project.provide('baseUrl', worker.url);
  return async () => {
    await worker.stop();
    await rm(state, { recursive: true, force: true });
  };
}
