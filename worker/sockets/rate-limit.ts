/**
 * A token bucket per socket: a burst of FRAME_BURST frames, refilled at FRAMES_PER_SECOND.
 * Kept in memory: hibernation forgets it, which only ever lets a quiet socket start full.
 */
import { FRAME_BURST, FRAMES_PER_SECOND } from '../../protocol/limits';

interface Bucket {
  tokens: number;
  at: number;
}

export class SocketRateLimit {
  private readonly buckets = new WeakMap<WebSocket, Bucket>();

  /** Takes one token; returns 0 if the frame may go, or the milliseconds until one may. */
  take(ws: WebSocket, now = Date.now()): number {
    const bucket = this.buckets.get(ws) ?? { tokens: FRAME_BURST, at: now };
    bucket.tokens = Math.min(FRAME_BURST, bucket.tokens + ((now - bucket.at) / 1000) * FRAMES_PER_SECOND);
    bucket.at = now;
    this.buckets.set(ws, bucket);
    if (bucket.tokens < 1) return Math.ceil(((1 - bucket.tokens) / FRAMES_PER_SECOND) * 1000);
    bucket.tokens -= 1;
    return 0;
  }
}
