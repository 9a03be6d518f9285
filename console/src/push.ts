/**
 * This device and Web Push: the console's service worker, and turning push on or off here. The
 * server keeps the subscription (`/api/console/push-subscriptions`); the browser keeps its keys.
 */
import { ApiFailure } from '../../protocol/client/rest-client';
// Not `console`, the name the other files give it: here the browser's console logs.
import { console as consoleApi } from '../../protocol/rest/console';
import { call } from './api';

const SCOPE = '/console/';

/** Registered on every visit, so the console is installable and a push can wake it. */
export function registerServiceWorker(): void {
  if ('serviceWorker' in navigator) {
    navigator.serviceWorker.register('/console/sw.js', { scope: SCOPE }).catch((err: unknown) => console.warn('[push] service worker not registered', err));
  }
}

/** A click on a notification asks the open console to show a route (see the service worker). */
export function onOpenRequest(open: (path: string) => void): () => void {
  if (!('serviceWorker' in navigator)) return () => {};
  const listener = (event: MessageEvent) => {
    const data = event.data as { type?: string; url?: string } | null;
    if (data?.type === 'open' && data.url?.startsWith(SCOPE)) open(data.url.slice(SCOPE.length - 1));
  };
  navigator.serviceWorker.addEventListener('message', listener);
  return () => navigator.serviceWorker.removeEventListener('message', listener);
}

export type DevicePush = 'unsupported' | 'blocked' | 'off' | 'on';

export const pushSupported = () => 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window;

/** Whether this device gets pushes: subscribed, to the server's current key. */
export async function devicePush(publicKey: string): Promise<DevicePush> {
  if (!pushSupported()) return 'unsupported';
  if (Notification.permission === 'denied') return 'blocked';
  const registration = await navigator.serviceWorker.getRegistration(SCOPE);
  const subscription = await registration?.pushManager.getSubscription();
  return subscription && sameKey(subscription, publicKey) ? 'on' : 'off';
}

/** Asks for permission (this must run on a click), subscribes, and tells the server. */
export async function turnOnPush(publicKey: string): Promise<void> {
  if ((await Notification.requestPermission()) !== 'granted') {
    throw new Error('Notifications are blocked for Parley in this browser. Allow them in the site settings, then try again.');
  }
  const registration = await navigator.serviceWorker.ready;
  let subscription = await registration.pushManager.getSubscription();
  // Made for a key the server no longer has (it was changed): pushes to it would be refused.
  if (subscription && !sameKey(subscription, publicKey)) {
    await subscription.unsubscribe();
    subscription = null;
  }
  try {
    subscription ??= await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: fromBase64Url(publicKey) });
  } catch (err) {
    throw new Error(`This browser could not reach its push service: ${(err as Error).message}`);
  }
  // The keys as base64url, the form the server takes; a browser always has both.
  const { keys } = subscription.toJSON();
  await call(consoleApi.turnOnPush, { body: { endpoint: subscription.endpoint, keys: { p256dh: keys?.p256dh ?? '', auth: keys?.auth ?? '' } } });
}

/** Stops pushes to this device, here and on the server (which may have forgotten it already). */
export async function turnOffPush(): Promise<void> {
  const registration = pushSupported() ? await navigator.serviceWorker.getRegistration(SCOPE) : undefined;
  const subscription = await registration?.pushManager.getSubscription();
  if (!subscription) return;
  try {
    await call(consoleApi.turnOffPush, { body: { endpoint: subscription.endpoint } });
  } catch (err) {
    if (!(err instanceof ApiFailure && err.status === 404)) throw err;
  }
  await subscription.unsubscribe();
}

/** At sign-out: this device stops getting the agent's pushes; a failure must not keep them signed in. */
export async function forgetThisDevice(): Promise<void> {
  await turnOffPush().catch((err: unknown) => console.warn('[push] not turned off', err));
}

function sameKey(subscription: PushSubscription, publicKey: string): boolean {
  const key = subscription.options.applicationServerKey;
  if (!key) return false;
  const want = fromBase64Url(publicKey);
  const have = new Uint8Array(key);
  return have.length === want.length && have.every((b, i) => b === want[i]);
}

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  const base64 = text.replaceAll('-', '+').replaceAll('_', '/');
  return Uint8Array.from(atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4)), (c) => c.charCodeAt(0));
}
