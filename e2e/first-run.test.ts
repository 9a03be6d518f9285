/**
 * First run, as a shop owner meets it after `wrangler deploy`: no accounts, a setup token, the
 * first admin and site created from the console, and the script tag to paste.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { freePort, migrateDatabase, startWorker, type RunningWorker } from '../scripts/local-app';
import { useBrowser } from './browser';
import { openConsole } from './people';

const browser = useBrowser();
let app: RunningWorker;
let state: string;

beforeAll(async () => {
  // A database with the schema only: migrations applied, no demo data.
  state = await mkdtemp(join(tmpdir(), 'parley-first-run-'));
  await migrateDatabase(state);
  app = await startWorker({ port: await freePort(), persistTo: state, vars: { PARLEY_SECRET: 'e2e', SETUP_TOKEN: 'first-run-token' } });
});
afterAll(async () => {
  await app?.stop();
  await rm(state, { recursive: true, force: true });
});

it('creates the first admin from the console with the setup token', async () => {
  const { page, context } = await openConsole(browser(), app.url);
  await page.getByLabel('Setup token').fill('wrong');
  await page.getByLabel('Your name').fill('Sam Owner');
  await page.getByLabel('Email').fill('sam@shop.example');
  await page.getByLabel('Password').fill('a long passphrase');
  await page.getByLabel('Site name').fill('Nordic Pottery');
  await page.getByRole('button', { name: 'Create account' }).click();
  expect(await page.getByRole('alert').innerText()).toBe('The setup token is wrong');

  await page.getByLabel('Setup token').fill('first-run-token');
  await page.getByRole('button', { name: 'Create account' }).click();
  const snippet = await page.getByRole('status').locator('code').innerText();
  expect(snippet).toMatch(new RegExp(`^<script src="${app.url}/widget.js" data-site="nordic-pottery-[0-9a-z]{4}" async></script>$`));
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel('Status').and(page.locator(':enabled')).waitFor();
  await context.close();
});
