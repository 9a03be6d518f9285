/** The visitor's earlier conversations, to read back. */
import { createResource, Show } from 'solid-js';
import { console } from '../../protocol/rest/console';
import { call } from './api';
import { PastConversations } from './PastConversations';

export function HistoryPanel(props: { conversationId: string }) {
  const [list] = createResource(() => props.conversationId, (id) => call(console.visitorHistory, { params: { id } }));
  return (
    <div class="history">
      <Show when={list()} fallback={<p class="empty">Loading…</p>}>
        {(l) => (
          <PastConversations
            empty="No earlier conversations."
            items={l().conversations.map((c) => ({
              conversationId: c.id,
              title: `${new Date(c.createdAt).toLocaleString()} · ${c.agentName ?? 'No agent'}`,
              preview: c.preview,
            }))}
          />
        )}
      </Show>
    </div>
  );
}
