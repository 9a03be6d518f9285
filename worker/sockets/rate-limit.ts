/**
 * Token buckets for frames: one per socket (`SocketRateLimit`: a burst of FRAME_BURST, refilled at
 * FRAMES_PER_SECOND), and one shared by a group of sockets (`SharedRateLimit`: the visitor's
 * messages to one chat, however many sockets they open to it).
 *
 * Order matters more than rate: once a message is refused, no other message is taken from that
 * socket until the refused one comes back (clients resend oldest first). Otherwise a later
 * message still in flight could slip in as a token refills, ahead of the refused one. A refused
 * copy of a message already stored gives its turn back (`release`): its sender will not resend it.
 * Kept in memory: hibernation forgets it, which only ever lets a quiet socket start full.
 */
import { FRAME_BURST, FRAMES_PER_SECOND } from '../../protocol/limits';

interface Bucket {
  tokens: number;
  at: number;
}

/** Refills the bucket for the time gone by, then takes a token if there is one: 0, or the milliseconds until there will be. */
function takeToken(bucket: Bucket, burst: number, perSecond: number, now: number, turn: boolean): number {
  bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.at) / 1000) * perSecond);
  bucket.at = now;
  if (bucket.tokens >= 1 && turn) {
    bucket.tokens -= 1;
    return 0;
  }
  return Math.max(1, Math.ceil((Math.max(0, 1 - bucket.tokens) / perSecond) * 1000));
}

/** Per socket: which message it must send next, after one was refused. */
class Turns {
  private readonly refused = new WeakMap<WebSocket, string>();

  /** Whether this frame may be taken now as far as order goes. */
  inTurn(ws: WebSocket, clientId?: string): boolean {
    const first = this.refused.get(ws);
    return clientId === undefined || first === undefined || clientId === first;
  }

  taken(ws: WebSocket, clientId?: string): void {
    if (clientId !== undefined && this.refused.get(ws) === clientId) this.refused.delete(ws);
  }

  refuse(ws: WebSocket, clientId?: string): void {
    if (clientId !== undefined && !this.refused.has(ws)) this.refused.set(ws, clientId);
  }
}

export class SocketRateLimit {
  private readonly buckets = new WeakMap<WebSocket, Bucket>();
  private readonly turns = new Turns();

  /**
   * Takes one token for a frame (a message frame names its client id); returns 0 if the frame
   * may go, or the milliseconds to wait before sending again.
   */
  take(ws: WebSocket, clientId?: string, now = Date.now()): number {
    let bucket = this.buckets.get(ws);
    if (!bucket) this.buckets.set(ws, (bucket = { tokens: FRAME_BURST, at: now }));
    const wait = takeToken(bucket, FRAME_BURST, FRAMES_PER_SECOND, now, this.turns.inTurn(ws, clientId));
    if (wait === 0) this.turns.taken(ws, clientId);
    else this.turns.refuse(ws, clientId);
    return wait;
  }

  /** The refused message was a copy of one already stored: the socket's next message may go. */
  release(ws: WebSocket, clientId: string): void {
    this.turns.taken(ws, clientId);
  }
}

/** One bucket for many sockets; the order rule still holds per socket, so a closed tab holds no one else up. */
export class SharedRateLimit {
  private readonly bucket: Bucket;
  private readonly turns = new Turns();

  constructor(
    private readonly burst: number,
    private readonly perSecond: number,
  ) {
    this.bucket = { tokens: burst, at: Date.now() };
  }

  take(ws: WebSocket, clientId: string, now = Date.now()): number {
    const wait = takeToken(this.bucket, this.burst, this.perSecond, now, this.turns.inTurn(ws, clientId));
    if (wait === 0) this.turns.taken(ws, clientId);
    else this.turns.refuse(ws, clientId);
    return wait;
  }

  /** The refused message was a copy of one already stored: the socket's next message may go. */
  release(ws: WebSocket, clientId: string): void {
    this.turns.taken(ws, clientId);
  }
}
