/**
 * VAPID (RFC 8292): the Worker's P-256 key pair, which push services know its pushes by, and the
 * ES256 JWT that signs each push. The keys come from the `VAPID_PUBLIC_KEY`/`VAPID_PRIVATE_KEY`
 * secrets when both are set (base64url, the format `web-push generate-vapid-keys` prints), else
 * from D1, where the first need makes them. Changing them ends every device's subscription, since
 * a browser subscribes to one public key.
 */
import { eq } from 'drizzle-orm';
import { fromBase64Url, toBase64Url } from '../auth/encoding';
import { database } from '../db/client';
import { vapidKeys } from '../db/schema';
import type { Env } from '../env';

export interface VapidKeys {
  /** The uncompressed public point, base64url: the console subscribes with it. */
  publicKey: string;
  privateKey: CryptoKey;
}

interface StoredKeys {
  publicKey: string;
  privateKey: string;
}

const ROW_ID = 'vapid';
/** Push services refuse a JWT that lives longer than 24 hours; 12 leaves room for clock skew. */
const JWT_LIFETIME_S = 12 * 60 * 60;
const ES256 = { name: 'ECDSA', namedCurve: 'P-256' } as const;

/** The public key the console subscribes with. */
export async function vapidPublicKey(env: Env): Promise<string> {
  return (await keyPair(env)).publicKey;
}

/** Read once per batch of notifications (one D1 row), so a key change reaches every isolate at once. */
export async function vapidKeysOf(env: Env): Promise<VapidKeys> {
  const stored = await keyPair(env);
  return { publicKey: stored.publicKey, privateKey: await importPrivateKey(stored) };
}

function keyPair(env: Env): Promise<StoredKeys> {
  if (env.VAPID_PUBLIC_KEY && env.VAPID_PRIVATE_KEY) return Promise.resolve({ publicKey: env.VAPID_PUBLIC_KEY, privateKey: env.VAPID_PRIVATE_KEY });
  return storedKeys(env.DB);
}

/** The keys in D1, made now if there are none; when two isolates race, the first row wins. */
async function storedKeys(db: D1Database): Promise<StoredKeys> {
  const d = database(db);
  const read = async () => (await d.select().from(vapidKeys).where(eq(vapidKeys.id, ROW_ID)).limit(1))[0];
  const existing = await read();
  if (existing) return existing;
  await d.insert(vapidKeys).values({ id: ROW_ID, ...(await generateKeys()), createdAt: Date.now() }).onConflictDoNothing();
  return (await read())!;
}

async function generateKeys(): Promise<StoredKeys> {
  const pair = (await crypto.subtle.generateKey(ES256, true, ['sign', 'verify'])) as CryptoKeyPair;
  const publicKey = new Uint8Array((await crypto.subtle.exportKey('raw', pair.publicKey)) as ArrayBuffer);
  const { d } = (await crypto.subtle.exportKey('jwk', pair.privateKey)) as JsonWebKey;
  return { publicKey: toBase64Url(publicKey), privateKey: d! };
}

/** WebCrypto takes a private EC key as a JWK, which wants the public point beside the scalar. */
async function importPrivateKey({ publicKey, privateKey }: StoredKeys): Promise<CryptoKey> {
  const point = fromBase64Url(publicKey);
  if (!point || point.length !== 65 || point[0] !== 4) throw new Error('VAPID public key must be an uncompressed P-256 point, base64url');
  const jwk: JsonWebKey = { kty: 'EC', crv: 'P-256', d: privateKey, x: toBase64Url(point.subarray(1, 33)), y: toBase64Url(point.subarray(33)) };
  return crypto.subtle.importKey('jwk', jwk, ES256, false, ['sign']);
}

/**
 * Who the push services can contact about our pushes: the configured `VAPID_SUBJECT`, else the
 * mail sender, else the console's own https origin; none for a plain-http origin (local dev),
 * which RFC 8292 allows and which no push service accepts as a contact.
 */
export function vapidSubject(env: Env, consoleOrigin: string): string | null {
  if (env.VAPID_SUBJECT) return env.VAPID_SUBJECT;
  if (env.MAIL_FROM) return `mailto:${env.MAIL_FROM}`;
  return consoleOrigin.startsWith('https://') ? consoleOrigin : null;
}

/** The `Authorization` header of one push: a JWT for the endpoint's origin, and our public key. */
export async function vapidAuthorization(endpoint: string, keys: VapidKeys, subject: string | null, now = Date.now()): Promise<string> {
  const text = (value: unknown) => toBase64Url(new TextEncoder().encode(JSON.stringify(value)));
  const claims = { aud: new URL(endpoint).origin, exp: Math.floor(now / 1000) + JWT_LIFETIME_S, ...(subject ? { sub: subject } : {}) };
  const unsigned = `${text({ typ: 'JWT', alg: 'ES256' })}.${text(claims)}`;
  // WebCrypto's ECDSA signature is r‖s, 64 bytes: the form JWS (RFC 7518) wants, no DER.
  const signature = await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, keys.privateKey, new TextEncoder().encode(unsigned));
  return `vapid t=${unsigned}.${toBase64Url(new Uint8Array(signature))}, k=${keys.publicKey}`;
}
