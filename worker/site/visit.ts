import { clientIp } from '../http/client-ip';

/**
 * What the router tells the SiteDO about a visitor's browser when their widget connects. Sent in
 * a header the router always overwrites, like the socket identity.
 */
export const VISIT_HEADER = 'X-Parley-Visit';

export interface VisitInfo {
  siteId: string;
  userAgent?: string;
  /** The first language of Accept-Language, e.g. "nb-NO". */
  language?: string | null;
  /** ISO country code from Cloudflare's edge; absent in local dev. */
  country?: string | null;
  ip?: string | null;
}

export function visitInfo(request: Request, siteId: string): VisitInfo {
  const cf = (request as { cf?: { country?: unknown } }).cf;
  const first = request.headers.get('Accept-Language')?.split(',')[0]?.split(';')[0]?.trim();
  return {
    siteId,
    userAgent: (request.headers.get('User-Agent') ?? '').slice(0, 300),
    language: first && first !== '*' ? first.slice(0, 35) : null,
    country: typeof cf?.country === 'string' ? cf.country : null,
    ip: clientIp(request),
  };
}

/** The request with the visit header set from the request itself, whatever the client sent. */
export function withVisit(request: Request, siteId: string): Request {
  const headers = new Headers(request.headers);
  headers.set(VISIT_HEADER, JSON.stringify(visitInfo(request, siteId)));
  return new Request(request, { headers });
}
