/** The two ends of Parley conversations, as a bench drives them: plain `ws` sockets and fetch. */
import WebSocket from 'ws';
import { ulid } from '../../protocol/ids';
import { BENCH_PASSWORD, type Group } from '../bench-data';

export const wsUrl = (base: string, path: string) => base.replace(/^http/, 'ws') + path;

/**
 * The bench's sockets offer no permessage-deflate: `ws` offers it by default, workerd takes it and
 * the bare relay does not, which would compare compressed Parley frames with plain relay ones.
 * `compress` turns it back on, to measure what compression costs.
 */
export function open(url: string, origin: string, cookie?: string, compress = false): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { origin, headers: cookie ? { Cookie: cookie } : {}, perMessageDeflate: compress });
    ws.once('error', reject);
    ws.once('open', () => {
      // Later errors end in 'close', which the bench counts; unheard, they would crash the process.
      ws.off('error', reject).on('error', () => {});
      resolve(ws);
    });
  });
}

export async function post<T>(base: string, path: string, body: unknown, headers: Record<string, string> = {}): Promise<{ res: Response; data: T }> {
  const res = await fetch(base + path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: base, ...headers },
    body: JSON.stringify(body),
  });
  return { res, data: (await res.json().catch(() => null)) as T };
}

export async function signInAgent(base: string, email: string, password = BENCH_PASSWORD): Promise<string> {
  const { res } = await post(base, '/api/auth/sign-in', { email, password });
  if (!res.ok) throw new Error(`sign-in ${email}: ${res.status}`);
  return res.headers.get('set-cookie')!.split(';')[0]!;
}

export interface AgentHooks {
  /** The offer reached the agent's console. */
  onOffer?(conversationId: string): void;
  /** The agent has the chat. */
  onAccepted?(conversationId: string): void;
  /** Close each chat right after taking it, so the agent never fills up. */
  closeAfterAccept?: boolean;
  /** The chat taken is closed again. */
  onClosed?(conversationId: string): void;
}

/** An agent with the console open, accepting every offer at once. */
export async function autoAcceptingAgent(base: string, group: Pick<Group, 'agentEmail'>, hooks: AgentHooks = {}) {
  const cookie = await signInAgent(base, group.agentEmail);
  const inbox = await open(wsUrl(base, '/ws/agent/inbox'), base, cookie);
  inbox.on('message', async (data) => {
    if (String(data) === 'pong') return;
    const frame = JSON.parse(String(data)) as { type: string; offer?: { conversationId: string } };
    if (frame.type !== 'offer' || !frame.offer) return;
    const id = frame.offer.conversationId;
    hooks.onOffer?.(id);
    await post(base, `/api/console/offers/${id}/accept`, {}, { Cookie: cookie });
    hooks.onAccepted?.(id);
    if (!hooks.closeAfterAccept) return;
    await post(base, `/api/console/chats/${id}/close`, {}, { Cookie: cookie });
    hooks.onClosed?.(id);
  });
  return { cookie, inbox };
}

/** A visitor who starts a chat routed to `group`; resolves with their socket once it is open. */
export async function startVisitor(base: string, group: Pick<Group, 'name'>, compress = false) {
  const { data: session } = await post<{ token: string }>(base, '/api/visitor/session', { siteId: 'demo-shop' });
  const { data } = await post<{ conversation: { id: string } }>(
    base,
    '/api/visitor/conversation',
    { answers: { bench: group.name } },
    { Authorization: `Bearer ${session.token}` },
  );
  const id = data.conversation.id;
  const socket = await open(wsUrl(base, `/ws/visitor/conversations/${id}?token=${session.token}`), base, undefined, compress);
  return { id, token: session.token, socket };
}

export const sendText = (ws: WebSocket, text: string) => ws.send(JSON.stringify({ type: 'message', clientId: ulid(), text }));

export const agentSocket = (base: string, cookie: string, id: string, compress = false) =>
  open(wsUrl(base, `/ws/agent/conversations/${id}`), base, cookie, compress);
