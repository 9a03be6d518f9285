/**
 * The conversation as both sides see it: stored messages in order, then this client's own
 * messages still being sent. Text is rendered as text nodes, never as HTML.
 */
import { createEffect, For, Show, type JSX } from 'solid-js';
import type { ChatMessage, DeliveryState } from '../protocol/chat';
import { deliveryState, type ChatState } from '../protocol/client/conversation-client';

const DELIVERY_LABELS: Record<DeliveryState, string> = {
  sending: 'Sending…',
  sent: 'Sent',
  delivered: 'Delivered',
  read: 'Read',
};

export function MessageList(props: {
  state: ChatState;
  label: string;
  /** Shown under a message's text: the console's files, choices, cards and answers. */
  extra?: (message: ChatMessage) => JSX.Element;
}) {
  let list: HTMLOListElement | undefined;
  const mine = (authorId: string | undefined) => authorId !== undefined && authorId === props.state.you?.id;

  createEffect(() => {
    // Keep the newest message in view as messages arrive.
    void props.state.messages.length;
    void props.state.pending.length;
    list?.lastElementChild?.scrollIntoView({ block: 'end' });
  });

  return (
    <ol class="messages" role="log" aria-label={props.label} aria-live="polite" ref={list}>
      <For each={props.state.messages}>
        {(m) =>
          m.author.role === 'system' ? (
            <li class="system">{m.text}</li>
          ) : (
            <li class={`${mine(m.author.id) ? 'mine' : 'theirs'}${m.private ? ' private' : ''}`}>
              <Show when={!mine(m.author.id)}>
                <span class="author">{m.author.name}</span>
              </Show>
              <Show when={m.private}>
                <PrivateMark />
              </Show>
              <p>{m.text}</p>
              {props.extra?.(m)}
              {/* A private note never goes to the visitor, so it has no delivery to show. */}
              <Show when={mine(m.author.id) && !m.private}>
                <span class="note">{DELIVERY_LABELS[deliveryState(props.state, m)]}</span>
              </Show>
            </li>
          )
        }
      </For>
      <For each={props.state.pending}>
        {(p) => (
          <li class={`mine pending${p.private ? ' private' : ''}`}>
            <Show when={p.private}>
              <PrivateMark />
            </Show>
            <p>{p.text}</p>
            <span class="note">{DELIVERY_LABELS.sending}</span>
          </li>
        )}
      </For>
    </ol>
  );
}

/** Marks a note only agents see: an eye, and the word for those who cannot see the eye. */
function PrivateMark() {
  return (
    <span class="private-mark">
      <svg viewBox="0 0 24 24" aria-hidden="true" width="14" height="14">
        <path d="M12 5C6 5 2 12 2 12s4 7 10 7 10-7 10-7-4-7-10-7zm0 11a4 4 0 1 1 0-8 4 4 0 0 1 0 8z" fill="currentColor" />
      </svg>
      Private
    </span>
  );
}
