/** Builds an offer: a question and 2 to 10 answers the visitor picks from. */
import { createSignal, For, onMount, Show } from 'solid-js';
import { MAX_CHOICE_CHARS, MAX_CHOICES, MAX_MESSAGE_CHARS } from '../../protocol/limits';
import { ErrorNote } from '../../ui/ErrorNote';
import { FormDialog } from '../../ui/FormDialog';

export function OfferComposer(props: { onSend(question: string, choices: string[]): void; onCancel(): void }) {
  const [question, setQuestion] = createSignal('');
  const [choices, setChoices] = createSignal(['', '']);
  const [error, setError] = createSignal<string | null>(null);
  let first: HTMLInputElement | undefined;
  onMount(() => first?.focus());

  const submit = () => {
    const filled = choices().map((c) => c.trim()).filter(Boolean);
    if (!question().trim()) return setError('Write the question first.');
    if (filled.length < 2) return setError('Give at least 2 choices.');
    if (new Set(filled).size !== filled.length) return setError('Each choice must be different.');
    props.onSend(question().trim(), filled);
  };

  return (
    <FormDialog title="Offer choices" submit="Send offer" class="offer-composer" onSubmit={submit} onCancel={() => props.onCancel()}>
        <label>
          Question
          <input ref={first} maxLength={MAX_MESSAGE_CHARS} value={question()} onInput={(e) => setQuestion(e.currentTarget.value)} />
        </label>
        <For each={choices()}>
          {(choice, i) => (
            <label>
              Choice {i() + 1}
              <input
                maxLength={MAX_CHOICE_CHARS}
                value={choice}
                onInput={(e) => {
                  const value = e.currentTarget.value;
                  setChoices((all) => all.map((c, j) => (j === i() ? value : c)));
                }}
              />
            </label>
          )}
        </For>
        <Show when={choices().length < MAX_CHOICES}>
          <button type="button" onClick={() => setChoices([...choices(), ''])}>
            Add choice
          </button>
        </Show>
        <ErrorNote message={error()} />
    </FormDialog>
  );
}
