/**
 * Agents' devices on the local push service (`node/push-receiver.ts`): a device subscribes with the
 * Worker's public key as a browser would, and the tests read what its endpoint received.
 */
import { env } from 'cloudflare:test';
import type { PushPayload } from '../../protocol/notifications';
import { vapidPublicKey } from '../notifications/vapid';
import { call, json } from './helpers';

/** As the push service records them (Node code, so not imported here). */
type Received = { payload: PushPayload; ttl: string; urgency: string } | { error: string };

export interface Device {
  endpoint: string;
  expirationTime: null;
  keys: { p256dh: string; auth: string };
}

/** A browser's subscription to the Worker's key; `status` is what its endpoint answers pushes with. */
export async function newDevice(status?: number, applicationServerKey?: string): Promise<Device> {
  const key = applicationServerKey ?? (await vapidPublicKey(env));
  const res = await fetch('https://push.test/subscriptions', { method: 'POST', body: json({ applicationServerKey: key, status }) });
  return res.json();
}

/** The agent turns push on for a new device, as the console's Account page does. */
export async function pushDeviceOf(cookie: string, status?: number): Promise<Device> {
  const device = await newDevice(status);
  const res = await call('/api/console/push-subscriptions', { method: 'POST', cookie, body: json(device) });
  if (res.status !== 201) throw new Error(`subscribe failed: ${res.status} ${await res.text()}`);
  return device;
}

export async function received(device: Device): Promise<Received[]> {
  return (await fetch(device.endpoint)).json();
}

/** What the device showed, once `count` pushes have come (notifications go out after the response). */
export async function pushesTo(device: Device, count = 1, timeoutMs = 5000): Promise<Array<PushPayload & { ttl: string; urgency: string }>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const got = await received(device);
    const refused = got.flatMap((r) => ('error' in r ? [r.error] : []));
    if (refused.length) throw new Error(`the push service refused a push: ${refused.join('; ')}`);
    const pushes = got.flatMap((r) => ('payload' in r ? [{ ...r.payload, ttl: r.ttl, urgency: r.urgency }] : []));
    if (pushes.length >= count) return pushes;
    if (Date.now() > deadline) throw new Error(`${pushes.length} of ${count} pushes arrived`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Long enough for a notification that was going to go out to have arrived. */
export const settle = () => new Promise((r) => setTimeout(r, 300));
