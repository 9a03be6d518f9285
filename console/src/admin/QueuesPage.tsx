/** Queues: create, rename, offer timeout, members, delete when empty. */
import { For, Show } from 'solid-js';
import type { AdminQueue } from '../../../protocol/admin-api';
import { ErrorNote } from '../../../ui/ErrorNote';
import { Field } from '../../../ui/Field';
import { formAction } from '../../../ui/form-action';
import { admin } from '../../../protocol/rest/admin';
import { call } from '../api';
import { adminData } from './data';
import { all, text } from './forms';
import { SitePicker } from './SitePicker';

const changed = () => {
  void adminData.refetchQueues();
  void adminData.refetchAgents();
};

function QueueEditor(props: { queue: AdminQueue }) {
  const q = () => props.queue;
  const save = formAction(async (form) => {
    await call(admin.updateQueue, { params: { id: q().id }, body: { name: text(form, 'name'), offerTimeoutSeconds: Number(text(form, 'offerTimeoutSeconds')) } });
    await call(admin.setQueueMembers, { params: { id: q().id }, body: { agentIds: all(form, 'agentIds') } });
    changed();
  });
  const remove = formAction(async () => {
    await call(admin.deleteQueue, { params: { id: q().id } });
    changed();
  });
  return (
    <section aria-label={`Queue ${q().name}`}>
      <form onSubmit={save.submit}>
        <div class="row">
          <Field label="Queue name" name="name" value={q().name} required maxLength={80} />
          <Field label="Offer timeout (seconds)" name="offerTimeoutSeconds" type="number" min={5} max={300} value={q().offerTimeoutSeconds} required />
        </div>
        <fieldset>
          <legend>Members</legend>
          <For each={adminData.agents()}>
            {(agent) => (
              <label class="check">
                <input type="checkbox" name="agentIds" value={agent.id} checked={q().agentIds.includes(agent.id)} />
                {agent.name}
              </label>
            )}
          </For>
        </fieldset>
        <ErrorNote message={save.error()} />
        <button type="submit" disabled={save.busy()}>
          Save queue
        </button>
      </form>
      <form onSubmit={remove.submit}>
        <ErrorNote message={remove.error()} />
        <button type="submit" class="danger" disabled={remove.busy()} aria-label={`Delete queue ${q().name}`}>
          Delete
        </button>
      </form>
    </section>
  );
}

export function QueuesPage() {
  const create = formAction(async (form) => {
    await call(admin.createQueue, { body: { siteId: adminData.site()!.id, name: text(form, 'name'), offerTimeoutSeconds: Number(text(form, 'offerTimeoutSeconds')) } });
    (document.getElementById('new-queue') as HTMLFormElement).reset();
    changed();
  });
  const siteQueues = () => adminData.queues()?.filter((q) => q.siteId === adminData.site()?.id) ?? [];
  return (
    <>
      <h2>Queues</h2>
      <SitePicker />
      <form class="card" id="new-queue" onSubmit={create.submit} aria-label="New queue">
        <div class="row">
          <Field label="New queue name" name="name" required maxLength={80} />
          <Field label="Offer timeout (seconds)" name="offerTimeoutSeconds" type="number" min={5} max={300} value={30} required />
          {/* A queue belongs to a site: not before the sites are known (the admin may land on a page that needs none). */}
          <button type="submit" disabled={create.busy() || !adminData.site()}>
            Add queue
          </button>
        </div>
        <ErrorNote message={create.error()} />
      </form>
      <For each={siteQueues()}>{(queue) => <QueueEditor queue={queue} />}</For>
      <Show when={siteQueues().length === 0}>
        <p class="note">This site has no queue yet: chats cannot start until it has one.</p>
      </Show>
    </>
  );
}
