import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import solid from 'vite-plugin-solid';
import { defineConfig } from 'vitest/config';
import { PUSH_HOST, pushReceiver } from './worker/test/node/push-receiver.ts';

/**
 * Miniflare's Request is not Node's own, which Node's fetch would read as a URL string: copy it over.
 * One difference remains: a host that cannot be reached answers 500 here instead of failing the fetch.
 */
async function passOn(request: Request): Promise<Response> {
  const body = request.method === 'GET' || request.method === 'HEAD' ? undefined : await request.arrayBuffer();
  return fetch(request.url, { method: request.method, headers: [...request.headers], body, redirect: 'manual' });
}

const migrations = await readD1Migrations(new URL('./migrations', import.meta.url).pathname);

export default defineConfig({
  test: {
    projects: [
      {
        plugins: [
          cloudflareTest({
            wrangler: { configPath: './wrangler.toml' },
            miniflare: {
              bindings: { PARLEY_SECRET: 'test-secret', SETUP_TOKEN: 'test-setup-token', TEST_MIGRATIONS: migrations },
              // The Worker's pushes go to a local push service that checks and decrypts them; the rest goes out as usual.
              outboundService: (request: Request) => (new URL(request.url).hostname === PUSH_HOST ? pushReceiver(request) : passOn(request)),
            },
          }),
        ],
        test: {
          name: 'worker',
          include: ['worker/test/**/*.test.ts'],
          setupFiles: ['./worker/test/setup.ts'],
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.test.ts'],
          environment: 'node',
          // The files share one running app and its agents, so they take turns.
          fileParallelism: false,
          globalSetup: ['./e2e/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 180_000,
        },
      },
      {
        // The widget's components in jsdom: each state as the visitor would see it.
        plugins: [solid()],
        test: {
          name: 'widget',
          include: ['widget/test/**/*.test.{ts,tsx}'],
          environment: 'jsdom',
        },
      },
    ],
  },
});
