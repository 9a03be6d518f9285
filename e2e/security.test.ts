/**
 * Defences a real browser sees: the widget on a host page with a strict CSP, Turnstile challenges
 * for a site under attack and an account under attack, and the console's own headers.
 */
import { createServer, type Server } from 'node:http';
import type { Page } from 'playwright-core';
import { afterEach, expect, inject, it } from 'vitest';
import { freePort } from '../scripts/local-app';
import { useBrowser } from './browser';
import { acceptsOffer, agentSignsIn, conversation, newContext, openConsole, signIn, visitorWrites } from './people';

const base = inject('baseUrl');
const browser = useBrowser();
/** The shop: a page of its own origin, served from this machine (Chromium lets only a local page reach the local Parley). */
let shopServer: Server | undefined;
async function shopWithCsp(csp: string): Promise<string> {
  const page = `<!doctype html><html lang="en"><title>Shop</title><h1>A shop with a strict CSP</h1><script src="${base}/widget.js" data-site="demo-shop" async></script></html>`;
  shopServer = createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'text/html', 'Content-Security-Policy': csp }).end(page));
  const port = await freePort();
  await new Promise<void>((resolve) => shopServer!.listen(port, 'localhost', resolve));
  return `http://localhost:${port}`;
}

/**
 * Stands in for Cloudflare's Turnstile script (no network here): each challenge passes at once with
 * the fake's one good token. Resolves how many challenges the page has drawn.
 */
async function fakeTurnstile(page: Page): Promise<() => Promise<number>> {
  await page.route('https://challenges.cloudflare.com/turnstile/v0/api.js*', (route) =>
    route.fulfill({
      contentType: 'text/javascript',
      body: `window.challenges = 0; window.turnstile = { render(el, o) { window.challenges++; o.callback('XXXX.DUMMY.TOKEN.XXXX'); return 'w'; } };`,
    }),
  );
  return () => page.evaluate(() => (window as unknown as { challenges?: number }).challenges ?? 0);
}

/** The demo admin's session, for changing the site from here as the console would. */
async function adminCookie(): Promise<string> {
  const res = await fetch(`${base}/api/auth/sign-in`, {
    method: 'POST',
    headers: { Origin: base, 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: 'admin@example.com', password: 'parley-demo' }),
  });
  return res.headers.get('set-cookie')!.split(';')[0]!;
}

async function changeSite(change: Record<string, unknown>): Promise<void> {
  const res = await fetch(`${base}/api/admin/sites/demo-shop`, {
    method: 'PATCH',
    headers: { Origin: base, 'Content-Type': 'application/json', Cookie: await adminCookie() },
    body: JSON.stringify(change),
  });
  if (!res.ok) throw new Error(`PATCH site: ${res.status} ${await res.text()}`);
}

/** The visitor ends the chat from the widget and the agent closes it, so Alice starts the next test free. */
async function chatEnds(shop: Page, agent: Page): Promise<void> {
  await shop.getByRole('button', { name: 'End chat' }).click();
  await shop.getByRole('alertdialog', { name: 'End this chat?' }).getByRole('button', { name: 'End chat' }).click();
  await conversation(agent).getByText(/ended the chat$/).waitFor();
  const id = new URL(agent.url()).pathname.split('/').pop();
  const status = await agent.evaluate(async (chat) => (await fetch(`/api/console/chats/${chat}/close`, { method: 'POST' })).status, id);
  expect(status).toBe(204);
}

afterEach(async () => {
  await changeSite({ allowedOrigins: [], underAttack: false });
  await new Promise((resolve) => (shopServer ? shopServer.close(resolve) : resolve(undefined)));
  shopServer = undefined;
});

it('works on a host page whose CSP allows Parley for scripts and connections and nothing inline', async () => {
  const ws = base.replace(/^http/, 'ws');
  const csp = [
    "default-src 'none'",
    `script-src ${base}`,
    `connect-src ${base} ${ws}`,
    `img-src ${base} blob: data:`,
    "style-src 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
  const shopUrl = await shopWithCsp(csp);
  await changeSite({ allowedOrigins: [shopUrl] });
  const agent = await agentSignsIn(browser(), base, 'alice@example.com');
  const shop = await (await newContext(browser())).newPage();
  const violations: string[] = [];
  shop.on('console', (m) => m.type() === 'error' && /Content Security Policy/.test(m.text()) && violations.push(m.text()));
  await shop.goto(`${shopUrl}/`);
  const launcher = shop.getByRole('button', { name: 'Open chat' });
  // Launcher and panel keep their look: their styles are constructed sheets, which no style-src blocks.
  expect(await launcher.evaluate((el) => getComputedStyle(el).position)).toBe('fixed');
  await launcher.click();
  expect(await shop.getByRole('dialog').evaluate((el) => getComputedStyle(el).position)).toBe('fixed');
  await visitorWrites(shop, 'Hello from a strict page');
  await acceptsOffer(agent.page);
  await shop.getByText('Alice joined the chat').waitFor();
  await conversation(agent.page).getByText('Hello from a strict page').waitFor();
  expect(violations).toEqual([]);
  await chatEnds(shop, agent.page);
});

it('asks a visitor to pass a Turnstile challenge before a chat while the site is under attack', async () => {
  await changeSite({ underAttack: true });
  const agent = await agentSignsIn(browser(), base, 'alice@example.com');
  const shop = await (await newContext(browser())).newPage();
  const challenges = await fakeTurnstile(shop);
  await shop.goto(`${base}/`);
  await shop.getByRole('button', { name: 'Open chat' }).click();
  await expect.poll(challenges).toBe(1);
  await visitorWrites(shop, 'A person, checked');
  await acceptsOffer(agent.page);
  await conversation(agent.page).getByText('A person, checked').waitFor();
  // The challenge was for starting the chat: once in it, the visitor is asked nothing more.
  expect(await challenges()).toBe(1);
  await chatEnds(shop, agent.page);
});

it('shows the console a challenge when an account is under attack, then signs in', async () => {
  // Someone fails on Bob's account from eleven addresses; Bob then signs in from a new one.
  for (let i = 0; i < 11; i++) {
    await fetch(`${base}/api/auth/sign-in`, {
      method: 'POST',
      headers: { Origin: base, 'Content-Type': 'application/json', 'CF-Connecting-IP': `203.0.113.${i + 1}` },
      body: JSON.stringify({ email: 'bob@example.com', password: 'guess' }),
    });
  }
  const desk = await openConsole(browser(), base);
  await desk.context.setExtraHTTPHeaders({ 'CF-Connecting-IP': '198.51.100.77' });
  const challenges = await fakeTurnstile(desk.page);
  await signIn(desk.page, 'bob@example.com');
  await desk.page.getByLabel('Status').waitFor();
  expect(await challenges()).toBe(1);
});

it('serves the console with a strict CSP that keeps it out of frames', async () => {
  const res = await fetch(`${base}/console/`);
  expect(res.headers.get('Content-Security-Policy')).toContain("frame-ancestors 'none'");
  const desk = await openConsole(browser(), base);
  const errors: string[] = [];
  desk.page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await signIn(desk.page, 'alice@example.com');
  await desk.page.getByLabel('Status').waitFor();
  expect(errors.filter((e) => /Content Security Policy/.test(e))).toEqual([]);
});
