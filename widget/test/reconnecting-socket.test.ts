/**
 * The shared reconnecting socket under every client, on a scripted WebSocket and fake timers:
 * it comes back with backoff after a drop, gives up on a connection whose pong never comes,
 * comes back at once when the browser is online again, stays down after a final close code, and
 * asks for its URL again on every connect.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HEARTBEAT_MS, reconnectingSocket, type SocketLike, type SocketOptions } from '../../protocol/client/reconnecting-socket';

type Listener = (event: { data?: unknown; code?: number }) => void;

/** A WebSocket the test plays the server of: it opens, speaks and closes when told to. */
class ScriptedSocket implements SocketLike {
  static all: ScriptedSocket[] = [];
  readyState = 0;
  readonly sent: string[] = [];
  closedByClient = false;
  private readonly listeners: Record<string, Listener[]> = {};
  constructor(readonly url: string) {
    ScriptedSocket.all.push(this);
  }
  addEventListener(type: string, listener: Listener) {
    (this.listeners[type] ??= []).push(listener);
  }
  send(data: string) {
    this.sent.push(data);
  }
  close() {
    this.closedByClient = true;
    this.closed(1005);
  }
  open() {
    this.readyState = 1;
    this.emit('open', {});
  }
  receive(data: string) {
    this.emit('message', { data });
  }
  /** The server or the network ended the connection. */
  closed(code = 1006) {
    if (this.readyState === 3) return;
    this.readyState = 3;
    this.emit('close', { code });
  }
  private emit(type: string, event: { data?: unknown; code?: number }) {
    for (const listener of this.listeners[type] ?? []) listener(event);
  }
}

const sockets = () => ScriptedSocket.all;
const latest = () => ScriptedSocket.all.at(-1)!;
/** Lets the URL promise and anything else queued settle, without moving the clock. */
const settle = () => vi.advanceTimersByTimeAsync(0);

let network: EventTarget;
let stop: () => void = () => {};

function line(options: Partial<SocketOptions<{ type: string }>> = {}) {
  const frames: Array<{ type: string }> = [];
  const closes: Array<number | undefined> = [];
  const socket = reconnectingSocket<{ type: string }, { type: string }>({
    url: () => 'wss://parley.test/ws',
    onFrame: (frame) => frames.push(frame),
    onClose: (code) => closes.push(code),
    WebSocketImpl: ScriptedSocket,
    network,
    reconnectBaseMs: 1000,
    ...options,
  });
  stop = socket.close;
  return { socket, frames, closes };
}

beforeEach(() => {
  vi.useFakeTimers();
  // The top of each backoff range, so the waits below are exact.
  vi.spyOn(Math, 'random').mockReturnValue(1);
  ScriptedSocket.all = [];
  network = new EventTarget();
});
afterEach(() => {
  stop();
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('reconnecting socket', () => {
  it('comes back after a drop, waiting longer after each failed try and from the start once it was open', async () => {
    const { closes } = line();
    await settle();
    latest().open();
    latest().closed(1006);
    expect(closes).toEqual([1006]);

    await vi.advanceTimersByTimeAsync(999);
    expect(sockets()).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(sockets()).toHaveLength(2);

    // Refused without opening: the next wait doubles.
    latest().closed(1006);
    await vi.advanceTimersByTimeAsync(1999);
    expect(sockets()).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(sockets()).toHaveLength(3);

    // Once a connection opened, the next drop waits the first delay again.
    latest().open();
    latest().closed(1001);
    await vi.advanceTimersByTimeAsync(1000);
    expect(sockets()).toHaveLength(4);
  });

  it('pings every beat, and closes and reconnects when a ping is not answered by the next', async () => {
    const { closes } = line();
    await settle();
    const first = latest();
    first.open();

    await vi.advanceTimersByTimeAsync(HEARTBEAT_MS);
    expect(first.sent).toEqual(['ping']);
    first.receive('pong');
    await vi.advanceTimersByTimeAsync(HEARTBEAT_MS);
    expect(first.sent).toEqual(['ping', 'ping']);
    expect(first.closedByClient).toBe(false);

    // No pong this time: the connection is dead, whatever its readyState says.
    await vi.advanceTimersByTimeAsync(HEARTBEAT_MS);
    expect(first.closedByClient).toBe(true);
    expect(closes).toEqual([undefined]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(sockets()).toHaveLength(2);
  });

  it('reconnects at once when the browser is back online, and shows the line down when it goes offline', async () => {
    const { closes } = line({ reconnectBaseMs: 20_000 });
    await settle();
    const first = latest();
    first.open();

    network.dispatchEvent(new Event('offline'));
    expect(first.closedByClient).toBe(true);
    expect(closes).toEqual([undefined]);

    // Twice before the URL is in (browsers can say it more than once): one connect.
    network.dispatchEvent(new Event('online'));
    network.dispatchEvent(new Event('online'));
    await settle();
    expect(sockets()).toHaveLength(2);
    // Connected already: `online` starts nothing more.
    network.dispatchEvent(new Event('online'));
    await settle();
    expect(sockets()).toHaveLength(2);
  });

  it('stays down after a close code marked final, also when the browser comes online', async () => {
    const { closes } = line({ finalCodes: [4001] });
    await settle();
    latest().open();
    latest().closed(4001);
    expect(closes).toEqual([4001]);

    network.dispatchEvent(new Event('online'));
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(sockets()).toHaveLength(1);
  });

  it('asks for its URL on every connect, and tries again later when the URL cannot be had', async () => {
    let asked = 0;
    const url = vi.fn(async () => {
      asked++;
      if (asked === 2) throw new Error('no token now');
      return `wss://parley.test/ws?token=t${asked}`;
    });
    const { closes } = line({ url });
    await settle();
    latest().open();
    latest().closed(1006);

    // The second ask fails: nothing is opened, and the line counts as down again.
    await vi.advanceTimersByTimeAsync(1000);
    expect(url).toHaveBeenCalledTimes(2);
    expect(sockets()).toHaveLength(1);
    expect(closes).toEqual([1006, undefined]);

    await vi.advanceTimersByTimeAsync(2000);
    expect(url).toHaveBeenCalledTimes(3);
    expect(sockets().map((s) => s.url)).toEqual(['wss://parley.test/ws?token=t1', 'wss://parley.test/ws?token=t3']);
  });

  it('passes JSON frames in and out, skipping the pong and anything not JSON; sends nothing while down', async () => {
    const { socket, frames } = line();
    await settle();
    socket.send({ type: 'early' });
    latest().open();
    socket.send({ type: 'hello' });
    expect(latest().sent).toEqual(['{"type":"hello"}']);

    latest().receive('pong');
    latest().receive('not json');
    latest().receive('{"type":"welcome"}');
    expect(frames).toEqual([{ type: 'welcome' }]);
  });

  it('closes for good: no reconnect, no callback, and the network no longer heard', async () => {
    const { socket, closes } = line();
    await settle();
    const first = latest();
    first.open();
    socket.close();
    expect(first.closedByClient).toBe(true);
    expect(closes).toEqual([]);

    network.dispatchEvent(new Event('online'));
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(sockets()).toHaveLength(1);
  });

  it('opens nothing when closed while its URL is still being asked for', async () => {
    let give: (url: string) => void = () => {};
    const { socket } = line({ url: () => new Promise<string>((resolve) => (give = resolve)) });
    socket.close();
    give('wss://parley.test/ws');
    await settle();
    expect(sockets()).toHaveLength(0);
  });
});
