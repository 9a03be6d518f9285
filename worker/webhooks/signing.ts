/**
 * Standard Webhooks signatures (standardwebhooks.com): HMAC-SHA256 over `<id>.<timestamp>.<body>`
 * with the endpoint's secret, sent as `webhook-signature: v1,<base64>`, so a receiver can check
 * it with any of the spec's verifier libraries.
 */
import { fromBase64Url } from '../auth/encoding';

const SECRET_PREFIX = 'whsec_';

const base64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));

/** A new secret: 24 random bytes, base64, with the prefix the verifiers expect. */
export const newSecret = () => SECRET_PREFIX + base64(crypto.getRandomValues(new Uint8Array(24)));

function keyBytes(secret: string): Uint8Array<ArrayBuffer> {
  const b64 = secret.slice(SECRET_PREFIX.length).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
  const bytes = fromBase64Url(b64);
  if (!bytes) throw new Error('webhook secret is not base64');
  return bytes;
}

/** The three headers of one attempt; `timestamp` is Unix seconds, fresh on every attempt. */
export async function signedHeaders(secret: string, id: string, timestamp: number, body: string): Promise<Record<string, string>> {
  const key = await crypto.subtle.importKey('raw', keyBytes(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(`${id}.${timestamp}.${body}`));
  return { 'webhook-id': id, 'webhook-timestamp': String(timestamp), 'webhook-signature': `v1,${base64(new Uint8Array(mac))}` };
}
