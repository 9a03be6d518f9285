/**
 * A WebSocket, as the shared client expects one, whose connection is a real upgrade through the
 * Worker (SELF). `sever()` plays a dead network: whatever is in flight is lost both ways.
 */
import { SELF } from 'cloudflare:test';
import type { SocketLike } from '../../protocol/client/conversation-client';
import { ORIGIN } from './helpers';

interface Transport {
  readonly instances: SelfSocket[];
  /** The socket the client is using now. */
  readonly latest: SelfSocket | undefined;
  Socket: new (url: string) => SocketLike;
}

type Listener = (event: { data: unknown }) => void;

export class SelfSocket implements SocketLike {
  readyState = 0;
  private readonly listeners: Record<string, Listener[]> = { open: [], message: [], close: [], error: [] };
  private ws: WebSocket | null = null;
  private severed = false;

  constructor(url: string, cookie: string | undefined) {
    void this.open(url, cookie);
  }

  addEventListener(type: string, listener: Listener): void {
    this.listeners[type]!.push(listener);
  }

  private emit(type: string, data?: unknown): void {
    for (const listener of this.listeners[type]!) listener({ data });
  }

  send(data: string): void {
    if (!this.severed && this.readyState === 1) this.ws!.send(data);
  }

  close(): void {
    this.ws?.close(1000, 'client closed');
    this.finish();
  }

  sever(): void {
    this.severed = true;
    this.ws?.close(1001, 'network gone');
    this.finish();
  }

  private async open(url: string, cookie: string | undefined): Promise<void> {
    const headers = new Headers({ Upgrade: 'websocket', Origin: ORIGIN });
    if (cookie) headers.set('Cookie', cookie);
    const res = await SELF.fetch(url.replace(/^ws/, 'http'), { headers });
    const ws = res.webSocket;
    if (!ws || this.severed) return this.finish();
    ws.accept();
    this.ws = ws;
    ws.addEventListener('message', (e) => {
      if (!this.severed) this.emit('message', e.data);
    });
    ws.addEventListener('close', () => this.finish());
    this.readyState = 1;
    this.emit('open');
  }

  private finish(): void {
    if (this.readyState === 3) return;
    this.readyState = 3;
    this.emit('close');
  }
}

export function selfTransport(cookie?: string): Transport {
  const instances: SelfSocket[] = [];
  return {
    instances,
    get latest() {
      return instances.at(-1);
    },
    Socket: class extends SelfSocket {
      constructor(url: string) {
        super(url, cookie);
        instances.push(this);
      }
    },
  };
}
