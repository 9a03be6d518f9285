/**
 * The base of every Durable Object that holds sockets (a conversation, an agent's inbox, a site).
 * What they all need, once:
 * - heartbeats answered by the runtime (`ping` → `pong`), so idle sockets let the object hibernate;
 * - the upgrade checked and the caller's identity read from the router's header before a
 *   subclass decides, in `onConnect`, whether to accept;
 * - each socket's identity kept in its attachment, which survives hibernation;
 * - typed sends that never throw on a socket closing under us, and broadcasts by tag;
 * - handler errors logged with the class and handler name, the client told only "internal",
 *   and the socket kept.
 * Closing needs nothing: the runtime answers a client's close frame itself (compatibility flag
 * `web_socket_auto_reply_to_close`), and a reserved code such as 1005 or 1006 is never sent back.
 */
import { DurableObject } from 'cloudflare:workers';
import { PING, PONG } from '../../protocol/conversation-frames';
import { errorResponse } from '../http/errors';
import { identityOf, type SocketIdentity } from './socket-identity';

/** An error frame, the one frame every socket of ours may carry. */
interface ErrorFrame {
  type: 'error';
  code: string;
  message: string;
}

export abstract class SocketDO<Env, Attachment extends SocketIdentity, Out extends object> extends DurableObject<Env> {
  /** Sockets whose close is being handled now (several may close at once). */
  private readonly closing = new Set<WebSocket>();

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair(PING, PONG));
  }

  /** Decides whether to take the socket: `acceptSocket(...)` it, or answer with an error response. */
  protected abstract onConnect(request: Request, who: SocketIdentity): Response | Promise<Response>;
  /** A text or binary frame from a client; errors thrown here are logged and answered as `internal`. */
  protected abstract onMessage(ws: WebSocket, raw: string | ArrayBuffer): void | Promise<void>;
  /** The socket is gone (closed, or failed). `sockets()` no longer lists it. */
  protected onClose(_ws: WebSocket): void | Promise<void> {}

  override async fetch(request: Request): Promise<Response> {
    if (request.headers.get('Upgrade') !== 'websocket') return upgradeRequired();
    const who = identityOf(request);
    // Only the router reaches a DO, and it always sets the header: without it, a bug of ours.
    if (!who) return errorResponse(500, { code: 'internal', message: 'Socket identity missing' });
    return this.onConnect(request, who);
  }

  /** Takes the server end of a new socket with its identity and tags, and answers the upgrade. */
  protected acceptSocket(attachment: Attachment, tags: string[] = []): { socket: WebSocket; response: Response } {
    const [client, server] = Object.values(new WebSocketPair()) as [WebSocket, WebSocket];
    this.ctx.acceptWebSocket(server, tags);
    server.serializeAttachment(attachment);
    return { socket: server, response: new Response(null, { status: 101, webSocket: client }) };
  }

  protected identity(ws: WebSocket): Attachment {
    return ws.deserializeAttachment() as Attachment;
  }

  /**
   * The open sockets (with `tag`, or all). A socket whose close is being handled is still listed
   * by the runtime; it is left out here, so "is anyone still there?" has the right answer.
   */
  protected sockets(tag?: string): WebSocket[] {
    return this.ctx.getWebSockets(tag).filter((ws) => !this.closing.has(ws) && ws.readyState !== WebSocket.CLOSING && ws.readyState !== WebSocket.CLOSED);
  }

  protected send(ws: WebSocket, frame: Out | ErrorFrame): void {
    try {
      ws.send(JSON.stringify(frame));
    } catch {
      // The socket closed between our check and the send; its close handler tidies up.
    }
  }

  /** Sends to every open socket with `tag` (or all), but those `skip` names. */
  protected broadcast(frame: Out, tag?: string, skip?: (ws: WebSocket) => boolean): void {
    for (const ws of this.sockets(tag)) if (!skip?.(ws)) this.send(ws, frame);
  }

  override async webSocketMessage(ws: WebSocket, raw: string | ArrayBuffer): Promise<void> {
    try {
      await this.onMessage(ws, raw);
    } catch (err) {
      console.error(`[${this.constructor.name}.webSocketMessage]`, err);
      this.send(ws, { type: 'error', code: 'internal', message: 'Something went wrong on our side' });
    }
  }

  override async webSocketClose(ws: WebSocket): Promise<void> {
    await this.gone(ws, 'webSocketClose');
  }

  override async webSocketError(ws: WebSocket, error: unknown): Promise<void> {
    console.error(`[${this.constructor.name}.webSocketError]`, error);
    await this.gone(ws, 'webSocketError');
  }

  private async gone(ws: WebSocket, handler: string): Promise<void> {
    this.closing.add(ws);
    try {
      await this.onClose(ws);
    } catch (err) {
      console.error(`[${this.constructor.name}.${handler}]`, err);
    } finally {
      this.closing.delete(ws);
    }
  }
}

export function upgradeRequired(): Response {
  return errorResponse(426, { code: 'invalid_request', message: 'Expected a WebSocket upgrade' }, { Upgrade: 'websocket' });
}
