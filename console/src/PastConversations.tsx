/** A list of conversations to read back; the one picked opens read-only below the list. */
import { createSignal, For, Show } from 'solid-js';
import { Transcript } from './Transcript';

export interface PastItem {
  conversationId: string;
  title: string;
  preview: string;
}

export function PastConversations(props: { items: PastItem[]; empty: string }) {
  const [open, setOpen] = createSignal<string | null>(null);
  return (
    <>
      <ul>
        <For each={props.items} fallback={<li class="empty">{props.empty}</li>}>
          {(item) => (
            <li class="ticket">
              <button type="button" aria-pressed={open() === item.conversationId} onClick={() => setOpen(item.conversationId)}>
                {item.title}
              </button>
              <p class="preview">{item.preview}</p>
            </li>
          )}
        </For>
      </ul>
      <Show when={open()} keyed>
        {(id) => <Transcript conversationId={id} />}
      </Show>
    </>
  );
}
