/**
 * Origin checks. Browsers send `Origin` on WebSocket upgrades and on cross-site or
 * state-changing requests, and a page cannot forge it; checking it stops other sites from
 * driving a signed-in console or opening a widget for a site that did not allow them.
 */
import { HttpError } from './errors';

export const ownOrigin = (request: Request) => new URL(request.url).origin;

/** Console requests that change state, and agent sockets: only from Parley's own origin. */
export function requireOwnOrigin(request: Request): void {
  const origin = request.headers.get('Origin');
  if (origin !== ownOrigin(request)) throw originRefused(origin);
}

/** Widget requests: Parley's own origin (the demo page) or one the site allows. */
export function requireSiteOrigin(request: Request, allowedOrigins: readonly string[]): void {
  const origin = request.headers.get('Origin');
  if (origin === ownOrigin(request)) return;
  if (origin && allowedOrigins.includes(origin)) return;
  throw originRefused(origin);
}

function originRefused(origin: string | null): HttpError {
  return new HttpError(403, {
    code: 'origin_not_allowed',
    message: origin ? `Origin ${origin} is not allowed` : 'Missing Origin header',
  });
}
