/** "Search history": every conversation the agent may see, by words in its messages. */
import { createResource, createSignal, For, Show } from 'solid-js';
import { ErrorNote } from '../../ui/ErrorNote';
import { console } from '../../protocol/rest/console';
import { call } from './api';
import { allLabels } from './LabelPicker';
import { PastConversations } from './PastConversations';

export function SearchHistory() {
  const [query, setQuery] = createSignal('');
  const [label, setLabel] = createSignal('');
  const [labels] = createResource(allLabels);
  const [submitted, setSubmitted] = createSignal<{ q: string; label: string } | null>(null);
  const [hits] = createResource(submitted, ({ q, label }) =>
    call(console.search, { query: label ? { q, label } : { q } }),
  );
  return (
    <section class="tickets" aria-label="Search history">
      <form
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setSubmitted(query().trim() ? { q: query().trim(), label: label() } : null);
        }}
      >
        <label>
          Words to find
          <input type="search" value={query()} maxLength={200} onInput={(e) => setQuery(e.currentTarget.value)} />
        </label>
        <label>
          Only chats labelled
          <select value={label()} onChange={(e) => setLabel(e.currentTarget.value)}>
            <option value="">Any label</option>
            <For each={labels()}>{(l) => <option value={l.id}>{l.name}</option>}</For>
          </select>
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
