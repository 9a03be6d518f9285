/** Predefined messages agents pick in the composer: shared by all, or for one queue. Admins and supervisors. */
import { createResource, For, Show } from 'solid-js';
import type { AdminQueue } from '../../../protocol/admin-api';
import type { PredefinedMessage } from '../../../protocol/workspace';
import { ErrorNote } from '../../../ui/ErrorNote';
import { Field } from '../../../ui/Field';
import { formAction } from '../../../ui/form-action';
import { admin } from '../../../protocol/rest/admin';
import { call } from '../api';
import { text } from './forms';

function QueueSelect(props: { queues: AdminQueue[]; value: string | null }) {
  return (
    <label>
      For
      <select name="queueId" value={props.value ?? ''}>
        <option value="">Every queue (shared)</option>
        <For each={props.queues}>{(q) => <option value={q.id}>{q.name}</option>}</For>
      </select>
    </label>
  );
}

const body = (form: FormData) => ({ title: text(form, 'title'), text: text(form, 'text'), queueId: text(form, 'queueId') || null });

function MessageEditor(props: { message: PredefinedMessage; queues: AdminQueue[]; onChange(): void }) {
  const save = formAction(async (form) => {
    await call(admin.updatePredefined, { params: { id: props.message.id }, body: body(form) });
    props.onChange();
  });
  const remove = formAction(async () => {
    await call(admin.deletePredefined, { params: { id: props.message.id } });
    props.onChange();
  });
  return (
    <section aria-label={props.message.title}>
      <form onSubmit={save.submit}>
        <div class="row">
          <Field label="Title" name="title" value={props.message.title} required maxLength={80} />
          <QueueSelect queues={props.queues} value={props.message.queueId} />
        </div>
        <label>
          Text
          <textarea name="text" rows={3} required value={props.message.text} />
        </label>
        <ErrorNote message={save.error()} />
        <button type="submit" disabled={save.busy()}>
          Save
        </button>
      </form>
      <form onSubmit={remove.submit}>
        <ErrorNote message={remove.error()} />
        <button type="submit" aria-label={`Delete ${props.message.title}`} disabled={remove.busy()}>
          Delete
        </button>
      </form>
    </section>
  );
}

export function PredefinedPage() {
  const [messages, { refetch }] = createResource(async () => (await call(admin.predefined)).messages);
  const [queues] = createResource(async () => (await call(admin.queues)).queues, { initialValue: [] });
  const create = formAction(async (form) => {
    await call(admin.createPredefined, { body: body(form) });
    (document.getElementById('new-predefined') as HTMLFormElement).reset();
    void refetch();
  });
  return (
    <>
      <h2>Predefined messages</h2>
      <form class="card" id="new-predefined" onSubmit={create.submit} aria-label="New predefined message">
        <div class="row">
          <Field label="New title" name="title" required maxLength={80} />
          <QueueSelect queues={queues()} value={null} />
        </div>
        <label>
          New text
          <textarea name="text" rows={3} required />
        </label>
        <ErrorNote message={create.error()} />
        <button type="submit" disabled={create.busy()}>
          Add message
        </button>
      </form>
      <For each={messages()}>{(message) => <MessageEditor message={message} queues={queues()} onChange={() => void refetch()} />}</For>
      <Show when={messages()?.length === 0}>
        <p class="note">No predefined messages yet.</p>
      </Show>
    </>
  );
}
