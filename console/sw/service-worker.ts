/**
 * The console's service worker (served as /console/sw.js, scope /console/): it shows the Worker's
 * pushes as notifications and, on a click, brings the console to the route the push names. No
 * fetch handler: the console needs its server to be of any use, so there is nothing to cache.
 */
import type { PushPayload } from '../../protocol/notifications';

declare const self: ServiceWorkerGlobalScope;

const ROOT = '/console/';

self.addEventListener('install', () => void self.skipWaiting());
// Take over open consoles at once, so a click can reach them with a message.
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('push', (event) => event.waitUntil(show(readPayload(event.data))));

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  event.waitUntil(openConsole((event.notification.data as { url?: string } | null)?.url));
});

/** A push we cannot read still gets a notification: browsers want one for every push. */
function readPayload(data: PushMessageData | null): PushPayload {
  try {
    const payload = data?.json() as Partial<PushPayload> | undefined;
    if (typeof payload?.title === 'string') return payload as PushPayload;
  } catch {
    // Not JSON: the fallback below.
  }
  return { kind: 'message', title: 'Parley', body: 'Something needs you in the console', url: ROOT, tag: 'parley' };
}

async function show(payload: PushPayload): Promise<void> {
  const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  // A console on screen has chimed and shows it already.
  if (windows.some((w) => w.focused && w.visibilityState === 'visible' && isConsole(w.url))) return;
  await self.registration.showNotification(payload.title, {
    body: payload.body,
    // The console's own in-tab notifications use the same tags: one notification per thing.
    tag: payload.tag,
    data: { url: payload.url },
    icon: `${ROOT}icons/icon-192.png`,
    badge: `${ROOT}icons/badge-96.png`,
  });
}

/** Focuses an open console and sends it to the route (keeping its sockets), else opens one there. */
async function openConsole(url: string | undefined): Promise<void> {
  // Only a route of our own console, whatever a payload says.
  const target = url && url.startsWith(ROOT) ? url : ROOT;
  const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  const open = windows.find((w) => isConsole(w.url));
  if (open) {
    await open.focus();
    open.postMessage({ type: 'open', url: target });
    return;
  }
  await self.clients.openWindow(target);
}

const isConsole = (url: string) => new URL(url).pathname.startsWith(ROOT);
