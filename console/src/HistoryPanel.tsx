/** The visitor's earlier conversations; one opens read-only below the list. */
import { createResource, createSignal, For, Show } from 'solid-js';
import type { PastConversation } from '../../protocol/workspace';
import { api } from './api';
import { Transcript } from './Transcript';

export function HistoryPanel(props: { conversationId: string }) {
  const [list] = createResource(() => props.conversationId, (id) => api<{ conversations: PastConversation[] }>('GET', `/api/console/chats/${id}/history`));
  const [open, setOpen] = createSignal<string | null>(null);
  return (
    <div class="history">
      <Show when={list()} fallback={<p class="empty">Loading…</p>}>
        <ul>
          <For each={list()!.conversations} fallback={<li class="empty">No earlier conversations.</li>}>
            {(c) => (
              <li>
                <button type="button" aria-pressed={open() === c.id} onClick={() => setOpen(c.id)}>
                  {new Date(c.createdAt).toLocaleString()} · {c.agentName ?? 'No agent'}
                </button>
                <p class="preview">{c.preview}</p>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <Show when={open()} keyed>
        {(id) => <Transcript conversationId={id} />}
      </Show>
    </div>
  );
}
