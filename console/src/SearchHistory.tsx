/** "Search history": every conversation the agent may see, by words in its messages. */
import { createResource, createSignal, For, Show } from 'solid-js';
import type { SearchHit } from '../../protocol/workspace';
import { ErrorNote } from '../../ui/ErrorNote';
import { api } from './api';
import { Transcript } from './Transcript';

export function SearchHistory() {
  const [query, setQuery] = createSignal('');
  const [submitted, setSubmitted] = createSignal<string | null>(null);
  const [open, setOpen] = createSignal<string | null>(null);
  const [hits] = createResource(submitted, (q) => api<{ hits: SearchHit[] }>('GET', `/api/console/search?q=${encodeURIComponent(q)}`));
  return (
    <section class="tickets" aria-label="Search history">
      <form
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setOpen(null);
          setSubmitted(query().trim() || null);
        }}
      >
        <label>
          Words to find
          <input type="search" value={query()} maxLength={200} onInput={(e) => setQuery(e.currentTarget.value)} />
        </label>
        <button type="submit">Search</button>
      </form>
      <ErrorNote message={hits.error ? (hits.error as Error).message : null} />
      <Show when={hits()}>
        <ul>
          <For each={hits()!.hits} fallback={<li class="empty">Nothing found.</li>}>
            {(hit) => (
              <li class="ticket">
                <button type="button" aria-pressed={open() === hit.conversationId} onClick={() => setOpen(hit.conversationId)}>
                  {hit.visitorName} · {new Date(hit.at).toLocaleString()}
                </button>
                <p class="preview">
                  {hit.authorName}: {hit.text}
                </p>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <Show when={open()} keyed>
        {(id) => <Transcript conversationId={id} />}
      </Show>
    </section>
  );
}
