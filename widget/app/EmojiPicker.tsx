/** A small emoji picker: a curated handful, no library. Escape closes it and gives the focus back. */
import { createSignal, For, Show } from 'solid-js';
import type { Translate } from './i18n';

const EMOJI = ['😀', '😂', '😊', '😍', '🤔', '😢', '😮', '😅', '👍', '👎', '👏', '🙏', '❤️', '🎉', '✅', '❌', '🔥', '⭐', '📦', '💳'];

export function EmojiPicker(props: { t: Translate; onPick(emoji: string): void }) {
  const [open, setOpen] = createSignal(false);
  let toggle: HTMLButtonElement | undefined;
  const close = () => {
    setOpen(false);
    toggle?.focus();
  };
  return (
    <div class="emoji">
      <button type="button" ref={toggle} class="icon" aria-label={props.t('emoji')} aria-expanded={open()} onClick={() => setOpen(!open())}>
        <span aria-hidden="true">🙂</span>
      </button>
      <Show when={open()}>
        <div
          class="emoji-grid"
          role="group"
          aria-label={props.t('emoji')}
          onKeyDown={(e) => {
            if (e.key !== 'Escape') return;
            e.stopPropagation();
            close();
          }}
        >
          <For each={EMOJI}>
            {(emoji, i) => (
              <button
                type="button"
                ref={(el) => i() === 0 && queueMicrotask(() => el.focus())}
                onClick={() => {
                  props.onPick(emoji);
                  setOpen(false);
                }}
              >
                {emoji}
              </button>
            )}
          </For>
        </div>
      </Show>
    </div>
  );
}
