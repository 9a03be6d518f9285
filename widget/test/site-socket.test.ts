/**
 * The widget's site line against a real WebSocket server (the site route's stand-in until the
 * SiteDO route exists): page frames on connect, on URL and state changes; frames from the site
 * delivered; a dropped or refused line retried quietly.
 */
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { WebSocket as ServerSocket, WebSocketServer as Server } from 'ws';
import type { SiteToVisitorFrame, VisitorSiteFrame } from '../../protocol/site-frames';
import { connectSite, type VisitorState } from '../app/site-socket';

// The Node build of ws: under jsdom the package's browser entry (a stub) would be picked.
const ws = createRequire(`${process.cwd()}/`)(`${process.cwd()}/node_modules/ws/index.js`) as { WebSocketServer: typeof Server; WebSocket: typeof ServerSocket };
const { WebSocketServer } = ws;
// jsdom's window and Node's own WebSocket disagree about Event classes; ws's client is a whole
// WebSocket of its own, with the browser's onopen/onmessage/onclose surface the widget uses.
beforeAll(() => vi.stubGlobal('WebSocket', ws.WebSocket));

const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer().listen(0, () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });

/** A site that records every frame and every connection. */
function site(port: number) {
  const server = new WebSocketServer({ port });
  const frames: VisitorSiteFrame[] = [];
  const sockets: ServerSocket[] = [];
  server.on('connection', (ws) => {
    sockets.push(ws);
    ws.on('message', (data) => frames.push(JSON.parse(String(data))));
  });
  const close = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.terminate();
      server.close(() => resolve());
    });
  return { server, frames, sockets, close };
}

const until = async (check: () => boolean, ms = 5000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
};

let stop: Array<() => unknown> = [];
afterEach(async () => {
  // The widget's line first, then the site, as a page would go away.
  for (const s of stop.reverse()) await s();
  stop = [];
});

describe('site line', () => {
  it('tells the site the page on connect, on a URL change and on a state change; passes frames back', async () => {
    const port = await freePort();
    const remote = site(port);
    stop.push(remote.close);
    let state: VisitorState = 'browsing';
    const received: SiteToVisitorFrame[] = [];
    const line = connectSite({ url: async () => `ws://127.0.0.1:${port}/ws/visitor/site?token=t`, state: () => state, onFrame: (f) => received.push(f) });
    stop.push(() => line.close());

    await until(() => remote.frames.length === 1);
    expect(remote.frames[0]).toEqual({ type: 'page', url: location.href, title: document.title, referrer: document.referrer, state: 'browsing' });

    location.hash = '#shipping';
    await until(() => remote.frames.length === 2);
    expect(remote.frames[1]!.url).toMatch(/#shipping$/);

    state = 'writing';
    line.update();
    await until(() => remote.frames.length === 3);
    expect(remote.frames[2]!.state).toBe('writing');

    remote.sockets[0]!.send(JSON.stringify({ type: 'invite', agentName: 'Alice', message: 'Can I help?' }));
    await until(() => received.length === 1);
    expect(received[0]).toEqual({ type: 'invite', agentName: 'Alice', message: 'Can I help?' });
  });

  it('comes back after the line drops, and keeps trying quietly while the site is not there', async () => {
    const port = await freePort();
    const line = connectSite({ url: async () => `ws://127.0.0.1:${port}/ws/visitor/site`, state: () => 'browsing', onFrame: () => {} });
    stop.push(() => line.close());
    // Nobody listens yet: refused, retried, no error thrown.
    await new Promise((r) => setTimeout(r, 300));

    const remote = site(port);
    stop.push(remote.close);
    await until(() => remote.frames.length === 1, 8000);
    remote.sockets[0]!.close();
    await until(() => remote.sockets.length === 2 && remote.frames.length === 2, 8000);
  }, 20_000);
});
