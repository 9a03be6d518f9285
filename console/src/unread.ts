/**
 * Unread messages per chat: what the visitor or other agents wrote since the agent last had the
 * chat on screen. Counted from every open chat's client, so a tab in the background counts too.
 */
import { createStore } from 'solid-js/store';
import type { ChatMessage } from '../../protocol/chat';
import type { ConversationClient } from '../../protocol/client/conversation-client';

export function createUnread(selfId: string, onNew: (chatId: string, message: ChatMessage) => void) {
  const [counts, setCounts] = createStore<Record<string, number>>({});
  /** The last seq seen per chat; messages up to it are read. */
  const seen = new Map<string, number>();
  const unsubscribe = new Map<string, () => void>();
  let looking: string | null = null;

  const isLooking = (chatId: string) => looking === chatId && document.visibilityState === 'visible';

  return {
    counts,
    track(chatId: string, client: ConversationClient) {
      if (unsubscribe.has(chatId)) return;
      let first = true;
      unsubscribe.set(
        chatId,
        client.subscribe((state) => {
          const last = state.messages.at(-1)?.seq ?? 0;
          // What a chat already held when the console opened it counts as seen.
          if (first || isLooking(chatId)) {
            first = first && state.connection !== 'open';
            seen.set(chatId, last);
            return;
          }
          const fresh = state.messages.filter((m) => m.seq > (seen.get(chatId) ?? 0) && m.author.role !== 'system' && m.author.id !== selfId);
          if (fresh.length === 0) return;
          seen.set(chatId, last);
          setCounts(chatId, (n) => (n ?? 0) + fresh.length);
          onNew(chatId, fresh.at(-1)!);
        }),
      );
    },
    /** The agent has this chat on screen now (null: none). */
    look(chatId: string | null) {
      looking = chatId;
      if (chatId && document.visibilityState === 'visible') setCounts(chatId, 0);
    },
    forget(chatId: string) {
      unsubscribe.get(chatId)?.();
      unsubscribe.delete(chatId);
      seen.delete(chatId);
      setCounts(chatId, undefined!);
    },
    total: () => Object.values(counts).reduce((a, b) => a + (b ?? 0), 0),
  };
}
