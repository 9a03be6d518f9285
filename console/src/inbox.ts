/**
 * The console's live inbox: one socket to the agent's Durable Object, which pushes status,
 * offers and assigned chats. Reconnects with the same backoff as conversation sockets.
 */
import { createStore, reconcile } from 'solid-js/store';
import type { AgentStatus, ConversationSummary, Offer } from '../../protocol/chat';
import { PING } from '../../protocol/conversation-frames';
import { SIGNED_OUT, type InboxFrame } from '../../protocol/inbox-frames';
import { backoffDelay } from '../../protocol/client/backoff';
import { socketUrl } from '../../protocol/client/socket-url';

export interface InboxState {
  connected: boolean;
  status: AgentStatus;
  offers: Offer[];
  chats: ConversationSummary[];
}

/** `onFrame` hears every frame the server pushes, after the state has taken it in. */
export function createInbox(onFrame?: (frame: InboxFrame) => void) {
  const [state, setState] = createStore<InboxState>({ connected: false, status: 'offline', offers: [], chats: [] });
  let socket: WebSocket | null = null;
  let stopped = false;
  let attempts = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const apply = (frame: InboxFrame) => {
    switch (frame.type) {
      case 'inbox':
        return setState(reconcile({ connected: true, status: frame.status, offers: frame.offers, chats: frame.chats }));
      case 'status':
        return setState('status', frame.status);
      case 'offer':
        return setState('offers', (offers) => [...offers.filter((o) => o.conversationId !== frame.offer.conversationId), frame.offer]);
      case 'offer_withdrawn':
        return setState('offers', (offers) => offers.filter((o) => o.conversationId !== frame.conversationId));
      case 'chat':
        setState('offers', (offers) => offers.filter((o) => o.conversationId !== frame.chat.id));
        // Replaced in place, so the tab keeps its position in the list.
        return setState('chats', (chats) =>
          chats.some((c) => c.id === frame.chat.id) ? chats.map((c) => (c.id === frame.chat.id ? frame.chat : c)) : [...chats, frame.chat],
        );
      case 'chat_removed':
        return setState('chats', (chats) => chats.filter((c) => c.id !== frame.conversationId));
      case 'error':
        return console.warn('[inbox]', frame.message);
    }
  };

  const connect = () => {
    const ws = new WebSocket(socketUrl('/ws/agent/inbox', location.href));
    socket = ws;
    ws.onopen = () => (attempts = 0);
    ws.onmessage = (e) => {
      if (e.data === 'pong') return;
      const frame = JSON.parse(e.data as string) as InboxFrame;
      apply(frame);
      onFrame?.(frame);
    };
    ws.onclose = (e) => {
      if (socket !== ws) return;
      setState('connected', false);
      // An admin ended this agent's sessions: back to the sign-in page, not a reconnect loop.
      if (e.code === SIGNED_OUT) return location.reload();
      if (!stopped) timer = setTimeout(connect, backoffDelay(attempts++));
    };
  };
  connect();
  const heartbeat = setInterval(() => socket?.readyState === WebSocket.OPEN && socket.send(PING), 25_000);

  return {
    state,
    /** Local changes the server already confirmed over REST, before the socket echoes them. */
    apply,
    close() {
      stopped = true;
      clearTimeout(timer);
      clearInterval(heartbeat);
      socket?.close(1000, 'signed out');
    },
  };
}
