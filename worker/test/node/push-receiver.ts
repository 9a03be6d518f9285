/**
 * A push service and a browser in one, for the worker tests: Miniflare hands it the Worker's
 * outbound requests to https://push.test (vitest.config.ts), in Node, outside the Worker. It checks
 * each push as a real push service would (VAPID JWT: ES256 with the key in the header, which must be
 * the key the device subscribed with; `aud` the endpoint's origin; `exp` within 24 hours; `sub`
 * mailto: or https:) and decrypts the payload as a browser would (RFC 8291, aes128gcm), with
 * Node's own crypto, so the Worker's WebCrypto code is checked by an independent implementation.
 *
 * The tests drive it over the same outbound fetch:
 * - `POST https://push.test/subscriptions {applicationServerKey, status?}` makes a device and
 *   answers `{endpoint, keys}` as `PushSubscription.toJSON()` would; `status` (e.g. 410) is what
 *   its endpoint answers every push with, for a device that has gone.
 * - `GET <endpoint>` lists what the endpoint received: `{payload, ttl, urgency}` or `{error}`.
 */
import { createECDH, createDecipheriv, createPublicKey, hkdfSync, randomBytes, randomUUID, verify } from 'node:crypto';

export const PUSH_HOST = 'push.test';

interface Device {
  privateKey: Buffer;
  publicKey: Buffer;
  auth: Buffer;
  applicationServerKey: string;
  status: number;
  received: Received[];
}

export type Received = { payload: unknown; ttl: string | null; urgency: string | null } | { error: string };

const devices = new Map<string, Device>();

const b64url = (bytes: Buffer) => bytes.toString('base64url');

export async function pushReceiver(request: Request): Promise<Response> {
  const url = new URL(request.url);
  if (request.method === 'POST' && url.pathname === '/subscriptions') return subscribe((await request.json()) as { applicationServerKey: string; status?: number });
  const device = devices.get(url.pathname.replace(/^\/push\//, ''));
  if (!device) return new Response('no such subscription', { status: 404 });
  if (request.method === 'GET') return Response.json(device.received);
  try {
    const body = Buffer.from(await request.arrayBuffer());
    checkVapid(request, url, device);
    if (request.headers.get('Content-Encoding') !== 'aes128gcm') throw new Error('Content-Encoding must be aes128gcm');
    if (request.headers.get('TTL') === null) throw new Error('TTL header missing');
    const payload = JSON.parse(decrypt(body, device).toString('utf8')) as unknown;
    device.received.push({ payload, ttl: request.headers.get('TTL'), urgency: request.headers.get('Urgency') });
    return new Response(null, { status: device.status });
  } catch (err) {
    device.received.push({ error: (err as Error).message });
    return new Response((err as Error).message, { status: 400 });
  }
}

function subscribe({ applicationServerKey, status = 201 }: { applicationServerKey: string; status?: number }): Response {
  const ecdh = createECDH('prime256v1');
  const publicKey = ecdh.generateKeys();
  const id = randomUUID();
  const auth = randomBytes(16);
  devices.set(id, { privateKey: ecdh.getPrivateKey(), publicKey, auth, applicationServerKey, status, received: [] });
  return Response.json({ endpoint: `https://${PUSH_HOST}/push/${id}`, expirationTime: null, keys: { p256dh: b64url(publicKey), auth: b64url(auth) } });
}

/** RFC 8292: `Authorization: vapid t=<JWT>, k=<public key>`. */
function checkVapid(request: Request, url: URL, device: Device): void {
  const match = /^vapid t=([\w-]+\.[\w-]+\.[\w-]+), k=([\w-]+)$/.exec(request.headers.get('Authorization') ?? '');
  if (!match) throw new Error('Authorization must be "vapid t=…, k=…"');
  const [, token, key] = match as unknown as [string, string, string];
  if (key !== device.applicationServerKey) throw new Error('k is not the key this device subscribed with');
  const [header, claims, signature] = token.split('.') as [string, string, string];
  const point = Buffer.from(key, 'base64url');
  const publicKey = createPublicKey({
    key: { kty: 'EC', crv: 'P-256', x: b64url(point.subarray(1, 33)), y: b64url(point.subarray(33)) },
    format: 'jwk',
  });
  const signed = verify('sha256', Buffer.from(`${header}.${claims}`), { key: publicKey, dsaEncoding: 'ieee-p1363' }, Buffer.from(signature, 'base64url'));
  if (!signed) throw new Error('JWT signature does not verify');
  const head = JSON.parse(Buffer.from(header, 'base64url').toString()) as { alg?: string };
  if (head.alg !== 'ES256') throw new Error(`JWT alg is ${head.alg}, not ES256`);
  const { aud, exp, sub } = JSON.parse(Buffer.from(claims, 'base64url').toString()) as { aud?: string; exp?: number; sub?: string };
  if (aud !== url.origin) throw new Error(`JWT aud is ${aud}, not ${url.origin}`);
  const now = Date.now() / 1000;
  if (typeof exp !== 'number' || exp <= now || exp > now + 24 * 60 * 60) throw new Error(`JWT exp ${exp} is not within 24 hours`);
  if (typeof sub !== 'string' || !/^(mailto:|https:)/.test(sub)) throw new Error(`JWT sub ${sub} is not mailto: or https:`);
}

/** RFC 8291 §3.4 and RFC 8188 §2, from the receiving end. */
function decrypt(body: Buffer, device: Device): Buffer {
  const salt = body.subarray(0, 16);
  const recordSize = body.readUInt32BE(16);
  const keyLength = body[20]!;
  const senderKey = body.subarray(21, 21 + keyLength);
  const record = body.subarray(21 + keyLength);
  if (record.length > recordSize) throw new Error('more than one record');
  const ecdh = createECDH('prime256v1');
  ecdh.setPrivateKey(device.privateKey);
  const shared = ecdh.computeSecret(senderKey);
  const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), device.publicKey, senderKey]);
  const ikm = Buffer.from(hkdfSync('sha256', shared, device.auth, keyInfo, 32));
  const contentKey = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: aes128gcm\0'), 16));
  const nonce = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: nonce\0'), 12));
  const decipher = createDecipheriv('aes-128-gcm', contentKey, nonce);
  decipher.setAuthTag(record.subarray(record.length - 16));
  const padded = Buffer.concat([decipher.update(record.subarray(0, record.length - 16)), decipher.final()]);
  let end = padded.length - 1;
  while (end >= 0 && padded[end] === 0) end--;
  if (padded[end] !== 2) throw new Error('the record does not end with the last-record delimiter 0x02');
  return padded.subarray(0, end);
}
