/** The predefined messages by title; picking one hands its text to the composer to edit and send. */
import { createSignal, For, onMount, Show } from 'solid-js';
import type { PredefinedMessage } from '../../protocol/workspace';

export function PredefinedPicker(props: { messages: PredefinedMessage[] | undefined; onPick(text: string): void; onCancel(): void }) {
  const [filter, setFilter] = createSignal('');
  let input: HTMLInputElement | undefined;
  onMount(() => input?.focus());
  const shown = () => (props.messages ?? []).filter((m) => m.title.toLowerCase().includes(filter().trim().toLowerCase()));

  return (
    <div class="popover" role="dialog" aria-label="Predefined messages" onKeyDown={(e) => e.key === 'Escape' && props.onCancel()}>
      <label>
        Find
        <input
          ref={input}
          value={filter()}
          onInput={(e) => setFilter(e.currentTarget.value)}
          onKeyDown={(e) => {
            const first = shown()[0];
            if (e.key === 'Enter' && first) {
              e.preventDefault();
              props.onPick(first.text);
            }
          }}
        />
      </label>
      <Show when={props.messages} fallback={<p>Loading…</p>}>
        <ul>
          <For each={shown()} fallback={<li class="empty">No predefined messages match.</li>}>
            {(m) => (
              <li>
                <button type="button" title={m.text} onClick={() => props.onPick(m.text)}>
                  {m.title}
                </button>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </div>
  );
}
