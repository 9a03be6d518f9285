/** Labels agents put on chats and tickets: a name and a colour; deleting one takes it off everything. */
import { createResource, createSignal, For, Show } from 'solid-js';
import type { Label } from '../../../protocol/workspace';
import { ConfirmDialog } from '../../../ui/ConfirmDialog';
import { ErrorNote } from '../../../ui/ErrorNote';
import { Field } from '../../../ui/Field';
import { formAction } from '../../../ui/form-action';
import { admin } from '../../../protocol/rest/admin';
import { call } from '../api';
import { text } from './forms';

export function LabelsPage() {
  const [labels, { refetch }] = createResource(async () => (await call(admin.labels)).labels);
  const [doomed, setDoomed] = createSignal<Label | null>(null);
  const [error, setError] = createSignal<string | null>(null);
  let addForm: HTMLFormElement | undefined;
  const add = formAction(async (form) => {
    await call(admin.createLabel, { body: { name: text(form, 'name'), color: text(form, 'color') } });
    addForm?.reset();
    void refetch();
  });
  const remove = async (label: Label) => {
    setDoomed(null);
    setError(null);
    try {
      await call(admin.deleteLabel, { params: { id: label.id } });
      void refetch();
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <>
      <h2>Labels</h2>
      <p class="note">Agents put labels on chats and tickets, and find them again by label in Tickets and Search history.</p>
      <Show when={labels()?.length} fallback={<p class="note">No labels yet.</p>}>
        <ul class="label-list">
          <For each={labels()}>
            {(label) => (
              <li>
                <span class="label-dot" style={{ background: label.color }} aria-hidden="true" />
                {label.name}
                <button type="button" class="danger" aria-label={`Delete label ${label.name}`} onClick={() => setDoomed(label)}>
                  Delete
                </button>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <ErrorNote message={error()} />
      <form class="card" ref={addForm} onSubmit={add.submit} aria-label="New label">
        <div class="row">
          <Field label="Name" name="name" maxLength={40} required />
          <Field label="Colour" name="color" type="color" value="#2f6fde" />
          <button type="submit" disabled={add.busy()}>
            Add label
          </button>
        </div>
        <ErrorNote message={add.error()} />
      </form>
      <Show when={doomed()}>
        {(label) => (
          <ConfirmDialog
            title={`Delete the label ${label().name}?`}
            text="It is taken off every chat and ticket that has it."
            confirm="Delete label"
            cancel="Keep it"
            onConfirm={() => void remove(label())}
            onCancel={() => setDoomed(null)}
          />
        )}
      </Show>
    </>
  );
}
