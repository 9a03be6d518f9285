/** A site's visitors, live: the agent's socket to the site, on the shared reconnecting socket. */
import { createStore, reconcile } from 'solid-js/store';
import { reconnectingSocket } from '../../protocol/client/reconnecting-socket';
import { socketUrl } from '../../protocol/client/socket-url';
import type { LiveVisitor, SiteToAgentFrame } from '../../protocol/site-frames';

export function watchSite(siteId: string) {
  const [visitors, setVisitors] = createStore<Record<string, LiveVisitor>>({});

  const apply = (frame: SiteToAgentFrame) => {
    if (frame.type === 'visitors') setVisitors(reconcile(Object.fromEntries(frame.visitors.map((v) => [v.visitorId, v]))));
    else if (frame.type === 'visitor') setVisitors(frame.visitor.visitorId, reconcile(frame.visitor));
    else if (frame.type === 'visitor_left') setVisitors(frame.visitorId, undefined!);
  };

  const line = reconnectingSocket<SiteToAgentFrame, never>({
    url: () => socketUrl(`/ws/agent/sites/${encodeURIComponent(siteId)}`, location.href).href,
    onFrame: apply,
  });

  return {
    visitors,
    close: line.close,
  };
}
