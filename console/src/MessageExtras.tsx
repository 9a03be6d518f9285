/** What a message carries besides its text, as the console shows it: files, choices, cards, answers. */
import { For, Show } from 'solid-js';
import type { Attachment, ChatMessage } from '../../protocol/chat';

const fileUrl = (file: Attachment) => `/api/files/${file.id}`;

export function MessageExtras(props: { message: ChatMessage; question: (seq: number) => ChatMessage | undefined }) {
  const m = () => props.message;
  return (
    <>
      <Show when={m().replyTo !== undefined && props.question(m().replyTo!)}>
        {(question) => <span class="reply-to">Answer to: {question().text}</span>}
      </Show>
      <Show when={m().choices}>
        {(choices) => (
          <ul class="choices" aria-label="Choices offered">
            <For each={choices()}>{(choice) => <li>{choice}</li>}</For>
          </ul>
        )}
      </Show>
      <Show when={m().attachments?.length}>
        <ul class="files" aria-label="Files">
          <For each={m().attachments}>
            {(file) => (
              <li>
                <a href={fileUrl(file)} target="_blank" rel="noopener">
                  <Show when={file.type.startsWith('image/')} fallback={file.name}>
                    <img src={fileUrl(file)} alt={file.name} loading="lazy" />
                  </Show>
                </a>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <Show when={m().card}>{(card) => <LinkCard card={card()} />}</Show>
    </>
  );
}

export function LinkCard(props: { card: NonNullable<ChatMessage['card']> }) {
  return (
    <a class="link-card" href={props.card.url} target="_blank" rel="noopener noreferrer">
      <Show when={props.card.image}>
        <img src={props.card.image} alt="" />
      </Show>
      <strong>{props.card.title}</strong>
      <Show when={props.card.price}>
        <span class="price">{props.card.price}</span>
      </Show>
    </a>
  );
}
