/**
 * Visitor tokens: `<payload>.<signature>`, an HMAC-SHA256 over the payload with PARLEY_SECRET.
 * The visitor keeps it in localStorage; it names one visitor on one site and opens only that
 * visitor's conversations. No server-side state, so any Worker instance can check it.
 */
import { equalBytes, fromBase64Url, hmacSha256, toBase64Url } from './encoding';

export interface VisitorClaims {
  visitorId: string;
  siteId: string;
}

export async function issueVisitorToken(claims: VisitorClaims, secret: string): Promise<string> {
  const payload = toBase64Url(new TextEncoder().encode(JSON.stringify({ v: claims.visitorId, s: claims.siteId })));
  return `${payload}.${toBase64Url(await hmacSha256(secret, payload))}`;
}

export async function readVisitorToken(token: string, secret: string): Promise<VisitorClaims | null> {
  const [payload, signature, extra] = token.split('.');
  if (!payload || !signature || extra !== undefined) return null;
  const given = fromBase64Url(signature);
  if (!given || !equalBytes(given, await hmacSha256(secret, payload))) return null;
  const bytes = fromBase64Url(payload);
  if (!bytes) return null;
  try {
    const data = JSON.parse(new TextDecoder().decode(bytes)) as { v?: unknown; s?: unknown };
    if (typeof data.v !== 'string' || typeof data.s !== 'string') return null;
    return { visitorId: data.v, siteId: data.s };
  } catch {
    return null;
  }
}
