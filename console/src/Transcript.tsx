/** A past conversation, read-only, as D1 keeps it (private notes marked). */
import { createResource, For, Show } from 'solid-js';
import { console } from '../../protocol/rest/console';
import { call } from './api';

export function Transcript(props: { conversationId: string }) {
  const [transcript] = createResource(() => props.conversationId, (id) => call(console.transcript, { params: { id } }));
  return (
    <Show when={transcript()} fallback={<p class="empty">{transcript.error ? (transcript.error as Error).message : 'Loading…'}</p>}>
      {(t) => (
        <ol class="messages read-only" aria-label={`Earlier conversation with ${t().conversation.visitorName}, ${new Date(t().conversation.createdAt).toLocaleString()}`}>
          <For each={t().messages}>
            {(m) => (
              <li class={m.author.role === 'system' ? 'system' : m.private ? 'private' : ''}>
                <Show when={m.author.role !== 'system'}>
                  <span class="author">{m.author.name}: </span>
                </Show>
                {m.text}
                <Show when={m.private}>
                  <span class="note"> (private)</span>
                </Show>
              </li>
            )}
          </For>
        </ol>
      )}
    </Show>
  );
}
