/**
 * Sign-in throttling. Every attempt is counted before its password is checked, one statement per
 * key that answers with the new count (`countUpWindows`), so guesses sent in parallel each meet
 * the limit instead of all reading the count from before any was made. In a fixed window:
 * - per email and IP: a person mistyping, not a guesser; past the limit that address is refused
 *   for that account until the window ends;
 * - per IP: one address guessing at many accounts (an IP may be an office, so it is looser);
 * - per email, from anywhere: past it the account is under attack. An address the agent has not
 *   signed in from lately must then bring a solved Turnstile challenge (and is refused outright
 *   when the deployment has no Turnstile keys). The agent's own addresses never need one, so
 *   failing on purpose from many addresses locks no one out of their usual desk.
 * A right password takes its attempt back from the IP's count and clears the account's counts.
 *
 * Answers are not slowed on purpose: a guesser sends in parallel, so a delay costs them nothing
 * while the counts above, taken before the password is checked, bound them whatever they send.
 */
import type { Env } from '../env';
import { HttpError } from '../http/errors';
import { countDown, countUpWindows, openCounts, resetCounts, type Counted } from '../http/rate-counters';
import { turnstileFor } from './turnstile';

export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
/** Attempts allowed in a window: a person mistyping, not a guesser. An IP may be an office. */
export const MAX_EMAIL_IP_FAILURES = 5;
export const MAX_IP_FAILURES = 30;
/** Attempts on one account, from all addresses, past which it is under attack. */
export const UNDER_ATTACK_ATTEMPTS = 10;
/** How long an address the agent signed in from counts as theirs. */
const KNOWN_ADDRESS_MS = 90 * 24 * 60 * 60 * 1000;

export interface SignInAttempt {
  email: string;
  ip: string | null;
  /** A solved challenge's token, when the console was asked for one. */
  turnstileToken?: string | undefined;
}

const emailIpKey = ({ email, ip }: SignInAttempt) => `email-ip:${email}|${ip ?? ''}`;
const emailKey = ({ email }: SignInAttempt) => `email:${email}`;
const ipKey = (ip: string) => `ip:${ip}`;
const knownKey = ({ email, ip }: SignInAttempt) => `signed-in:${email}|${ip ?? ''}`;

/** Counts the attempt, then lets it on to the password check or throws a 429 `throttled`. */
export async function admitSignIn(env: Env, attempt: SignInAttempt, now = Date.now()): Promise<void> {
  const keys = [emailIpKey(attempt), emailKey(attempt), ...(attempt.ip ? [ipKey(attempt.ip)] : [])];
  const [emailIp, email, ip] = await countUpWindows(env.DB, keys, THROTTLE_WINDOW_MS, now);
  for (const [counted, max] of [[emailIp!, MAX_EMAIL_IP_FAILURES], [ip, MAX_IP_FAILURES]] as const) {
    if (counted && counted.count > max) throw tryLater(counted, now);
  }
  if (email!.count <= UNDER_ATTACK_ATTEMPTS) return;
  if ((await openCounts(env.DB, [knownKey(attempt)], now)).size > 0) return;
  const turnstile = turnstileFor(env);
  if (!turnstile) throw tryLater(email!, now);
  if (attempt.turnstileToken && (await turnstile.verify(attempt.turnstileToken, attempt.ip))) return;
  throw new HttpError(
    429,
    { code: 'throttled', message: 'This account has had many failed sign-ins; confirm you are a person to go on', field: 'turnstileToken' },
    { 'Retry-After': String(secondsUntil(email!.windowEnds, now)) },
  );
}

/** The right password: the attempt was no guess. The address becomes one of the agent's own. */
export async function signedIn(db: D1Database, attempt: SignInAttempt, now = Date.now()): Promise<void> {
  await resetCounts(db, [emailIpKey(attempt), emailKey(attempt)]);
  if (attempt.ip) await countDown(db, ipKey(attempt.ip));
  await countUpWindows(db, [knownKey(attempt)], KNOWN_ADDRESS_MS, now);
}

const secondsUntil = (at: number, now: number) => Math.max(1, Math.ceil((at - now) / 1000));

function tryLater(counted: Counted, now: number): HttpError {
  const seconds = secondsUntil(counted.windowEnds, now);
  const minutes = Math.ceil(seconds / 60);
  return new HttpError(
    429,
    { code: 'throttled', message: `Too many failed sign-ins; try again in ${minutes} minute${minutes > 1 ? 's' : ''}` },
    { 'Retry-After': String(seconds) },
  );
}
