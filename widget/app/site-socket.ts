/**
 * The widget's line to its site (`/ws/visitor/site`): tells agents which page the visitor is on
 * and what they are doing, and hears settings changes, bans and invitations. A site that does not
 * answer (yet) is retried with backoff, quietly: the chat works without it.
 */
import { reconnectingSocket } from '../../protocol/client/reconnecting-socket';
import type { SiteToVisitorFrame, VisitorSiteFrame } from '../../protocol/site-frames';

export type VisitorState = VisitorSiteFrame['state'];

export function connectSite(options: { url: () => Promise<string>; state: () => VisitorState; onFrame(frame: SiteToVisitorFrame): void }) {
  // Sent while the line is down it is dropped; the next open sends the page as it is then.
  const page = () =>
    line.send({
      type: 'page',
      url: location.href.slice(0, 2048),
      title: document.title.slice(0, 300),
      referrer: document.referrer.slice(0, 2048),
      state: options.state(),
    });
  const line = reconnectingSocket<SiteToVisitorFrame, VisitorSiteFrame>({
    url: options.url,
    onOpen: page,
    onFrame: options.onFrame,
    reconnectBaseMs: 1000,
    reconnectCapMs: 60_000,
  });

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

  return {
    /** The visitor's state changed (writing, waiting, chatting): agents see it at once. */
    update: page,
    close() {
      line.close();
      navigation?.removeEventListener('navigatesuccess', moved);
      removeEventListener('popstate', moved);
      removeEventListener('hashchange', moved);
    },
  };
}
