/**
 * The console as an installable app that hears pushes: its service worker shows a push delivered
 * through Chromium's DevTools protocol (no push service needed), and the Account page's
 * Notifications section (axe-core, and what it keeps). The chime's mute is remembered.
 */
import type { BrowserContext, Page, Worker } from 'playwright-core';
import { afterEach, expect, inject, it } from 'vitest';
import { DEFAULT_PREFERENCES, type PushPayload } from '../protocol/notifications';
import { accessibilityProblems } from './axe';
import { useBrowser } from './browser';
import { agentSignsIn, type Person } from './people';

const base = inject('baseUrl');
const browser = useBrowser();

/** The demo agents are shared by every browser test: whatever this file chose is put back. */
let agent: Person | undefined;
afterEach(async () => {
  await agent?.page.request.fetch(`${base}/api/console/notifications`, { method: 'PUT', data: DEFAULT_PREFERENCES, headers: { Origin: base } });
  agent = undefined;
});

/** The console's service worker, once it has registered and started. */
async function serviceWorker(context: BrowserContext): Promise<Worker> {
  const running = context.serviceWorkers().find((w) => w.url() === `${base}/console/sw.js`);
  return running ?? context.waitForEvent('serviceworker', { predicate: (w) => w.url() === `${base}/console/sw.js` });
}

/** Delivers a push to the console's registration as a push service would, through the DevTools protocol. */
async function deliverPush(page: Page, data: string): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  const registration = new Promise<string>((resolve) => {
    cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
      const ours = registrations.find((r) => r.scopeURL === `${base}/console/` && !r.isDeleted);
      if (ours) resolve(ours.registrationId);
    });
  });
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.deliverPushMessage', { origin: base, registrationId: await registration, data });
}

/** What the worker shows now, read in the worker itself. */
const shownBy = (worker: Worker) =>
  worker.evaluate(async () => {
    const shown = await (self as unknown as { registration: ServiceWorkerRegistration }).registration.getNotifications();
    return shown.map((n) => ({ title: n.title, body: n.body, tag: n.tag, data: n.data as unknown }));
  });

async function grantNotifications(page: Page): Promise<void> {
  await page.context().grantPermissions(['notifications'], { origin: base });
  expect(await page.evaluate(() => Notification.permission)).toBe('granted');
}

it('is installable, and its service worker shows a push as a notification whose route an open console goes to', async () => {
  agent = await agentSignsIn(browser(), base, 'alice@example.com');
  const { page, context } = agent;
  await grantNotifications(page);
  const worker = await serviceWorker(context);
  await page.evaluate(() => navigator.serviceWorker.ready);

  const cdp = await context.newCDPSession(page);
  const { errors } = (await cdp.send('Page.getAppManifest')) as { errors: unknown[] };
  expect(errors).toEqual([]);
  const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as { installabilityErrors: Array<{ errorId: string }> };
  // A test's browser context is incognito, where nothing installs; nothing else stands in the way.
  expect(installabilityErrors.filter((e) => e.errorId !== 'in-incognito')).toEqual([]);
  const icon = await page.request.get(`${base}/console/icons/icon-192.png`);
  expect(icon.headers()['content-type']).toBe('image/png');

  // Away from the console: a console on screen would have chimed already, so the worker stays quiet there.
  await page.goto('about:blank');
  const push: PushPayload = { kind: 'message', title: 'New message from Kim', body: 'Are you there?', url: '/console/chats/01TEST', tag: 'chat:01TEST' };
  await deliverPush(page, JSON.stringify(push));
  await expect.poll(() => shownBy(worker), { timeout: 10_000 }).toEqual([
    { title: 'New message from Kim', body: 'Are you there?', tag: 'chat:01TEST', data: { url: '/console/chats/01TEST' } },
  ]);

  // The same thing again replaces it; a push it cannot read still says something.
  await deliverPush(page, JSON.stringify({ ...push, body: 'Hello?' }));
  await deliverPush(page, 'not json');
  await expect.poll(() => shownBy(worker), { timeout: 10_000 }).toEqual([
    expect.objectContaining({ tag: 'chat:01TEST', body: 'Hello?' }),
    { title: 'Parley', body: 'Something needs you in the console', tag: 'parley', data: { url: '/console/' } },
  ]);

  // What a click sends an open console (no DevTools call clicks a notification): it moves to the route.
  await page.goto(`${base}/console/`);
  await page.getByLabel('Status').and(page.locator(':enabled')).waitFor();
  await worker.evaluate(async () => {
    type Window = { url: string; postMessage(message: unknown): void };
    const scope = self as unknown as { clients: { matchAll(options: object): Promise<Window[]> } };
    for (const client of await scope.clients.matchAll({ type: 'window', includeUncontrolled: true })) client.postMessage({ type: 'open', url: '/console/tickets' });
  });
  await page.waitForURL(`${base}/console/tickets`);
});

it('lets the agent choose notifications per event and channel on the Account page, with no axe violations', async () => {
  agent = await agentSignsIn(browser(), base, 'alice@example.com');
  const { page } = agent;
  await page.getByRole('link', { name: 'Account: Alice' }).click();
  const section = page.getByRole('region', { name: 'Notifications' });
  const ticketByEmail = section.getByRole('checkbox', { name: 'New ticket by email' });
  await ticketByEmail.waitFor();
  expect(await section.getByRole('checkbox', { name: 'New chat offer by push' }).isChecked()).toBe(true);
  expect(await ticketByEmail.isChecked()).toBe(false);
  expect(await section.getByRole('checkbox', { name: 'New chat offer by email' }).count()).toBe(0);
  await section.getByRole('status').first().waitFor();

  expect(await accessibilityProblems(page)).toEqual([]);

  await ticketByEmail.check();
  await section.getByRole('checkbox', { name: 'New message in my chats by push' }).uncheck();
  await section.getByRole('button', { name: 'Save notifications' }).click();
  await section.getByText('Notification choices saved.').waitFor();
  await page.reload();
  await ticketByEmail.waitFor();
  expect(await ticketByEmail.isChecked()).toBe(true);
  expect(await section.getByRole('checkbox', { name: 'New message in my chats by push' }).isChecked()).toBe(false);
});

it('remembers that the agent muted the chime', async () => {
  agent = await agentSignsIn(browser(), base, 'bob@example.com');
  const { page } = agent;
  const mute = page.getByRole('button', { name: 'Mute chime' });
  expect(await mute.getAttribute('aria-pressed')).toBe('false');
  await mute.click();
  expect(await mute.getAttribute('aria-pressed')).toBe('true');
  await page.reload();
  expect(await page.getByRole('button', { name: 'Mute chime' }).getAttribute('aria-pressed')).toBe('true');
});

it('says why push cannot be turned on: notifications refused, or no push service', async () => {
  agent = await agentSignsIn(browser(), base, 'bob@example.com');
  const { page } = agent;
  await page.goto(`${base}/console/account`);
  const section = page.getByRole('region', { name: 'Notifications' });
  const turnOn = section.getByRole('button', { name: 'Turn on push on this device' });
  expect(await page.evaluate(() => Notification.permission)).toBe('default');
  // No one answers the permission prompt in a headless browser: it counts as refused.
  await turnOn.click();
  await section.getByRole('alert').filter({ hasText: 'Notifications are blocked for Parley in this browser' }).waitFor();
  // Allowed, but this machine reaches no push service, so the browser cannot subscribe.
  await grantNotifications(page);
  await turnOn.click();
  await section.getByRole('alert').filter({ hasText: 'This browser could not reach its push service' }).waitFor();
  expect(await section.getByRole('status').first().innerText()).toBe('Push is off for this device.');
});
