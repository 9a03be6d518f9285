/** An agent's notification choices and push devices: `/api/console/notifications` and `/push-subscriptions`. */
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PREFERENCES } from '../../protocol/notifications';
import { toBase64Url } from '../auth/encoding';
import { notifyAgents } from '../notifications/notify';
import { call, errorOf, json, signIn } from './helpers';
import { newDevice, pushDeviceOf, pushesTo, received, settle } from './push-devices';

const choices = {
  push: { offer: true, message: false, ticket: true, missed_chat: false, mention: true },
  email: { ticket: true, missed_chat: false },
};

const put = (cookie: string, body: unknown) => call('/api/console/notifications', { method: 'PUT', cookie, body: typeof body === 'string' ? body : json(body) });
const subscribe = (cookie: string, body: unknown) => call('/api/console/push-subscriptions', { method: 'POST', cookie, body: json(body) });
const unsubscribe = (cookie: string, endpoint: string) => call('/api/console/push-subscriptions', { method: 'DELETE', cookie, body: json({ endpoint }) });
const settings = async (cookie: string) => (await (await call('/api/console/notifications', { cookie })).json()) as any;

describe('notification choices', () => {
  it('start at the defaults and keep what the agent saves, for them alone', async () => {
    const alice = await signIn('alice@example.com');
    expect((await settings(alice)).preferences).toEqual(DEFAULT_PREFERENCES);
    const saved = await put(alice, choices);
    expect(saved.status).toBe(200);
    expect((await settings(alice)).preferences).toEqual(choices);
    expect((await settings(await signIn('bob@example.com'))).preferences).toEqual(DEFAULT_PREFERENCES);
  });

  it('refuse bad input with a 400 naming the field', async () => {
    const alice = await signIn('alice@example.com');
    const refused = async (body: unknown) => {
      const res = await put(alice, body);
      expect(res.status).toBe(400);
      return errorOf(res);
    };
    expect(await refused('{not json')).toEqual({ code: 'bad_json', message: 'Request body must be JSON' });
    expect(await refused({ push: choices.push })).toEqual({ code: 'invalid_request', message: 'email: is required', field: 'email' });
    expect(await refused({ ...choices, push: { ...choices.push, offer: 'yes' } })).toEqual({
      code: 'invalid_request',
      message: 'push.offer: must be true or false',
      field: 'push.offer',
    });
    // An offer or a chat message has no email to send: the choice does not exist.
    expect(await refused({ ...choices, email: { ...choices.email, offer: true } })).toEqual({
      code: 'invalid_request',
      message: 'email.offer: is not a choice here',
      field: 'email.offer',
    });
    const { mention: _, ...missing } = choices.push;
    expect(await refused({ ...choices, push: missing })).toMatchObject({ message: 'push.mention: is required', field: 'push.mention' });
    expect((await settings(alice)).preferences).toEqual(DEFAULT_PREFERENCES);
  });

  it('are the agent’s own: signed in, from the console’s origin', async () => {
    expect((await call('/api/console/notifications')).status).toBe(401);
    const res = await call('/api/console/notifications', { method: 'PUT', cookie: await signIn('alice@example.com'), body: json(choices), headers: { Origin: 'https://evil.example' } });
    expect(res.status).toBe(403);
    expect((await errorOf(res)).code).toBe('origin_not_allowed');
  });
});

describe('push devices', () => {
  it('are counted per agent and turned off one by one', async () => {
    const alice = await signIn('alice@example.com');
    const phone = await newDevice();
    const laptop = await newDevice();
    expect(await (await subscribe(alice, phone)).json()).toEqual({ devices: 1 });
    expect(await (await subscribe(alice, laptop)).json()).toEqual({ devices: 2 });
    expect(await (await subscribe(alice, phone)).json()).toEqual({ devices: 2 });
    expect((await settings(alice)).push.devices).toBe(2);
    const off = await unsubscribe(alice, phone.endpoint);
    expect(await off.json()).toEqual({ devices: 1 });
    expect(await errorOf(await unsubscribe(alice, phone.endpoint))).toEqual({ code: 'not_found', message: 'endpoint: push is not on for this device', field: 'endpoint' });
  });

  it('refuse subscriptions the Worker could not push to, naming the field', async () => {
    const alice = await signIn('alice@example.com');
    const device = await newDevice();
    const refused = async (body: unknown) => {
      const res = await subscribe(alice, body);
      expect(res.status).toBe(400);
      return errorOf(res);
    };
    expect(await refused({ ...device, endpoint: 'http://push.test/push/x' })).toMatchObject({ field: 'endpoint', message: 'endpoint: must be an https URL' });
    expect(await refused({ ...device, endpoint: 'https://192.168.1.10/push' })).toMatchObject({ field: 'endpoint', message: 'endpoint: must be a push service on the internet' });
    expect(await refused({ ...device, keys: { ...device.keys, p256dh: device.keys.p256dh.slice(0, 40) } })).toMatchObject({ field: 'keys.p256dh' });
    // The right length, but no point on the curve.
    const offCurve = toBase64Url(Uint8Array.from({ length: 65 }, (_, i) => (i === 0 ? 4 : 1)));
    expect(await refused({ ...device, keys: { ...device.keys, p256dh: offCurve } })).toEqual({
      code: 'invalid_request',
      message: 'keys.p256dh: must be a P-256 public key',
      field: 'keys.p256dh',
    });
    expect(await refused({ ...device, keys: { p256dh: device.keys.p256dh } })).toMatchObject({ field: 'keys.auth' });
    expect(await env.DB.prepare('SELECT COUNT(*) AS n FROM push_subscriptions').first('n')).toBe(0);
  });

  it('cannot be turned off by another agent; a browser one signs in to afterwards is theirs', async () => {
    const alice = await signIn('alice@example.com');
    const bob = await signIn('bob@example.com');
    const device = await pushDeviceOf(alice);
    expect((await unsubscribe(bob, device.endpoint)).status).toBe(404);
    await notifyAgents(env, ['agent-alice'], { kind: 'ticket', ticket: { id: 't1', siteName: 'Demo shop', name: 'Kim', email: 'kim@example.com', message: 'Hi' } });
    expect(await pushesTo(device)).toHaveLength(1);

    // Bob signs in on the same browser and turns push on: it is his device now.
    expect((await subscribe(bob, device)).status).toBe(201);
    await notifyAgents(env, ['agent-alice'], { kind: 'ticket', ticket: { id: 't2', siteName: 'Demo shop', name: 'Kim', email: 'kim@example.com', message: 'Hi' } });
    await settle();
    expect(await received(device)).toHaveLength(1);
    expect((await settings(alice)).push.devices).toBe(0);
    expect((await settings(bob)).push.devices).toBe(1);
  });

  it('keep an agent’s ten newest devices', async () => {
    const alice = await signIn('alice@example.com');
    const devices = [];
    for (let i = 0; i < 11; i++) {
      devices.push(await pushDeviceOf(alice));
      await new Promise((r) => setTimeout(r, 2));
    }
    expect((await settings(alice)).push.devices).toBe(10);
    const kept = await env.DB.prepare('SELECT endpoint FROM push_subscriptions WHERE endpoint = ?').bind(devices[0]!.endpoint).first();
    expect(kept).toBeNull();
  });
});
