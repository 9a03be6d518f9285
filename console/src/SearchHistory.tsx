/** "Search history": every conversation the agent may see, by words in its messages. */
import { createResource, createSignal, Show } from 'solid-js';
import { ErrorNote } from '../../ui/ErrorNote';
import { console } from '../../protocol/rest/console';
import { call } from './api';
import { PastConversations } from './PastConversations';

export function SearchHistory() {
  const [query, setQuery] = createSignal('');
  const [submitted, setSubmitted] = createSignal<string | null>(null);
  const [hits] = createResource(submitted, (q) => call(console.search, { query: { q } }));
  return (
    <section class="tickets" aria-label="Search history">
      <form
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
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
      {/* Keyed: a new search starts with nothing open. */}
      <Show when={hits()} keyed>
        {(result) => (
          <PastConversations
            empty="Nothing found."
            items={result.hits.map((hit) => ({
              conversationId: hit.conversationId,
              title: `${hit.visitorName} · ${new Date(hit.at).toLocaleString()}`,
              preview: `${hit.authorName}: ${hit.text}`,
            }))}
          />
        )}
      </Show>
    </section>
  );
}
