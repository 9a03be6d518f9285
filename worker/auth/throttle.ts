/**
 * Sign-in throttling: failed attempts are counted per email from one IP, per email from anywhere,
 * and per client IP, in a fixed window. Past a limit, sign-in is refused (even with the right
 * password) until the window ends. The tight limit is per email *and* IP, so a stranger cannot
 * lock an agent out by guessing wrong on purpose; the loose per-email limit still stops guessing
 * spread over many addresses.
 */
import { inArray, lt } from 'drizzle-orm';
import { database } from '../db/client';
import { signInAttempts } from '../db/schema';
import { errorResponse } from '../http/errors';

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

/** A 429 `throttled` response, with when to retry, if either key has failed too often lately; else null. */
export async function throttled(db: D1Database, who: ThrottleKeys, now = Date.now()): Promise<Response | null> {
  const keys = keysOf(who);
  const rows = await database(db).select().from(signInAttempts).where(inArray(signInAttempts.key, keys.map((k) => k.key)));
  const blockedUntil = Math.max(
    0,
    ...rows
      .filter((r) => r.windowStart + THROTTLE_WINDOW_MS > now && r.failures >= keys.find((k) => k.key === r.key)!.max)
      .map((r) => r.windowStart + THROTTLE_WINDOW_MS),
  );
  if (blockedUntil === 0) return null;
  const seconds = Math.ceil((blockedUntil - now) / 1000);
  const minutes = Math.ceil(seconds / 60);
  const res = errorResponse(429, {
    code: 'throttled',
    message: `Too many failed sign-ins; try again in ${minutes} minute${minutes > 1 ? 's' : ''}`,
  });
  res.headers.set('Retry-After', String(seconds));
  return res;
}

export async function recordFailure(db: D1Database, who: ThrottleKeys, now = Date.now()): Promise<void> {
  const stale = now - THROTTLE_WINDOW_MS;
  await db.batch(
    keysOf(who).map(({ key }) =>
      db
        .prepare(
          `INSERT INTO sign_in_attempts (key, failures, window_start) VALUES (?1, 1, ?2)
           ON CONFLICT (key) DO UPDATE SET
             failures = CASE WHEN window_start <= ?3 THEN 1 ELSE failures + 1 END,
             window_start = CASE WHEN window_start <= ?3 THEN ?2 ELSE window_start END`,
        )
        .bind(key, now, stale),
    ),
  );
}

/** A right password clears the email's counts (not the IP's: one good account does not vouch for the rest). */
export async function clearFailures(db: D1Database, who: ThrottleKeys): Promise<void> {
  const [emailIp, email] = keysOf(who);
  await database(db).delete(signInAttempts).where(inArray(signInAttempts.key, [emailIp!.key, email!.key]));
}

/** Daily: counts whose window ended are forgotten, so the table holds only recent failures. */
export async function forgetStaleAttempts(db: D1Database, now = Date.now()): Promise<void> {
  await database(db).delete(signInAttempts).where(lt(signInAttempts.windowStart, now - THROTTLE_WINDOW_MS));
}
