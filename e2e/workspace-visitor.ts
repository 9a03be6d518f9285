/**
 * A visitor driven by hand from a real page on the demo shop: the same REST calls and sockets the
 * widget makes (same origin, so the Worker's Origin checks pass), for what the widget does not
 * show yet or what a test must control exactly (the site socket's page frames, choices answered).
 */
import type { Browser, Page } from 'playwright-core';
import { visitorOnShop } from './people';

export interface RawVisitor {
  page: Page;
  visitorId: string;
  /** Starts a chat with these pre-chat answers and writes the first message. */
  startChat(text: string, answers?: Record<string, string>): Promise<string>;
  say(text: string, extra?: Record<string, unknown>): Promise<void>;
  /** Opens the widget's site socket and reports a page. */
  browse(url: string, title: string, state?: string): Promise<void>;
  leaveSite(): Promise<void>;
  /** Waits for a frame of a kind on the chat or site socket that the predicate (source text) accepts. */
  waitForFrame(socket: 'chat' | 'site', predicate: string): Promise<any>;
  token(): Promise<string>;
}

export async function rawVisitor(browser: Browser, base: string, path = '/product.html'): Promise<RawVisitor> {
  const { page } = await visitorOnShop(browser, base);
  await page.goto(`${base}${path}`);
  const visitorId = await page.evaluate(async () => {
    const res = await fetch('/api/visitor/session', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ siteId: 'demo-shop' }) });
    const { token, visitorId } = (await res.json()) as { token: string; visitorId: string };
    (window as any).raw = { token, frames: { chat: [], site: [] }, sockets: {} };
    return visitorId;
  });

  const open = (socket: 'chat' | 'site', path: string) =>
    page.evaluate(
      ([socket, path]: string[]) =>
        new Promise<void>((resolve, reject) => {
          const raw = (window as any).raw;
          const ws = new WebSocket(`${location.origin.replace(/^http/, 'ws')}${path}?token=${raw.token}`);
          raw.sockets[socket!] = ws;
          ws.onmessage = (e) => e.data !== 'pong' && raw.frames[socket!].push(JSON.parse(e.data));
          ws.onopen = () => resolve();
          ws.onerror = () => reject(new Error(`${socket} socket refused`));
        }),
      [socket, path],
    );
  const send = (socket: 'chat' | 'site', frame: object) => page.evaluate(([s, f]) => (window as any).raw.sockets[s as string].send(JSON.stringify(f)), [socket, frame] as const);

  const visitor: RawVisitor = {
    page,
    visitorId,
    async startChat(text, answers = {}) {
      const id = await page.evaluate(async (answers) => {
        const raw = (window as any).raw;
        const res = await fetch('/api/visitor/conversation', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${raw.token}` },
          body: JSON.stringify({ answers }),
        });
        return ((await res.json()) as { conversation: { id: string } }).conversation.id;
      }, answers);
      await open('chat', `/ws/visitor/conversations/${id}`);
      await send('chat', { type: 'hello', after: 0 });
      await visitor.say(text);
      return id;
    },
    async say(text, extra = {}) {
      const clientId = await page.evaluate(() => {
        // A ULID: 10 time characters and 16 random ones, Crockford base 32.
        const abc = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
        let t = Date.now();
        let time = '';
        for (let i = 0; i < 10; i++, t = Math.floor(t / 32)) time = abc[t % 32] + time;
        return time + Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => abc[b % 32]).join('');
      });
      await send('chat', { type: 'message', clientId, text, ...extra });
      await visitor.waitForFrame('chat', `f.type === 'ack' && f.clientId === '${clientId}'`);
    },
    async browse(url, title, state = 'browsing') {
      const connected = await page.evaluate(() => (window as any).raw.sockets.site?.readyState === WebSocket.OPEN);
      if (!connected) await open('site', '/ws/visitor/site');
      await send('site', { type: 'page', url, title, referrer: 'https://search.example/?q=tea+set', state, timeZone: 'Europe/Oslo' });
    },
    async leaveSite() {
      await page.evaluate(() => (window as any).raw.sockets.site.close(1000, 'left'));
    },
    async waitForFrame(socket, predicate) {
      const handle = await page.waitForFunction(
        ([socket, predicate]) => (window as any).raw.frames[socket!].find(new Function('f', `return ${predicate}`) as (f: unknown) => boolean),
        [socket, predicate],
        { timeout: 15_000 },
      );
      return handle.jsonValue();
    },
    token: () => page.evaluate(() => (window as any).raw.token as string),
  };
  return visitor;
}

/** The agent ends the chat, so they have room for the next test's. */
export async function endsChat(desk: Page): Promise<void> {
  await desk.getByRole('button', { name: 'End chat' }).click();
  await desk.getByRole('alertdialog', { name: 'End this chat?' }).getByRole('button', { name: 'End chat' }).click();
  await desk.getByText('This chat has ended').waitFor();
}
