/**
 * One Web Push message: the payload encrypted to the browser's keys (RFC 8291, in the aes128gcm
 * content coding of RFC 8188), signed with our VAPID key, and posted to the push service. All
 * WebCrypto (ECDH, HKDF, AES-GCM, ECDSA): no crypto library in the bundle.
 */
import { fromBase64Url } from '../auth/encoding';

/** Where a device receives pushes, and the keys its payloads are encrypted to. */
export interface PushTarget {
  endpoint: string;
  /** The browser's ECDH P-256 public key, base64url. */
  p256dh: string;
  /** The browser's 16-byte auth secret, base64url. */
  auth: string;
}

export interface PushOptions {
  /** The `Authorization` header from `vapidAuthorization`. */
  authorization: string;
  /** Seconds the push service keeps the message for a device that is offline. */
  ttl: number;
  urgency: 'normal' | 'high';
}

/** One record holds the whole payload; push services take at most 4096 bytes of body. */
const RECORD_SIZE = 4096;
const HEADER_BYTES = 16 + 4 + 1 + 65;
/** The record's delimiter byte and the AES-GCM tag. */
const OVERHEAD = 1 + 16;
export const MAX_PAYLOAD_BYTES = RECORD_SIZE - HEADER_BYTES - OVERHEAD;

const P256 = { name: 'ECDH', namedCurve: 'P-256' } as const;
const TIMEOUT_MS = 10_000;

/** The browser's public key as WebCrypto takes it; throws for bytes that are not a P-256 point. */
export async function importBrowserKey(p256dh: string): Promise<CryptoKey> {
  const raw = fromBase64Url(p256dh);
  if (!raw || raw.length !== 65) throw new Error('p256dh must be 65 bytes, base64url');
  return crypto.subtle.importKey('raw', raw, P256, false, []);
}

/** The push's body: header (salt, record size, our ephemeral public key), then the one record. */
export async function encryptPayload(plaintext: Uint8Array, target: Pick<PushTarget, 'p256dh' | 'auth'>): Promise<Uint8Array<ArrayBuffer>> {
  if (plaintext.length > MAX_PAYLOAD_BYTES) throw new Error(`push payload of ${plaintext.length} bytes is over ${MAX_PAYLOAD_BYTES}`);
  const browserPublic = fromBase64Url(target.p256dh);
  const authSecret = fromBase64Url(target.auth);
  if (!browserPublic || !authSecret) throw new Error('push keys must be base64url');
  const browserKey = await importBrowserKey(target.p256dh);
  // A fresh key pair and salt per message, so no two messages share a content key.
  const local = (await crypto.subtle.generateKey(P256, true, ['deriveBits'])) as CryptoKeyPair;
  const localPublic = new Uint8Array((await crypto.subtle.exportKey('raw', local.publicKey)) as ArrayBuffer);
  const salt = crypto.getRandomValues(new Uint8Array(16));

  // workers-types spells the ECDH parameter `$public`; the runtime, as the standard, reads `public`.
  const ecdh = { name: 'ECDH', public: browserKey } as unknown as SubtleCryptoDeriveKeyAlgorithm;
  const shared = await crypto.subtle.deriveBits(ecdh, local.privateKey, 256);
  // RFC 8291 §3.4: the auth secret and both public keys go into the input keying material.
  const ikm = await hkdf(authSecret, new Uint8Array(shared), concat(ascii('WebPush: info\0'), browserPublic, localPublic), 32);
  const contentKey = await hkdf(salt, ikm, ascii('Content-Encoding: aes128gcm\0'), 16);
  const nonce = await hkdf(salt, ikm, ascii('Content-Encoding: nonce\0'), 12);

  const key = await crypto.subtle.importKey('raw', contentKey, 'AES-GCM', false, ['encrypt']);
  // 0x02 ends the last (here, only) record; no padding.
  const record = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv: nonce }, key, concat(plaintext, Uint8Array.of(2))));
  const header = new Uint8Array(HEADER_BYTES);
  header.set(salt, 0);
  new DataView(header.buffer).setUint32(16, RECORD_SIZE);
  header[20] = localPublic.length;
  header.set(localPublic, 21);
  return concat(header, record);
}

/** The request a push service takes (RFC 8030): encrypted body, VAPID, TTL and urgency. */
export async function pushRequest(target: PushTarget, payload: unknown, options: PushOptions): Promise<Request> {
  const body = await encryptPayload(new TextEncoder().encode(JSON.stringify(payload)), target);
  return new Request(target.endpoint, {
    method: 'POST',
    headers: {
      Authorization: options.authorization,
      TTL: String(options.ttl),
      Urgency: options.urgency,
      'Content-Encoding': 'aes128gcm',
      'Content-Type': 'application/octet-stream',
    },
    body,
    // A push service answers; it never sends us elsewhere.
    redirect: 'manual',
  });
}

/** Posts one push; resolves with the push service's status (201 when it took the message). */
export async function sendPush(target: PushTarget, payload: unknown, options: PushOptions): Promise<number> {
  const res = await fetch(await pushRequest(target, payload, options), { signal: AbortSignal.timeout(TIMEOUT_MS) });
  await res.body?.cancel();
  return res.status;
}

async function hkdf(salt: Uint8Array, ikm: Uint8Array, info: Uint8Array, bytes: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', ikm, 'HKDF', false, ['deriveBits']);
  return new Uint8Array(await crypto.subtle.deriveBits({ name: 'HKDF', hash: 'SHA-256', salt, info }, key, bytes * 8));
}

const ascii = (text: string) => new TextEncoder().encode(text);

function concat(...parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
