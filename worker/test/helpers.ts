/** Drives the Worker the way the widget and the console do: over HTTP and real sockets. */
import { SELF } from 'cloudflare:test';
import type { ConversationSummary } from '../../protocol/chat';
import { ulid } from '../../protocol/ids';
import { DEMO_PASSWORD, DEMO_SITE } from '../demo/demo-data';

export const ORIGIN = 'https://parley.test';

export function call(path: string, init: RequestInit & { cookie?: string; token?: string } = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (!headers.has('Origin')) headers.set('Origin', ORIGIN);
  if (init.cookie) headers.set('Cookie', init.cookie);
  if (init.token) headers.set('Authorization', `Bearer ${init.token}`);
  if (typeof init.body === 'string' && !headers.has('Content-Type')) headers.set('Content-Type', 'application/json');
  return SELF.fetch(new URL(path, ORIGIN), { ...init, headers });
}

export const json = (body: unknown) => JSON.stringify(body);

/** The `error` of a refused request's body. */
export const errorOf = async (res: Response) =>
  ((await res.json()) as { error: { code: string; message: string; field?: string } }).error;

export async function signIn(email: string): Promise<string> {
  const res = await call('/api/auth/sign-in', { method: 'POST', body: json({ email, password: DEMO_PASSWORD }) });
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  return res.headers.get('Set-Cookie')!.split(';')[0]!;
}

export async function newVisitor(): Promise<{ token: string; visitorId: string }> {
  const res = await call('/api/visitor/session', { method: 'POST', body: json({ siteId: DEMO_SITE.id }) });
  if (res.status !== 201) throw new Error(`visitor session failed: ${res.status} ${await res.text()}`);
  return res.json();
}

export async function startConversation(token: string): Promise<ConversationSummary> {
  const res = await call('/api/visitor/conversation', { method: 'POST', token, body: json({}) });
  if (res.status !== 201 && res.status !== 200) throw new Error(`start failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { conversation: ConversationSummary }).conversation;
}

/** A client socket that records every frame, so tests can wait for the one they expect. */
export class Probe {
  readonly frames: any[] = [];
  private waiters: Array<() => void> = [];

  constructor(readonly ws: WebSocket) {
    ws.accept();
    ws.addEventListener('message', (e) => {
      this.frames.push(e.data === 'pong' ? 'pong' : JSON.parse(e.data as string));
      for (const wake of this.waiters.splice(0)) wake();
    });
  }

  send(frame: unknown): void {
    this.ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  /** Resolves with the first recorded frame (from `from` on) that matches. */
  async waitFor(match: (frame: any) => boolean, from = 0, timeoutMs = 5000): Promise<any> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.frames.slice(from).find(match);
      if (found !== undefined) return found;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no matching frame; got ${JSON.stringify(this.frames)}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, left);
      });
    }
  }

  close(): void {
    this.ws.close(1000, 'done');
  }
}

export async function connect(path: string, init: { cookie?: string; origin?: string } = {}): Promise<Probe> {
  const headers = new Headers({ Upgrade: 'websocket', Origin: init.origin ?? ORIGIN });
  if (init.cookie) headers.set('Cookie', init.cookie);
  const res = await SELF.fetch(new URL(path, ORIGIN), { headers });
  if (!res.webSocket) throw new Error(`upgrade refused: ${res.status} ${await res.text()}`);
  return new Probe(res.webSocket);
}

export async function refusedUpgrade(path: string, init: { cookie?: string; origin?: string | null } = {}) {
  const headers = new Headers({ Upgrade: 'websocket' });
  if (init.origin !== null) headers.set('Origin', init.origin ?? ORIGIN);
  if (init.cookie) headers.set('Cookie', init.cookie);
  const res = await SELF.fetch(new URL(path, ORIGIN), { headers });
  return { status: res.status, body: (await res.json()) as { error: { code: string; message: string } } };
}

/** An agent signed in with the console open (so online and able to take chats). */
export async function onlineAgent(email: string) {
  const cookie = await signIn(email);
  const inbox = await connect('/ws/agent/inbox', { cookie });
  await inbox.waitFor((f) => f.type === 'inbox');
  return { cookie, inbox };
}

/** A new visitor who opens a chat and writes its first message. */
export async function visitorWrites(text: string, body: Record<string, unknown> = {}) {
  const { token } = await newVisitor();
  const res = await call('/api/visitor/conversation', { method: 'POST', token, body: JSON.stringify(body) });
  const { conversation } = (await res.json()) as { conversation: ConversationSummary };
  const socket = await connect(`/ws/visitor/conversations/${conversation.id}?token=${token}`);
  socket.send({ type: 'message', clientId: ulid(), text });
  await socket.waitFor((f) => f.type === 'ack');
  return { id: conversation.id, token, socket };
}

export const offerFor = (inbox: Probe, id: string, from = 0, timeoutMs = 5000) =>
  inbox.waitFor((f) => f.type === 'offer' && f.offer.conversationId === id, from, timeoutMs);

export const accept = (cookie: string, id: string) => call(`/api/console/offers/${id}/accept`, { method: 'POST', cookie });

/** The agent's socket on a chat they are in, welcomed. */
export async function agentSocket(cookie: string, id: string) {
  const socket = await connect(`/ws/agent/conversations/${id}`, { cookie });
  socket.send({ type: 'hello', after: 0 });
  await socket.waitFor((f) => f.type === 'welcome');
  return socket;
}

export const systemLine = (probe: Probe, text: string) =>
  probe.waitFor((f) => f.type === 'message' && f.message.author.role === 'system' && f.message.text === text);
