/** When each site's chats end by themselves: the visitor left, nobody wrote, nobody answered; and how soon a visitor may reopen. */
import { createSignal, For, Index, Show } from 'solid-js';
import type { AdminSite } from '../../../protocol/admin-api';
import type { Lifecycle } from '../../../protocol/chat';
import { ErrorNote } from '../../../ui/ErrorNote';
import { Field } from '../../../ui/Field';
import { formAction } from '../../../ui/form-action';
import { admin } from '../../../protocol/rest/admin';
import { call } from '../api';
import { adminData } from './data';
import { text } from './forms';

const FIELDS: Array<{ name: keyof Lifecycle; label: string; min: number; max: number }> = [
  { name: 'visitorLeftMinutes', label: 'End a chat when the visitor has been gone for (minutes)', min: 1, max: 1440 },
  { name: 'inactivityMinutes', label: 'End a chat when nobody has written for (minutes)', min: 2, max: 1440 },
  { name: 'missedMinutes', label: 'Make a waiting chat a missed chat and a ticket after (minutes)', min: 1, max: 1440 },
  { name: 'reopenMinutes', label: 'Let a visitor reopen an ended chat within (minutes, 0 = never)', min: 0, max: 1440 },
  { name: 'replyMailSeconds', label: 'Mail replies a visitor who left has not read, once the agent has paused for (seconds, 0 = never)', min: 0, max: 86_400 },
];

function LifecycleForm(props: { site: AdminSite }) {
  const [saved, setSaved] = createSignal(false);
  const save = formAction(async (form) => {
    setSaved(false);
    const body = Object.fromEntries(FIELDS.map((f) => [f.name, Number(text(form, f.name))])) as unknown as Lifecycle;
    const { site } = await call(admin.setLifecycle, { params: { id: props.site.id }, body });
    adminData.siteChanged(site);
    setSaved(true);
  });
  return (
    <form class="card" onSubmit={save.submit} aria-label={`Chat lifecycle for ${props.site.name}`}>
      <h3>{props.site.name}</h3>
      <For each={FIELDS}>{(f) => <Field label={f.label} name={f.name} type="number" min={f.min} max={f.max} value={props.site.lifecycle[f.name]} required />}</For>
      <div class="row">
        <button type="submit" disabled={save.busy()}>
          Save lifecycle
        </button>
        <Show when={saved()}>
          <p role="status">Saved</p>
        </Show>
      </div>
      <ErrorNote message={save.error()} />
    </form>
  );
}

export function LifecyclePage() {
  return (
    <>
      <h2>Chat lifecycle</h2>
      <p class="note">
        Chats end by themselves, so none stays open in an agent's tabs or waits forever. A missed chat becomes a ticket with its transcript. Replies a visitor who left has not read go to their email, with a link back into the chat. Changes apply to chats that start from now on.
      </p>
      {/* By place, not by object: a saved site comes back as a new object, and the form (with its "Saved") must stay. */}
      <Index each={adminData.sites()}>{(site) => <LifecycleForm site={site()} />}</Index>
    </>
  );
}
