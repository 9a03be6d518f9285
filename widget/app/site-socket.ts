/**
 * The widget's line to its site (`/ws/visitor/site`): tells agents which page the visitor is on
 * and what they are doing, and hears settings changes, bans and invitations. A site that does not
 * answer (yet) is retried with backoff, quietly: the chat works without it.
 */
import { backoffDelay } from '../../protocol/client/backoff';
import type { SiteToVisitorFrame, VisitorSiteFrame } from '../../protocol/site-frames';

export type VisitorState = VisitorSiteFrame['state'];

export function connectSite(options: { url: () => Promise<string>; state: () => VisitorState; onFrame(frame: SiteToVisitorFrame): void }) {
  let socket: WebSocket | null = null;
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  const page = () => {
    if (socket?.readyState !== WebSocket.OPEN) return;
    const frame: VisitorSiteFrame = {
      type: 'page',
      url: location.href.slice(0, 2048),
      title: document.title.slice(0, 300),
      referrer: document.referrer.slice(0, 2048),
      state: options.state(),
    };
    socket.send(JSON.stringify(frame));
  };

  const open = async () => {
    if (stopped) return;
    try {
      socket = new WebSocket(await options.url());
    } catch {
      return retry();
    }
    socket.onopen = () => {
      attempt = 0;
      page();
    };
    socket.onmessage = (e) => {
      try {
        options.onFrame(JSON.parse(String(e.data)) as SiteToVisitorFrame);
      } catch {
        // Not a frame of ours: nothing to do with it.
      }
    };
    // A failed line is retried on close; the error itself is no news for the page.
    socket.onerror = () => {};
    socket.onclose = retry;
  };
  function retry() {
    socket = null;
    if (!stopped) timer = setTimeout(() => void open(), backoffDelay(attempt++, 1000, 60_000));
  }

  // Single-page shops change the URL without loading a page; these cover history and hash moves.
  let lastUrl = location.href;
  const moved = () => {
    if (location.href === lastUrl) return;
    lastUrl = location.href;
    page();
  };
  const navigation = (window as unknown as { navigation?: EventTarget }).navigation;
  navigation?.addEventListener('navigatesuccess', moved);
  addEventListener('popstate', moved);
  addEventListener('hashchange', moved);
  void open();

  return {
    /** The visitor's state changed (writing, waiting, chatting): agents see it at once. */
    update: page,
    close() {
      stopped = true;
      clearTimeout(timer);
      navigation?.removeEventListener('navigatesuccess', moved);
      removeEventListener('popstate', moved);
      removeEventListener('hashchange', moved);
      socket?.close(1000, 'closed');
    },
  };
}
