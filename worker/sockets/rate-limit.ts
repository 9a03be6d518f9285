/**
 * A token bucket per socket: a burst of FRAME_BURST frames, refilled at FRAMES_PER_SECOND.
 *
 * Order matters more than rate: once a message is refused, no other message is taken from that
 * socket until the refused one comes back (clients resend oldest first). Otherwise a later
 * message still in flight could slip in as a token refills, ahead of the refused one.
 * Kept in memory: hibernation forgets it, which only ever lets a quiet socket start full.
 */
import { FRAME_BURST, FRAMES_PER_SECOND } from '../../protocol/limits';

interface Bucket {
  tokens: number;
  at: number;
  /** The first message refused, which must be the next one taken. */
  refused: string | null;
}

export class SocketRateLimit {
  private readonly buckets = new WeakMap<WebSocket, Bucket>();

  /**
   * Takes one token for a frame (a message frame names its client id); returns 0 if the frame
   * may go, or the milliseconds to wait before sending again.
   */
  take(ws: WebSocket, clientId?: string, now = Date.now()): number {
    const bucket = this.buckets.get(ws) ?? { tokens: FRAME_BURST, at: now, refused: null };
    this.buckets.set(ws, bucket);
    bucket.tokens = Math.min(FRAME_BURST, bucket.tokens + ((now - bucket.at) / 1000) * FRAMES_PER_SECOND);
    bucket.at = now;
    const outOfTurn = clientId !== undefined && bucket.refused !== null && clientId !== bucket.refused;
    if (bucket.tokens >= 1 && !outOfTurn) {
      bucket.tokens -= 1;
      if (clientId === bucket.refused) bucket.refused = null;
      return 0;
    }
    if (clientId !== undefined) bucket.refused ??= clientId;
    return Math.max(1, Math.ceil(((1 - bucket.tokens) / FRAMES_PER_SECOND) * 1000));
  }
}
