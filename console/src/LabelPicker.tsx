/** A chat's or ticket's labels: shown as chips, changed in a dialog with one checkbox per label. */
import { createResource, createSignal, For, Show } from 'solid-js';
import type { Label } from '../../protocol/workspace';
import { ErrorNote } from '../../ui/ErrorNote';
import { FormDialog } from '../../ui/FormDialog';
import { console } from '../../protocol/rest/console';
import { call } from './api';

/** Every label there is; fetched once per console, since admins rarely change them. */
let all: Promise<Label[]> | undefined;
export const allLabels = () => (all ??= call(console.labels).then((r) => r.labels));

export function LabelChips(props: { labels: Label[] }) {
  return (
    <ul class="label-chips" aria-label="Labels">
      <For each={props.labels}>
        {(label) => (
          <li class="label-chip">
            <span class="label-dot" style={{ background: label.color }} aria-hidden="true" />
            {label.name}
          </li>
        )}
      </For>
    </ul>
  );
}

/** `of` names what is labelled, for the button's accessible name ("Labels of the chat with Kim"). */
export function LabelPicker(props: { of: string; current: string[]; onSave(ids: string[]): Promise<void> }) {
  const [labels] = createResource(allLabels);
  const [open, setOpen] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  const chosen = () => (labels() ?? []).filter((l) => props.current.includes(l.id));
  let box: HTMLDivElement | undefined;
  const save = async () => {
    setError(null);
    try {
      await props.onSave([...box!.querySelectorAll<HTMLInputElement>('input:checked')].map((i) => i.value));
      setOpen(false);
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <div class="labels">
      <LabelChips labels={chosen()} />
      <Show when={(labels() ?? []).length > 0}>
        <button type="button" aria-label={`Labels of ${props.of}`} onClick={() => setOpen(true)}>
          Labels
        </button>
      </Show>
      <Show when={open()}>
        <FormDialog title={`Labels of ${props.of}`} submit="Save labels" onSubmit={() => void save()} onCancel={() => setOpen(false)}>
          <div ref={box} class="label-choices">
          <For each={labels()}>
            {(label) => (
              <label class="check">
                <input type="checkbox" name="label" value={label.id} checked={props.current.includes(label.id)} />
                <span class="label-dot" style={{ background: label.color }} aria-hidden="true" />
                {label.name}
              </label>
            )}
          </For>
          </div>
          <ErrorNote message={error()} />
        </FormDialog>
      </Show>
    </div>
  );
}
