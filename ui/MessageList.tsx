/**
 * The conversation as both sides see it: stored messages in order, then this client's own
 * messages still being sent. Text is rendered as text nodes, never as HTML.
 */
import { createEffect, For, Show } from 'solid-js';
import type { DeliveryState } from '../protocol/chat';
import { deliveryState, type ChatState } from '../protocol/client/conversation-client';

const DELIVERY_LABELS: Record<DeliveryState, string> = {
  sending: 'Sending…',
  sent: 'Sent',
  delivered: 'Delivered',
  read: 'Read',
};

export function MessageList(props: { state: ChatState; label: string }) {
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
            <li class={mine(m.author.id) ? 'mine' : 'theirs'}>
              <Show when={!mine(m.author.id)}>
                <span class="author">{m.author.name}</span>
              </Show>
              <p>{m.text}</p>
              <Show when={mine(m.author.id)}>
                <span class="note">{DELIVERY_LABELS[deliveryState(props.state, m)]}</span>
              </Show>
            </li>
          )
        }
      </For>
      <For each={props.state.pending}>
        {(p) => (
          <li class="mine pending">
            <p>{p.text}</p>
            <span class="note">{DELIVERY_LABELS.sending}</span>
          </li>
        )}
      </For>
    </ol>
  );
}
