/**
 * Agent passwords: PBKDF2-SHA256 from WebCrypto, stored as `pbkdf2$<iterations>$<salt>$<hash>`.
 * 100,000 iterations is the most the Workers runtime allows.
 */
import { equalBytes, fromBase64Url, toBase64Url } from './encoding';

const ITERATIONS = 100_000;

async function derive(password: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, key, 256);
  return new Uint8Array(bits);
}

export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const hash = await derive(password, salt, ITERATIONS);
  return `pbkdf2$${ITERATIONS}$${toBase64Url(salt)}$${toBase64Url(hash)}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, iterations, salt, hash] = stored.split('$');
  const saltBytes = salt ? fromBase64Url(salt) : null;
  const hashBytes = hash ? fromBase64Url(hash) : null;
  const rounds = Number(iterations);
  if (scheme !== 'pbkdf2' || !saltBytes || !hashBytes || !Number.isInteger(rounds) || rounds < 1) return false;
  return equalBytes(await derive(password, saltBytes, rounds), hashBytes);
}
