/**
 * Standard Webhooks signatures (standardwebhooks.com), made by the spec's own library: HMAC-SHA256
 * over `<id>.<timestamp>.<body>` with the endpoint's secret, sent as `webhook-signature: v1,<base64>`,
 * so a receiver can check it with any of the spec's verifiers.
 */
import { Webhook } from 'standardwebhooks';

const SECRET_PREFIX = 'whsec_';

const base64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));

/** A new secret: 24 random bytes, base64, with the prefix the verifiers expect. */
export const newSecret = () => SECRET_PREFIX + base64(crypto.getRandomValues(new Uint8Array(24)));

/** The three headers of one attempt; `timestamp` is Unix seconds, fresh on every attempt. */
export function signedHeaders(secret: string, id: string, timestamp: number, body: string): Record<string, string> {
  const signature = new Webhook(secret).sign(id, new Date(timestamp * 1000), body);
  return { 'webhook-id': id, 'webhook-timestamp': String(timestamp), 'webhook-signature': signature };
}
