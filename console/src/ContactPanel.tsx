/** The contact record of the chat ("screen pop"), or a form to create one from the chat. */
import { createResource, createSignal, For, Show } from 'solid-js';
import type { ChatContactResponse, ContactRecord } from '../../protocol/workspace';
import { ErrorNote } from '../../ui/ErrorNote';
import { Field } from '../../ui/Field';
import { console } from '../../protocol/rest/console';
import { call } from './api';

export function ContactPanel(props: { conversationId: string; onFound?(matched: boolean): void }) {
  const [found, { mutate }] = createResource(
    () => props.conversationId,
    async (id) => {
      const res = await call(console.chatContact, { params: { id } });
      props.onFound?.(res.match !== null);
      return res;
    },
  );
  const show = (record: ContactRecord) => mutate({ match: record, matchedBy: 'account' });
  return (
    <section class="contact-panel" aria-label="Contact">
      <Show when={found()} fallback={<p class="empty">Loading…</p>}>
        {(f) => (
          <Show when={f().match} fallback={<CreateContact conversationId={props.conversationId} draft={draftOf(f())} onCreated={show} />}>
            {(record) => <Record record={record()} onChange={show} />}
          </Show>
        )}
      </Show>
    </section>
  );
}

const draftOf = (res: ChatContactResponse) => ('draft' in res ? res.draft : { name: '', email: null, accountNumber: null });

function CreateContact(props: { conversationId: string; draft: { name: string; email: string | null; accountNumber: string | null }; onCreated(r: ContactRecord): void }) {
  const [error, setError] = createSignal<string | null>(null);
  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget as HTMLFormElement);
    try {
      props.onCreated(
        await call(console.createContact, {
          body: {
            conversationId: props.conversationId,
            name: String(data.get('name')),
            email: String(data.get('email')),
            accountNumber: String(data.get('accountNumber')),
            phone: String(data.get('phone')),
          },
        }),
      );
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <form class="contact-form" onSubmit={(e) => void submit(e)}>
      <p>No contact matches this chat.</p>
      <Field label="Name" name="name" value={props.draft.name} required />
      <Field label="Email" name="email" type="email" value={props.draft.email ?? ''} />
      <Field label="Account number" name="accountNumber" value={props.draft.accountNumber ?? ''} />
      <Field label="Phone" name="phone" value="" />
      <ErrorNote message={error()} />
      <button type="submit">Create contact</button>
    </form>
  );
}

function Record(props: { record: ContactRecord; onChange(r: ContactRecord): void }) {
  const [error, setError] = createSignal<string | null>(null);
  const add = async (e: SubmitEvent, field: 'text' | 'title', adding: (value: string) => Promise<ContactRecord>) => {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    try {
      props.onChange(await adding(String(new FormData(form).get(field))));
      form.reset();
      setError(null);
    } catch (err) {
      setError((err as Error).message);
    }
  };
  const c = () => props.record.contact;
  return (
    <div class="contact">
      <h3>{c().name}</h3>
      <dl>
        <dt>Email</dt>
        <dd>{c().email ?? '—'}</dd>
        <dt>Account number</dt>
        <dd>{c().accountNumber ?? '—'}</dd>
        <dt>Phone</dt>
        <dd>{c().phone ?? '—'}</dd>
      </dl>
      <h4>Cases</h4>
      <ul>
        <For each={props.record.cases} fallback={<li class="empty">No cases.</li>}>
          {(k) => (
            <li>
              {k.title} <span class="note">({k.status})</span>
            </li>
          )}
        </For>
      </ul>
      <form onSubmit={(e) => void add(e, 'title', (title) => call(console.addContactCase, { params: { id: c().id }, body: { title } }))}>
        <Field label="New case" name="title" required />
        <button type="submit">Add case</button>
      </form>
      <h4>Notes</h4>
      <ul>
        <For each={props.record.notes} fallback={<li class="empty">No notes.</li>}>
          {(n) => (
            <li>
              {n.text} <span class="note">— {n.agentName}</span>
            </li>
          )}
        </For>
      </ul>
      <form onSubmit={(e) => void add(e, 'text', (text) => call(console.addContactNote, { params: { id: c().id }, body: { text } }))}>
        <Field label="New note" name="text" required />
        <button type="submit">Add note</button>
      </form>
      <ErrorNote message={error()} />
    </div>
  );
}
