/**
 * The script tag's whole cost to the host page: a launcher button in a shadow root, shown once
 * the page is idle and the site says chat is on, and `window.Parley` for the page's own code.
 * The chat app loads only when the visitor reaches for it (hover, focus, click, `Parley.open()`),
 * or at once if they have a conversation to come back to, so unread messages can show.
 */
import type { WidgetSettings } from '../../protocol/chat';
import type { WidgetStatusResponse } from '../../protocol/visitor-bodies';
import { pickLanguage } from '../language';
import { withPreview } from '../preview';
import { APP_GLOBAL, tokenKey, visitsKey, type MountWidget, type ParleyApi, type WidgetHandle } from '../contract';

const script = document.currentScript as HTMLScriptElement | null;
const siteId = script?.dataset.site;
if (script && siteId) {
  const base = new URL(script.src).origin;
  const host = document.createElement('div');
  host.setAttribute('data-parley', '');
  const root = host.attachShadow({ mode: 'open' });
  // A constructed sheet, not a <style>: a host page whose CSP allows no inline styles still draws the launcher.
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(
    ':host{all:initial}.launcher{position:fixed;right:20px;bottom:20px;z-index:2147483000;width:56px;height:56px;border:0;border-radius:50%;background:var(--accent,#2456d6);color:#fff;cursor:pointer;box-shadow:0 4px 14px rgba(0,0,0,.25);display:grid;place-items:center}.launcher:focus-visible{outline:3px solid #ffbf47;outline-offset:2px}.launcher svg{width:28px;height:28px;fill:currentColor}.badge{position:absolute;top:-4px;right:-4px;min-width:20px;height:20px;padding:0 5px;box-sizing:border-box;border-radius:10px;background:#b42318;color:#fff;font:600 12px/20px system-ui,sans-serif}.badge:empty{display:none}:host([data-left]) .launcher{right:auto;left:20px}',
  );
  root.adoptedStyleSheets = [sheet];
  root.innerHTML =
    '<button type="button" class="launcher" aria-label="Open chat" aria-expanded="false"><svg viewBox="0 0 24 24" aria-hidden="true"><path d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z"/></svg><span class="badge" aria-hidden="true"></span></button>';
  const launcher = root.querySelector<HTMLButtonElement>('.launcher')!;
  const badge = root.querySelector<HTMLElement>('.badge')!;
  const handlers: Record<string, Array<(detail?: unknown) => void>> = {};
  const emit = (event: string, detail?: unknown) => handlers[event]?.forEach((handler) => handler(detail));
  let handle: Promise<WidgetHandle> | undefined;
  let loaded: (app: WidgetHandle) => void;
  // identify() waits here for the app, so calling it costs the page no request.
  const ready = new Promise<WidgetHandle>((resolve) => (loaded = resolve));
  let status: WidgetStatusResponse | undefined;
  let preview: WidgetSettings | undefined;
  // The admin's colour and side, for the launcher and (inherited) the panel.
  const look = (next: WidgetStatusResponse) => {
    const { color, position } = (status = withPreview(next, preview)).settings.widget;
    host.style.setProperty('--accent', color);
    host.toggleAttribute('data-left', position === 'left');
  };
  // The launcher's own words (the app's catalogues hold the rest): open, minimize, one unread, several unread.
  const WORDS = {
    en: ['Open chat', 'Minimize chat', 'unread message', 'unread messages'],
    de: ['Chat öffnen', 'Chat minimieren', 'ungelesene Nachricht', 'ungelesene Nachrichten'],
    es: ['Abrir chat', 'Minimizar chat', 'mensaje sin leer', 'mensajes sin leer'],
    fr: ['Ouvrir le chat', 'Réduire le chat', 'message non lu', 'messages non lus'],
  } as const;
  const words = () => WORDS[pickLanguage(document.documentElement.lang, navigator.language, status?.settings.widget.language)];
  let open = false;
  let unread = 0;
  let enabled = false;

  // The launcher's name says everything its look does: open or not, and how much is waiting.
  const label = () => {
    const [openChat, minimize, one, several] = words();
    const waiting = unread ? `, ${unread} ${unread > 1 ? several : one}` : '';
    launcher.setAttribute('aria-label', open ? minimize : `${openChat}${waiting}`);
    launcher.setAttribute('aria-expanded', String(open));
    badge.textContent = unread && !open ? String(unread) : '';
  };

  // Only a tag marked as the console's preview listens, and only to the console framing it: the
  // admin's unsaved settings, shown here and nowhere else.
  if (script.hasAttribute('data-preview'))
    addEventListener('message', (event) => {
      if (event.source !== parent || event.origin !== base) return;
      preview = event.data;
      // The launcher's words follow the page's language, which the console sets on the frame's page.
      if (status) look(status);
      void handle?.then((app) => app.preview(preview!));
    });

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
        status: status!,
        preview,
        onSettings: look,
        onBanned: () => host.remove(),
        onOpenChange(next) {
          open = next;
          label();
          emit(next ? 'open' : 'close');
        },
        onUnread(count) {
          unread = count;
          label();
          emit('unread', count);
        },
        onMessage: (message) => emit('message', message),
      }),
    ).then((app) => (loaded(app), app)));

  const api: ParleyApi = {
    open: () => enabled && void load().then((app) => app.open()),
    close: () => void handle?.then((app) => app.close()),
    identify: (identity) => ready.then((app) => app.identify(identity)),
    on: (event, handler) => void (handlers[event] ??= []).push(handler),
  };
  (window as unknown as { Parley: ParleyApi }).Parley = api;

  launcher.addEventListener('pointerenter', load, { once: true });
  launcher.addEventListener('focus', load, { once: true });
  launcher.addEventListener('click', () => (open ? api.close() : api.open()));
  (window.requestIdleCallback ?? setTimeout)(async () => {
    let next: WidgetStatusResponse;
    try {
      // The one API path written by hand (it is `visitor.siteStatus` of the contract): importing the
      // contract would bring its whole table, about 310 bytes gzipped, into a loader with 128 bytes
      // left of its 2 KB. e2e/widget-loading.test.ts sees the loader ask exactly this path.
      const res = await fetch(`${base}/api/visitor/sites/${encodeURIComponent(siteId)}/status`);
      if (!res.ok) return;
      next = await res.json();
    } catch {
      return; // Parley is out of reach: a launcher would only lead to an error.
    }
    look(next);
    label();
    if (!next.chatEnabled) return;
    enabled = true;
    document.body.appendChild(host);
    localStorage.setItem(visitsKey(siteId), String(+(localStorage.getItem(visitsKey(siteId)) ?? 0) + 1));
    // A chat to come back to (here, or by a mail's continuation link), or invitations to time: the app is needed without a click.
    if (localStorage.getItem(tokenKey(siteId)) || next.settings.proactiveRules.length || location.hash.includes('parley-continue=')) void load(); // CONTINUE_PARAM, spelled out to stay small
  });
}
