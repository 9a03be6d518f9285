/** Writes a message: Enter sends, Shift+Enter breaks the line; tells the other side while typing. */
import { createSignal, onCleanup, type JSX } from 'solid-js';
import { MAX_MESSAGE_CHARS } from '../protocol/limits';

const TYPING_IDLE_MS = 3000;

export function Composer(props: {
  onSend(text: string): void;
  onTyping?(typing: boolean): void;
  disabled?: boolean;
  placeholder?: string;
  /** Controls shown beside the Send button, such as the console's "Private" toggle. */
  children?: JSX.Element;
  /** The textbox's name and the button's words, in the writer's language. */
  labels?: { message: string; send: string };
  /** Sending with no text is fine (files ride along). */
  allowEmpty?: () => boolean;
  /** Hands out a way to put text at the caret, for pickers such as emoji. */
  onReady?(composer: { insert(text: string): void }): void;
}) {
  const [text, setText] = createSignal('');
  let typingTimer: ReturnType<typeof setTimeout> | undefined;
  let typing = false;

  const setTyping = (next: boolean) => {
    if (next !== typing) props.onTyping?.(next);
    typing = next;
    clearTimeout(typingTimer);
    if (next) typingTimer = setTimeout(() => setTyping(false), TYPING_IDLE_MS);
  };
  onCleanup(() => clearTimeout(typingTimer));

  let field: HTMLTextAreaElement | undefined;
  props.onReady?.({
    insert(inserted) {
      const at = field?.selectionStart ?? text().length;
      const end = field?.selectionEnd ?? at;
      setText(text().slice(0, at) + inserted + text().slice(end));
      field?.focus();
      field?.setSelectionRange(at + inserted.length, at + inserted.length);
    },
  });

  const submit = (event?: Event) => {
    event?.preventDefault();
    const value = text().trim();
    if ((!value && !props.allowEmpty?.()) || props.disabled) return;
    props.onSend(value);
    setText('');
    setTyping(false);
  };

  return (
    <form class="composer" onSubmit={submit}>
      <textarea
        ref={field}
        aria-label={props.labels?.message ?? 'Message'}
        placeholder={props.placeholder ?? 'Write a message…'}
        rows={2}
        maxLength={MAX_MESSAGE_CHARS}
        value={text()}
        onInput={(e) => {
          setText(e.currentTarget.value);
          setTyping(e.currentTarget.value.length > 0);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) submit(e);
        }}
      />
      {props.children}
      <button type="submit" disabled={props.disabled}>
        {props.labels?.send ?? 'Send'}
      </button>
    </form>
  );
}
