/**
 * `Parley.identify()`: the site's server signs its user's id with the site's identity secret
 * (hex HMAC-SHA256), so Parley can tell agents the name and email are the site's own.
 */
import { equalBytes } from '../auth/encoding';

export async function identityHash(id: string, secret: string): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return new Uint8Array(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(id)));
}

/** True only when the site has a secret and `hash` is its HMAC of `id` (compared in constant time). */
export async function verifyIdentity(id: string, hash: string, secret: string | null): Promise<boolean> {
  if (!secret) return false;
  const given = Uint8Array.from(hash.match(/../g) ?? [], (pair) => parseInt(pair, 16));
  return equalBytes(given, await identityHash(id, secret));
}
