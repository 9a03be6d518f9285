/**
 * The one reconnecting WebSocket of every client (a conversation, the console's inbox and live
 * visitors, the widget's site line). It asks for its URL on every connect, so a token can be
 * refreshed in between; comes back with backoff after a drop, and at once when the browser is back
 * online; and pings, because a connection that died without a close (a laptop lid, a lost Wi-Fi)
 * can look open for minutes.
 */
import { PING, PONG } from '../conversation-frames';
import { backoffDelay } from './backoff';

/** What the socket needs of a WebSocket; the browser's, Node's `ws` and the Workers runtime's all fit. */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  /** A message event carries `data`, a close event the `code`. */
  addEventListener(type: 'open' | 'message' | 'error' | 'close', listener: (event: { data?: unknown; code?: number }) => void): void;
}

/** `online`/`offline` events, as a browser window sends them. */
export interface NetworkEvents {
  addEventListener(type: 'online' | 'offline', listener: () => void): void;
  removeEventListener(type: 'online' | 'offline', listener: () => void): void;
}

export interface SocketOptions<In> {
  /** Called for every (re)connect, so a token can be refreshed in between. */
  url: () => string | Promise<string>;
  onOpen?(): void;
  /** Each JSON frame the server sends; the heartbeat's answers and anything not JSON never get here. */
  onFrame(frame: In): void;
  /** The line is down (`code` when the server closed it, none when it could not be opened or went dead). */
  onClose?(code?: number): void;
  /** Close codes after which the line stays down, such as the inbox's SIGNED_OUT. */
  finalCodes?: number[];
  /** First reconnect delay (500 ms if not given); later ones double up to `reconnectCapMs` (30 s). */
  reconnectBaseMs?: number;
  reconnectCapMs?: number;
  WebSocketImpl?: new (url: string) => SocketLike;
  /** Where to hear `online`/`offline`; the browser's window by default, none elsewhere. */
  network?: NetworkEvents | null;
}

export interface ReconnectingSocket<Out> {
  /** Sends a frame if the line is open; one sent while it is down is not kept (callers resend what matters). */
  send(frame: Out): void;
  /** Closes the line for good; no callback hears of it. */
  close(): void;
}

/** The WebSocket readyState of an open socket, the same in every implementation. */
const OPEN = 1;
export const HEARTBEAT_MS = 25_000;

export function reconnectingSocket<In, Out>(options: SocketOptions<In>): ReconnectingSocket<Out> {
  const browserWindow = (globalThis as { window?: NetworkEvents }).window;
  const network = options.network === undefined ? (browserWindow ?? null) : options.network;
  let socket: SocketLike | undefined;
  /** Set while the URL is asked for, so `online` does not start a second connect meanwhile. */
  let connecting = false;
  let stopped = false;
  let attempt = 0;
  let awaitingPong = false;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let heartbeat: ReturnType<typeof setInterval> | undefined;

  const connect = async () => {
    if (retryTimer) clearTimeout(retryTimer);
    connecting = true;
    let next: SocketLike | undefined;
    try {
      const url = await options.url();
      // The global is read now, not at load, so a test or polyfill that replaces it is used.
      if (!stopped) next = new (options.WebSocketImpl ?? (WebSocket as new (url: string) => SocketLike))(url);
    } catch {
      // No URL now (no token yet, the network is down) or not a valid one: asked again after a backoff.
    }
    connecting = false;
    if (stopped) return;
    if (!next) return lost();
    const s = next;
    socket = s;
    awaitingPong = false;
    s.addEventListener('open', () => {
      attempt = 0;
      options.onOpen?.();
    });
    s.addEventListener('message', ({ data }) => {
      if (socket !== s) return;
      if (data === PONG) return void (awaitingPong = false);
      let frame: In;
      try {
        frame = JSON.parse(data as string) as In;
      } catch {
        return; // Not a frame of ours.
      }
      options.onFrame(frame);
    });
    // The close that follows an error is what counts; Node's ws would throw an error nobody hears.
    s.addEventListener('error', () => {});
    s.addEventListener('close', ({ code }) => socket === s && lost(code));
    heartbeat = setInterval(beat, HEARTBEAT_MS);
  };

  /** Forgets the current socket, closing it if it is not closed already. */
  const forget = () => {
    const s = socket;
    socket = undefined;
    if (heartbeat) clearInterval(heartbeat);
    s?.close(1000);
  };

  /** The line went down: tell the caller, and try again after a backoff unless the code says not to. */
  const lost = (code?: number) => {
    forget();
    options.onClose?.(code);
    if (code !== undefined && options.finalCodes?.includes(code)) return close();
    retryTimer = setTimeout(connect, backoffDelay(attempt++, options.reconnectBaseMs, options.reconnectCapMs));
  };

  /** A ping unanswered by the next beat means the connection died without telling us. */
  const beat = () => {
    if (awaitingPong) return lost();
    if (socket?.readyState === OPEN) {
      socket.send(PING);
      awaitingPong = true;
    }
  };

  const online = () => {
    if (socket || connecting) return;
    attempt = 0;
    void connect();
  };
  // The browser knows first: the line is shown down at once, instead of at the next missed pong.
  const offline = () => socket && lost();

  function close() {
    stopped = true;
    network?.removeEventListener('online', online);
    network?.removeEventListener('offline', offline);
    if (retryTimer) clearTimeout(retryTimer);
    forget();
  }

  network?.addEventListener('online', online);
  network?.addEventListener('offline', offline);
  void connect();

  return {
    send: (frame) => socket?.readyState === OPEN && socket.send(JSON.stringify(frame)),
    close,
  };
}
