import { createSignal, onCleanup, type Accessor } from 'solid-js';
import type { ChatState, ConversationClient } from '../protocol/client/conversation-client';

/** A conversation client's state as a Solid signal, unsubscribed with the owning component. */
export function chatSignal(client: ConversationClient): Accessor<ChatState> {
  const [state, setState] = createSignal(client.current);
  onCleanup(client.subscribe(setState));
  return state;
}
