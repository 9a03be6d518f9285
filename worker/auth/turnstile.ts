/**
 * Cloudflare Turnstile, the challenge that tells a person from a script, behind one small
 * interface: the real siteverify call for deployments with keys, and an offline fake chosen by
 * configuration (`TURNSTILE_FAKE`) for the tests, which reach no network.
 */
import type { Env } from '../env';

export interface Turnstile {
  /** Public: the page renders the challenge with it. */
  readonly siteKey: string;
  /** Whether the token a solved challenge gave is genuine (and unused). */
  verify(token: string, ip: string | null): Promise<boolean>;
}

const SITEVERIFY = 'https://challenges.cloudflare.com/turnstile/v0/siteverify';

/** The fake's keys; its one good token is the one Cloudflare's test keys hand out. */
export const FAKE_TURNSTILE = { siteKey: 'fake-turnstile-site-key', passToken: 'XXXX.DUMMY.TOKEN.XXXX' } as const;

/** The deployment's Turnstile, or null when it has no keys (then nothing can ask for a challenge). */
export function turnstileFor(env: Env): Turnstile | null {
  if (env.TURNSTILE_FAKE) return { siteKey: FAKE_TURNSTILE.siteKey, verify: async (token) => token === FAKE_TURNSTILE.passToken };
  if (env.TURNSTILE_SITE_KEY && env.TURNSTILE_SECRET_KEY) return siteverify(env.TURNSTILE_SITE_KEY, env.TURNSTILE_SECRET_KEY);
  return null;
}

function siteverify(siteKey: string, secret: string): Turnstile {
  return {
    siteKey,
    async verify(token, ip) {
      const body = new FormData();
      body.append('secret', secret);
      body.append('response', token);
      if (ip) body.append('remoteip', ip);
      try {
        const res = await fetch(SITEVERIFY, { method: 'POST', body, signal: AbortSignal.timeout(5000) });
        return ((await res.json()) as { success?: unknown }).success === true;
      } catch (err) {
        // Unverifiable counts as unsolved: a challenge that fails open protects nothing.
        console.error('[turnstile] siteverify failed', err);
        return false;
      }
    },
  };
}
