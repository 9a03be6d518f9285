/**
 * Sign-in throttling: failed attempts are counted per email from one IP, per email from anywhere,
 * and per client IP, in a fixed window. Past a limit, sign-in is refused (even with the right
 * password) until the window ends. The tight limit is per email *and* IP, so a stranger cannot
 * lock an agent out by guessing wrong on purpose; the loose per-email limit still stops guessing
 * spread over many addresses.
 */
import { HttpError } from '../http/errors';
import { countUp, openCounts, resetCounts } from '../http/rate-counters';

export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
/** Failures allowed in a window: a person mistyping, not a guesser. An IP may be an office. */
export const MAX_EMAIL_IP_FAILURES = 5;
export const MAX_EMAIL_FAILURES = 50;
export const MAX_IP_FAILURES = 30;

export interface ThrottleKeys {
  email: string;
  ip: string | null;
}

const keysOf = ({ email, ip }: ThrottleKeys) => [
  { key: `email-ip:${email}|${ip ?? ''}`, max: MAX_EMAIL_IP_FAILURES },
  { key: `email:${email}`, max: MAX_EMAIL_FAILURES },
  ...(ip ? [{ key: `ip:${ip}`, max: MAX_IP_FAILURES }] : []),
];

/** Throws a 429 `throttled`, with when to retry, if any key has failed too often lately. */
export async function refuseIfThrottled(db: D1Database, who: ThrottleKeys, now = Date.now()): Promise<void> {
  const keys = keysOf(who);
  const counts = await openCounts(db, keys.map((k) => k.key), now);
  const blockedUntil = Math.max(0, ...keys.map((k) => counts.get(k.key)).map((c, i) => (c && c.count >= keys[i]!.max ? c.windowEnds : 0)));
  if (blockedUntil === 0) return;
  const seconds = Math.ceil((blockedUntil - now) / 1000);
  const minutes = Math.ceil(seconds / 60);
  throw new HttpError(
    429,
    { code: 'throttled', message: `Too many failed sign-ins; try again in ${minutes} minute${minutes > 1 ? 's' : ''}` },
    { 'Retry-After': String(seconds) },
  );
}

export async function recordFailure(db: D1Database, who: ThrottleKeys, now = Date.now()): Promise<void> {
  await countUp(db, keysOf(who).map((k) => k.key), THROTTLE_WINDOW_MS, now);
}

/** A right password clears the email's counts (not the IP's: one good account does not vouch for the rest). */
export async function clearFailures(db: D1Database, who: ThrottleKeys): Promise<void> {
  const [emailIp, email] = keysOf(who);
  await resetCounts(db, [emailIp!.key, email!.key]);
}
