/**
 * The script tag's whole cost to the host page: a launcher button in a shadow root, shown once
 * the page is idle and the site says chat is on. The chat app loads only when the visitor
 * reaches for it (hover, focus, click), or at once if they have a conversation to come back to.
 */
import { APP_GLOBAL, tokenKey, type MountWidget, type WidgetHandle } from '../contract';

const script = document.currentScript as HTMLScriptElement | null;
const siteId = script?.dataset.site;
if (script && siteId) {
  const base = new URL(script.src).origin;
  const host = document.createElement('div');
  host.setAttribute('data-parley', '');
  const root = host.attachShadow({ mode: 'open' });
  root.innerHTML =
    '<style>:host{all:initial}.launcher{position:fixed;right:20px;bottom:20px;z-index:2147483000;width:56px;height:56px;border:0;border-radius:50%;background:#1f5fd6;color:#fff;cursor:pointer;box-shadow:0 4px 14px rgba(0,0,0,.25);display:grid;place-items:center}.launcher:focus-visible{outline:3px solid #ffbf47;outline-offset:2px}.launcher svg{width:28px;height:28px;fill:currentColor}</style>' +
    '<button type="button" class="launcher" aria-label="Open chat" aria-expanded="false"><svg viewBox="0 0 24 24" aria-hidden="true"><path d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z"/></svg></button>';
  const launcher = root.querySelector<HTMLButtonElement>('.launcher')!;
  let handle: Promise<WidgetHandle> | undefined;
  let open = false;

  const load = () =>
    (handle ??= new Promise<MountWidget>((resolve, reject) => {
      const tag = document.createElement('script');
      tag.src = `${base}/widget-app.js`;
      tag.async = true;
      tag.onload = () => resolve((window as unknown as Record<string, MountWidget>)[APP_GLOBAL]!);
      tag.onerror = reject;
      document.head.appendChild(tag);
    }).then((mount) =>
      mount({
        root,
        siteId,
        base,
        onOpenChange(next) {
          open = next;
          launcher.setAttribute('aria-label', next ? 'Minimize chat' : 'Open chat');
          launcher.setAttribute('aria-expanded', String(next));
        },
      }),
    ));

  launcher.addEventListener('pointerenter', load, { once: true });
  launcher.addEventListener('focus', load, { once: true });
  launcher.addEventListener('click', async () => {
    const app = await load();
    if (open) app.close();
    else app.open();
  });
  (window.requestIdleCallback ?? setTimeout)(async () => {
    try {
      const res = await fetch(`${base}/api/visitor/sites/${encodeURIComponent(siteId)}/status`);
      if (!res.ok || !((await res.json()) as { chatEnabled: boolean }).chatEnabled) return;
    } catch {
      return; // Parley is out of reach: a launcher would only lead to an error.
    }
    document.body.appendChild(host);
    if (localStorage.getItem(tokenKey(siteId))) void load();
  });
}
