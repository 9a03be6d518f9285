/**
 * The console's live inbox: one socket to the agent's Durable Object, which pushes status,
 * offers and assigned chats, on the shared reconnecting socket like every other client.
 */
import { createStore, reconcile } from 'solid-js/store';
import type { AgentStatus, ConversationSummary, Offer } from '../../protocol/chat';
import { SIGNED_OUT, type InboxFrame } from '../../protocol/inbox-frames';
import { reconnectingSocket } from '../../protocol/client/reconnecting-socket';
import { socketUrl } from '../../protocol/client/socket-url';

export interface InboxState {
  connected: boolean;
  status: AgentStatus;
  offers: Offer[];
  chats: ConversationSummary[];
  /** Idle this long in a hidden tab, the console sets the agent away. */
  awayAfterMs: number;
}

/** `onFrame` hears every frame the server pushes, after the state has taken it in. */
export function createInbox(onFrame?: (frame: InboxFrame) => void) {
  const [state, setState] = createStore<InboxState>({ connected: false, status: 'offline', offers: [], chats: [], awayAfterMs: 5 * 60_000 });

  const apply = (frame: InboxFrame) => {
    switch (frame.type) {
      case 'inbox':
        return setState(reconcile({ connected: true, status: frame.status, offers: frame.offers, chats: frame.chats, awayAfterMs: frame.awayAfterMs }));
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

  const line = reconnectingSocket<InboxFrame, never>({
    url: () => socketUrl('/ws/agent/inbox', location.href).href,
    onFrame(frame) {
      apply(frame);
      onFrame?.(frame);
    },
    onClose(code) {
      setState('connected', false);
      // An admin ended this agent's sessions: back to the sign-in page, not a reconnect loop.
      if (code === SIGNED_OUT) location.reload();
    },
    finalCodes: [SIGNED_OUT],
  });

  return {
    state,
    /** Local changes the server already confirmed over REST, before the socket echoes them. */
    apply,
    close: line.close,
  };
}
