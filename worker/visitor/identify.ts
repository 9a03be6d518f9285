/**
 * `Parley.identify()`: the site's server signs its user's id with the site's identity secret
 * (hex HMAC-SHA256), so Parley can tell agents the name and email are the site's own.
 */
import { equalBytes, hmacSha256 } from '../auth/encoding';

/** True only when the site has a secret and `hash` is its HMAC of `id` (compared in constant time). */
export async function verifyIdentity(id: string, hash: string, secret: string | null): Promise<boolean> {
  if (!secret) return false;
  const given = Uint8Array.from(hash.match(/../g) ?? [], (pair) => parseInt(pair, 16));
  return equalBytes(given, await hmacSha256(secret, id));
}
