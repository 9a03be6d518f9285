/** A site's visitors, live: the agent's socket to the site, reconnecting like the inbox. */
import { createStore, reconcile } from 'solid-js/store';
import { PING } from '../../protocol/conversation-frames';
import { backoffDelay } from '../../protocol/client/backoff';
import { socketUrl } from '../../protocol/client/socket-url';
import type { LiveVisitor, SiteToAgentFrame } from '../../protocol/site-frames';

export function watchSite(siteId: string) {
  const [visitors, setVisitors] = createStore<Record<string, LiveVisitor>>({});
  let socket: WebSocket | null = null;
  let stopped = false;
  let attempts = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const apply = (frame: SiteToAgentFrame) => {
    if (frame.type === 'visitors') setVisitors(reconcile(Object.fromEntries(frame.visitors.map((v) => [v.visitorId, v]))));
    else if (frame.type === 'visitor') setVisitors(frame.visitor.visitorId, reconcile(frame.visitor));
    else if (frame.type === 'visitor_left') setVisitors(frame.visitorId, undefined!);
  };

  const connect = () => {
    const ws = new WebSocket(socketUrl(`/ws/agent/sites/${encodeURIComponent(siteId)}`, location.href));
    socket = ws;
    ws.onopen = () => (attempts = 0);
    ws.onmessage = (e) => e.data !== 'pong' && apply(JSON.parse(e.data as string) as SiteToAgentFrame);
    ws.onclose = () => {
      if (socket === ws && !stopped) timer = setTimeout(connect, backoffDelay(attempts++));
    };
  };
  connect();
  const heartbeat = setInterval(() => socket?.readyState === WebSocket.OPEN && socket.send(PING), 25_000);

  return {
    visitors,
    close() {
      stopped = true;
      clearTimeout(timer);
      clearInterval(heartbeat);
      socket?.close(1000, 'done');
    },
  };
}
