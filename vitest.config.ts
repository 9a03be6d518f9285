import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import solid from 'vite-plugin-solid';
import { defineConfig } from 'vitest/config';
import { PUSH_HOST, pushReceiver } from './worker/test/node/push-receiver.ts';
import { MAILGUN_HOST, mailProvider } from './worker/test/node/mail-provider.ts';
import { HOOKS_HOST, webhookReceiver } from './worker/test/node/webhook-receiver.ts';

const migrations = await readD1Migrations(new URL('./migrations', import.meta.url).pathname);

/**
 * The outside world the worker tests see: what names resolve to (the card fetcher's fake
 * resolver, `FAKE_DNS`), and the pages at them (every fetch the Worker makes to the internet).
 */
const PUBLIC = '93.184.215.14';
const FAKE_DNS: Record<string, string[]> = {
  'shop.test': [PUBLIC],
  'redirect.test': [PUBLIC],
  'slow.test': [PUBLIC],
  'intranet.test': ['10.0.0.5'],
  'mixed.test': [PUBLIC, '127.0.0.1'],
  'ula.test': ['fd00::5'],
  [HOOKS_HOST]: [PUBLIC],
};

function fakeWeb(request: Request): Response {
  const { hostname } = new URL(request.url);
  const html = (body: string) => new Response(body, { headers: { 'Content-Type': 'text/html' } });
  switch (hostname) {
    case 'shop.test':
      return html('<title>Blue teapot</title><meta property="og:title" content="Blue teapot">');
    case 'redirect.test':
      return new Response(null, { status: 302, headers: { Location: 'http://intranet.test/admin' } });
    case 'slow.test':
      // The head, then nothing: the body never ends.
      return new Response(new ReadableStream({ start: (c) => c.enqueue(new TextEncoder().encode('<html><head>')) }), { headers: { 'Content-Type': 'text/html' } });
    default:
      return html('<title>Internal admin</title>');
  }
}

export default defineConfig({
  test: {
    projects: [
      {
        plugins: [
          cloudflareTest({
            wrangler: { configPath: './wrangler.toml' },
            miniflare: {
              bindings: { PARLEY_SECRET: 'test-secret', SETUP_TOKEN: 'test-setup-token', TURNSTILE_FAKE: 'on', FAKE_DNS, TEST_MIGRATIONS: migrations, WEBHOOK_RETRY_BASE_SECONDS: '0' },
              // Cloudflare's send_email binding, as Miniflare runs it locally (it parses what it is given); sends only where a test sets MAIL_FROM.
              email: { send_email: [{ name: 'MAIL' }] },
              // The Worker's pushes go to a local push service that checks and decrypts them, its Mailgun
              // calls to a local Mailgun, webhooks to local receivers; everything else to the fake web.
              outboundService: (request: Request) => {
                const { hostname } = new URL(request.url);
                if (hostname === PUSH_HOST) return pushReceiver(request);
                if (hostname === MAILGUN_HOST) return mailProvider(request);
                return hostname === HOOKS_HOST ? webhookReceiver(request) : fakeWeb(request);
              },
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
