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
        {/* Drawn, not an emoji character: the toggle must show even where no emoji font is installed. */}
        <svg viewBox="0 0 24 24" aria-hidden="true">
          <path d="M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zm0 18a8 8 0 1 1 0-16 8 8 0 0 1 0 16zm-3.5-9a1.5 1.5 0 1 0 0-3 1.5 1.5 0 0 0 0 3zm7 0a1.5 1.5 0 1 0 0-3 1.5 1.5 0 0 0 0 3zM12 17.5c2.3 0 4.3-1.4 5-3.5H7c.7 2.1 2.7 3.5 5 3.5z" />
        </svg>
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
