/**
 * A site "under attack": the admin's switch for when spam floods in past the per-IP and
 * per-visitor limits (`visitor/visitor-limits.ts`). While it is on, starting a chat and leaving a
 * message need a solved Turnstile challenge; the widget learns the site key from the site's status.
 */
import type { sites } from '../db/schema';
import type { Env } from '../env';
import { clientIp } from '../http/client-ip';
import { HttpError } from '../http/errors';
import { turnstileFor } from '../auth/turnstile';

type SiteRow = typeof sites.$inferSelect;

/** The site key the widget renders the challenge with, or null when no challenge is asked. */
export const challengeSiteKey = (env: Env, site: SiteRow): string | null => (site.underAttack ? (turnstileFor(env)?.siteKey ?? null) : null);

/** The switch can go on only where a challenge can be asked: otherwise it would do nothing. */
export function requireChallengeAvailable(env: Env, underAttack: boolean | undefined): void {
  if (underAttack && !turnstileFor(env)) {
    throw new HttpError(400, {
      code: 'invalid_request',
      message: 'underAttack: set the Turnstile keys (TURNSTILE_SITE_KEY, TURNSTILE_SECRET_KEY) first',
      field: 'underAttack',
    });
  }
}

/** While the site is under attack, throws 403 `challenge_required` unless the request brings a solved challenge. */
export async function requireHuman(env: Env, site: SiteRow, token: string | undefined, request: Request): Promise<void> {
  if (!site.underAttack) return;
  const turnstile = turnstileFor(env);
  if (!turnstile) return;
  if (token && (await turnstile.verify(token, clientIp(request)))) return;
  throw new HttpError(403, { code: 'challenge_required', message: 'Confirm you are a person first', field: 'turnstileToken' });
}
