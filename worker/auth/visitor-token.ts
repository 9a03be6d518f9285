/**
 * Visitor tokens: `<payload>.<signature>`, an HMAC-SHA256 over the payload with PARLEY_SECRET.
 * The visitor keeps it in localStorage; it names one visitor on one site and opens only that
 * visitor's conversations. No server-side state, so any Worker instance can check it.
 */
import { equalBytes, fromBase64Url, toBase64Url } from './encoding';

export interface VisitorClaims {
  visitorId: string;
  siteId: string;
}

const keys = new Map<string, Promise<CryptoKey>>();

function hmacKey(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret);
  if (!key) {
    const raw = new TextEncoder().encode(secret);
    key = crypto.subtle.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    keys.set(secret, key);
  }
  return key;
}

async function sign(payload: string, secret: string): Promise<Uint8Array> {
  const mac = await crypto.subtle.sign('HMAC', await hmacKey(secret), new TextEncoder().encode(payload));
  return new Uint8Array(mac);
}

export async function issueVisitorToken(claims: VisitorClaims, secret: string): Promise<string> {
  const payload = toBase64Url(new TextEncoder().encode(JSON.stringify({ v: claims.visitorId, s: claims.siteId })));
  return `${payload}.${toBase64Url(await sign(payload, secret))}`;
}

export async function readVisitorToken(token: string, secret: string): Promise<VisitorClaims | null> {
  const [payload, signature, extra] = token.split('.');
  if (!payload || !signature || extra !== undefined) return null;
  const given = fromBase64Url(signature);
  if (!given || !equalBytes(given, await sign(payload, secret))) return null;
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
