/**
 * The conversation as both sides see it: stored messages in order, then this client's own
 * messages still being sent. Text is rendered as text nodes, never as HTML.
 */
import { createEffect, createResource, For, Show } from 'solid-js';
import type { Attachment, Card, ChatMessage, DeliveryState } from '../protocol/chat';
import { deliveryState, type ChatState } from '../protocol/client/conversation-client';
import { RASTER_IMAGE_TYPES } from '../protocol/limits';
import { pathOf } from '../protocol/rest/endpoint';
import { files } from '../protocol/rest/files';

const DELIVERY_LABELS: Record<DeliveryState, string> = {
  sending: 'Sending…',
  sent: 'Sent',
  delivered: 'Delivered',
  read: 'Read',
};

export function MessageList(props: {
  state: ChatState;
  label: string;
  /** Words for Sending…/Sent/Delivered/Read in the reader's language; English by default. */
  deliveryLabels?: Record<DeliveryState, string>;
  /** Lets the reader answer an agent's choices; without it they show as plain text. */
  onChoose?(message: ChatMessage, choice: string): void;
  /**
   * A URL the browser can show for a file. By default the files API on this origin, which the
   * console's session cookie opens; the widget, on another origin, fetches with its token instead.
   */
  fileUrl?(attachment: Attachment): Promise<string>;
  /** With it, an answer to choices shows "<answerLabel>: <question>" (the console's view). */
  answerLabel?: string;
  /** With it, a message the customer sent by replying to a mail is marked so (the console's view). */
  viaEmailLabel?: string;
  /** A system line's words in the reader's language; by default its stored English `text`. */
  systemText?(message: ChatMessage): string;
}) {
  const labels = () => props.deliveryLabels ?? DELIVERY_LABELS;
  const question = (seq: number) => props.state.messages.find((q) => q.seq === seq);
  let list: HTMLOListElement | undefined;
  const mine = (authorId: string | undefined) => authorId !== undefined && authorId === props.state.you?.id;

  createEffect(() => {
    // Keep the newest message in view as messages arrive.
    void props.state.messages.length;
    void props.state.pending.length;
    // Optional call: not every DOM has it (jsdom, where the component tests run, does not).
    list?.lastElementChild?.scrollIntoView?.({ block: 'end' });
  });

  return (
    // The log is the live region; the list inside keeps list semantics (a list may not be a log).
    <div class="messages" role="log" aria-label={props.label} aria-live="polite">
      <ol ref={list}>
      <For each={props.state.messages}>
        {(m) =>
          m.author.role === 'system' ? (
            <li class="system">{props.systemText ? props.systemText(m) : m.text}</li>
          ) : (
            <li class={`${mine(m.author.id) ? 'mine' : 'theirs'}${m.private ? ' private' : ''}`}>
              <Show when={!mine(m.author.id)}>
                <span class="author">{m.author.name}</span>
              </Show>
              <Show when={m.private}>
                <PrivateMark />
              </Show>
              <Show when={m.via === 'email' && props.viaEmailLabel}>
                <span class="via-email">{props.viaEmailLabel}</span>
              </Show>
              <Show when={props.answerLabel !== undefined && m.replyTo !== undefined ? question(m.replyTo) : undefined}>
                {(asked) => (
                  <span class="reply-to">
                    {props.answerLabel}: {asked().text}
                  </span>
                )}
              </Show>
              <Show when={m.text}>
                <p>{m.text}</p>
              </Show>
              <Show when={m.attachments?.length}>
                <Files attachments={m.attachments!} fileUrl={props.fileUrl ?? sameOriginFile} />
              </Show>
              <Show when={m.card}>{(card) => <CardView card={card()} />}</Show>
              <Show when={m.choices?.length}>
                <Choices
                  choices={m.choices!}
                  answered={props.state.messages.some((reply) => reply.replyTo === m.seq)}
                  onChoose={props.onChoose && ((choice) => props.onChoose!(m, choice))}
                />
              </Show>
              {/* A private note never goes to the visitor, so it has no delivery to show. */}
              <Show when={mine(m.author.id) && !m.private}>
                <span class="note">{labels()[deliveryState(props.state, m)]}</span>
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
            <Show when={p.text}>
              <p>{p.text}</p>
            </Show>
            <Show when={p.attachments?.length}>
              <ul class="files">
                <For each={p.attachments}>{(a) => <li>{a.name}</li>}</For>
              </ul>
            </Show>
            <span class="note">{labels().sending}</span>
          </li>
        )}
      </For>
      </ol>
    </div>
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

/** An agent's menu: for the one who answers, a button per answer until one is given; for the agents, the list offered. */
function Choices(props: { choices: string[]; answered: boolean; onChoose?: ((choice: string) => void) | undefined }) {
  return (
    <Show
      when={props.onChoose}
      fallback={
        <ul class="choices" aria-label="Choices offered">
          <For each={props.choices}>{(choice) => <li>{choice}</li>}</For>
        </ul>
      }
    >
      {(choose) => (
        <div class="choices">
          <For each={props.choices}>
            {(choice) => (
              <button type="button" disabled={props.answered} onClick={() => choose()(choice)}>
                {choice}
              </button>
            )}
          </For>
        </div>
      )}
    </Show>
  );
}

/** A link or product card; the link opens in a new tab and cannot reach back into this page. */
export function CardView(props: { card: Card }) {
  return (
    <a class="card" href={props.card.url} target="_blank" rel="noopener noreferrer">
      <Show when={props.card.image}>
        <img src={props.card.image} alt="" loading="lazy" />
      </Show>
      <strong>{props.card.title}</strong>
      <Show when={props.card.price}>
        <span class="price">{props.card.price}</span>
      </Show>
      <Show when={props.card.description}>
        <span>{props.card.description}</span>
      </Show>
    </a>
  );
}

const sameOriginFile = async (attachment: Attachment) => pathOf(files.download, { id: attachment.id });

/** Files sent with a message: images previewed, other files as download links. */
function Files(props: { attachments: Attachment[]; fileUrl(attachment: Attachment): Promise<string> }) {
  return (
    <ul class="files">
      <For each={props.attachments}>
        {(a) => {
          const [url] = createResource(() => props.fileUrl(a));
          return (
            <li>
              <a href={url()} download={a.name} target="_blank" rel="noopener noreferrer">
                <Show when={RASTER_IMAGE_TYPES.test(a.type) && url()} fallback={a.name}>
                  <img src={url()} alt={a.name} />
                </Show>
              </a>
            </li>
          );
        }}
      </For>
    </ul>
  );
}
