/**
 * How often anonymous visitors may make things, per IP and per visitor, in fixed windows counted
 * in D1 (`countUpWindows`: each request sees its own count, so a burst cannot pass together).
 * Sessions are limited per IP (a new session is a new visitor, so per visitor means nothing);
 * the rest per visitor too, as a visitor token is cheap to get but not free.
 *
 * The per-IP limits leave room for many people behind one address (offices, mobile carriers).
 * Loopback is not limited per IP: only local runs see it, where every visitor is the developer.
 */
import { clientIp } from '../http/client-ip';
import { HttpError } from '../http/errors';
import { countUpWindows } from '../http/rate-counters';

const MINUTE = 60_000;

export type VisitorAction = 'session' | 'conversation' | 'ticket' | 'upload';

interface Limits {
  windowMs: number;
  perIp: number;
  perVisitor: number | null;
  /** What is refused, as the message says it. */
  what: string;
}

export const VISITOR_LIMITS: Record<VisitorAction, Limits> = {
  session: { windowMs: MINUTE, perIp: 30, perVisitor: null, what: 'new visitors' },
  conversation: { windowMs: 10 * MINUTE, perIp: 30, perVisitor: 5, what: 'new chats' },
  ticket: { windowMs: 60 * MINUTE, perIp: 10, perVisitor: 3, what: 'messages left' },
  upload: { windowMs: 10 * MINUTE, perIp: 60, perVisitor: 20, what: 'uploads' },
};

const isLoopback = (ip: string) => ip === '::1' || ip.startsWith('127.');

/** Counts one `action` by this visitor (null: not known) from the request's IP; throws 429 `rate_limited` with `Retry-After` past a limit. */
export async function countVisitorAction(db: D1Database, action: VisitorAction, request: Request, visitorId: string | null, now = Date.now()): Promise<void> {
  const limits = VISITOR_LIMITS[action];
  const ip = clientIp(request);
  const keys: Array<[string, number]> = [];
  if (ip && !isLoopback(ip)) keys.push([`${action}:ip:${ip}`, limits.perIp]);
  if (visitorId && limits.perVisitor !== null) keys.push([`${action}:visitor:${visitorId}`, limits.perVisitor]);
  if (!keys.length) return;
  const counted = await countUpWindows(db, keys.map(([key]) => key), limits.windowMs, now);
  const over = counted.filter((c, i) => c.count > keys[i]![1]);
  if (!over.length) return;
  const seconds = Math.max(1, Math.ceil((Math.max(...over.map((c) => c.windowEnds)) - now) / 1000));
  const wait = seconds < 120 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`;
  throw new HttpError(429, { code: 'rate_limited', message: `Too many ${limits.what} from here; try again in ${wait}` }, { 'Retry-After': String(seconds) });
}
