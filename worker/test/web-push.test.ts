/**
 * Web Push from the Worker, checked by an independent push service (`node/push-receiver.ts`, Node's
 * crypto): the VAPID JWT, the RFC 8291 payload encryption, and the VAPID keys themselves.
 */
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { fromBase64Url, toBase64Url } from '../auth/encoding';
import { vapidAuthorization, vapidKeysOf, vapidPublicKey, vapidSubject } from '../notifications/vapid';
import { encryptPayload, MAX_PAYLOAD_BYTES, sendPush } from '../notifications/web-push';
import { call, signIn } from './helpers';
import { newDevice, received, type Device } from './push-devices';

const target = (device: Device) => ({ endpoint: device.endpoint, ...device.keys });

async function push(device: Device, payload: unknown, keys = vapidKeysOf(env), subject: string | null = 'mailto:owner@shop.example') {
  const authorization = await vapidAuthorization(device.endpoint, await keys, subject);
  return sendPush(target(device), payload, { authorization, ttl: 60, urgency: 'high' });
}

/** A second VAPID key pair, as another server would have. */
async function otherKeys() {
  const pair = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign'])) as CryptoKeyPair;
  const publicKey = toBase64Url(new Uint8Array((await crypto.subtle.exportKey('raw', pair.publicKey)) as ArrayBuffer));
  return { publicKey, privateKey: pair.privateKey, d: ((await crypto.subtle.exportKey('jwk', pair.privateKey)) as JsonWebKey).d! };
}

describe('VAPID', () => {
  it('signs a JWT the push service verifies: ES256 with our key, aud the endpoint origin, exp within 24 hours, a contact', async () => {
    const device = await newDevice();
    expect(await push(device, { hello: 'device' })).toBe(201);
    expect(await received(device)).toEqual([{ payload: { hello: 'device' }, ttl: '60', urgency: 'high' }]);

    const [, token] = /t=([^,]+)/.exec(await vapidAuthorization('https://push.test/push/x', await vapidKeysOf(env), 'mailto:owner@shop.example', 0))!;
    const claims = JSON.parse(new TextDecoder().decode(fromBase64Url(token!.split('.')[1]!)!));
    expect(claims).toEqual({ aud: 'https://push.test', exp: 12 * 60 * 60, sub: 'mailto:owner@shop.example' });
  });

  it('is refused when signed with a key the device did not subscribe with, or without a contact', async () => {
    const device = await newDevice();
    const stranger = await otherKeys();
    expect(await push(device, { n: 1 }, Promise.resolve(stranger))).toBe(400);
    expect(await push(device, { n: 2 }, vapidKeysOf(env), null)).toBe(400);
    expect(await received(device)).toEqual([{ error: 'k is not the key this device subscribed with' }, { error: 'JWT sub undefined is not mailto: or https:' }]);
  });

  it('makes the key pair on first need, keeps it in D1, and serves its public half to the console', async () => {
    expect(await env.DB.prepare('SELECT COUNT(*) AS n FROM vapid_keys').first('n')).toBe(0);
    const res = await call('/api/console/notifications', { cookie: await signIn('alice@example.com') });
    const { push: served } = (await res.json()) as { push: { publicKey: string; devices: number } };
    expect(served.devices).toBe(0);
    expect(fromBase64Url(served.publicKey)).toHaveLength(65);
    expect(await env.DB.prepare('SELECT public_key FROM vapid_keys').first('public_key')).toBe(served.publicKey);
    expect(await vapidPublicKey(env)).toBe(served.publicKey);
  });

  it('uses the key pair from the secrets when both are set', async () => {
    const keys = await otherKeys();
    const configured = { ...env, VAPID_PUBLIC_KEY: keys.publicKey, VAPID_PRIVATE_KEY: keys.d };
    expect(await vapidPublicKey(configured)).toBe(keys.publicKey);
    const device = await newDevice(undefined, keys.publicKey);
    expect(await push(device, { from: 'secrets' }, vapidKeysOf(configured))).toBe(201);
    expect(await env.DB.prepare('SELECT COUNT(*) AS n FROM vapid_keys').first('n')).toBe(0);
  });

  it('names the configured contact, else the mail sender, else the console’s https origin', () => {
    expect(vapidSubject({ ...env, VAPID_SUBJECT: 'https://shop.example/contact', MAIL_FROM: 'chat@shop.example' }, 'https://chat.shop.example')).toBe('https://shop.example/contact');
    expect(vapidSubject({ ...env, MAIL_FROM: 'chat@shop.example' }, 'https://chat.shop.example')).toBe('mailto:chat@shop.example');
    expect(vapidSubject(env, 'https://chat.shop.example')).toBe('https://chat.shop.example');
    expect(vapidSubject(env, 'http://localhost:8787')).toBeNull();
  });
});

describe('payload encryption (RFC 8291)', () => {
  it('is read by the device it was encrypted to, and by no other', async () => {
    const device = await newDevice();
    const other = await newDevice();
    const text = 'Grüße, 你好 — and a long line '.repeat(40);
    expect(await push(device, { text })).toBe(201);
    expect(await received(device)).toEqual([{ payload: { text }, ttl: '60', urgency: 'high' }]);

    // Encrypted to the other device's keys, posted to this one: the auth tag does not match.
    const authorization = await vapidAuthorization(device.endpoint, await vapidKeysOf(env), 'mailto:owner@shop.example');
    expect(await sendPush({ ...target(other), endpoint: device.endpoint }, { text }, { authorization, ttl: 60, urgency: 'high' })).toBe(400);
    expect((await received(device))[1]).toEqual({ error: 'Unsupported state or unable to authenticate data' });
  });

  it('uses a fresh key and salt for every message and keeps to one 4096-byte record', async () => {
    const { keys } = await newDevice();
    const plaintext = new TextEncoder().encode('same words');
    const [a, b] = await Promise.all([encryptPayload(plaintext, keys), encryptPayload(plaintext, keys)]);
    expect(a.length).toBe(86 + plaintext.length + 17);
    expect(new DataView(a.buffer).getUint32(16)).toBe(4096);
    expect(a[20]).toBe(65);
    expect(toBase64Url(a.subarray(0, 86))).not.toBe(toBase64Url(b.subarray(0, 86)));
    await expect(encryptPayload(new Uint8Array(MAX_PAYLOAD_BYTES + 1), keys)).rejects.toThrow(/over/);
  });
});
