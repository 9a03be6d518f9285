/**
 * Webhooks: endpoints Parley posts events to (signed, Standard Webhooks), each with its events, a
 * secret shown once, on/off, and its delivery log with "Send again".
 */
import { createResource, createSignal, For, Show } from 'solid-js';
import { WEBHOOK_EVENTS, type Webhook, type WebhookEventType } from '../../../protocol/public-api';
import { admin } from '../../../protocol/rest/admin';
import { ConfirmDialog } from '../../../ui/ConfirmDialog';
import { ErrorNote } from '../../../ui/ErrorNote';
import { Field } from '../../../ui/Field';
import { formAction } from '../../../ui/form-action';
import { call } from '../api';
import { Checkboxes } from './Checkboxes';
import { all, text } from './forms';
import { ShownOnce } from './ShownOnce';

function Deliveries(props: { webhook: Webhook }) {
  const [log, { refetch }] = createResource(async () => (await call(admin.webhookDeliveries, { params: { id: props.webhook.id } })).deliveries);
  return (
    <Show when={log()?.length} fallback={<p class="note">Nothing sent yet.</p>}>
      <table>
        <caption class="visually-hidden">Deliveries to {props.webhook.url}</caption>
        <thead>
          <tr>
            <th scope="col">Event</th>
            <th scope="col">Status</th>
            <th scope="col">Attempts</th>
            <th scope="col">Last answer</th>
            <th scope="col">When</th>
            <th scope="col">
              <span class="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          <For each={log()}>
            {(d) => {
              const again = formAction(async () => {
                await call(admin.redeliver, { params: { id: props.webhook.id, deliveryId: d.id } });
                void refetch();
              });
              return (
                <tr>
                  <td>
                    <code>{d.event}</code>
                  </td>
                  <td class={`status-${d.status}`}>{d.status}</td>
                  <td>{d.attempts}</td>
                  <td>{d.lastStatus ?? '—'}{d.lastError ? `: ${d.lastError}` : ''}</td>
                  <td>{new Date(d.updatedAt).toLocaleString()}</td>
                  <td>
                    <form onSubmit={again.submit}>
                      <button type="submit" aria-label={`Send again: ${d.event} of ${new Date(d.createdAt).toLocaleString()}`} disabled={again.busy() || d.status === 'pending'}>
                        Send again
                      </button>
                      <ErrorNote message={again.error()} />
                    </form>
                  </td>
                </tr>
              );
            }}
          </For>
        </tbody>
      </table>
    </Show>
  );
}

function Endpoint(props: { webhook: Webhook; changed: () => void; remove: (w: Webhook) => void }) {
  const [open, setOpen] = createSignal(false);
  const toggle = formAction(async () => {
    await call(admin.updateWebhook, { params: { id: props.webhook.id }, body: { enabled: !props.webhook.enabled } });
    props.changed();
  });
  return (
    <section aria-label={`Webhook ${props.webhook.url}`}>
      <h3>
        <code>{props.webhook.url}</code>
      </h3>
      <p>
        <strong>{props.webhook.enabled ? 'On: receiving events' : 'Off: receiving nothing'}</strong>
        {props.webhook.disabledReason ? ` — ${props.webhook.disabledReason}` : ''}
        {props.webhook.enabled && props.webhook.failingSince ? ` — failing since ${new Date(props.webhook.failingSince).toLocaleString()}` : ''}
      </p>
      <p class="note">Events: {props.webhook.events.join(', ')}</p>
      <div class="row">
        <form onSubmit={toggle.submit}>
          <button type="submit" disabled={toggle.busy()}>
            {props.webhook.enabled ? 'Turn off' : 'Turn on'}
          </button>
        </form>
        <button type="button" aria-expanded={open()} onClick={() => setOpen(!open())}>
          {open() ? 'Hide deliveries' : 'Show deliveries'}
        </button>
        <button type="button" class="danger" aria-label={`Delete webhook ${props.webhook.url}`} onClick={() => props.remove(props.webhook)}>
          Delete
        </button>
      </div>
      <ErrorNote message={toggle.error()} />
      <Show when={open()}>
        <Deliveries webhook={props.webhook} />
      </Show>
    </section>
  );
}

export function WebhooksPage() {
  const [hooks, { refetch }] = createResource(async () => (await call(admin.webhooks)).webhooks);
  const [shown, setShown] = createSignal<{ url: string; secret: string } | null>(null);
  const [doomed, setDoomed] = createSignal<Webhook | null>(null);
  const [error, setError] = createSignal<string | null>(null);
  let addForm: HTMLFormElement | undefined;
  const add = formAction(async (form) => {
    const made = await call(admin.createWebhook, { body: { url: text(form, 'url'), events: all(form, 'events') as WebhookEventType[] } });
    addForm?.reset();
    // The list first, so the secret never shows above a list that still says there are none.
    await refetch();
    setShown({ url: made.webhook.url, secret: made.secret });
  });
  const remove = async (hook: Webhook) => {
    setDoomed(null);
    setError(null);
    try {
      await call(admin.deleteWebhook, { params: { id: hook.id } });
      void refetch();
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <>
      <h2>Webhooks</h2>
      <p class="note">
        Parley posts each event to your endpoints as JSON, signed the Standard Webhooks way (<code>webhook-id</code>, <code>webhook-timestamp</code>,{' '}
        <code>webhook-signature</code>). A refused delivery is tried again with growing pauses; an endpoint failing for three days is turned off and admins are
        mailed.
      </p>
      <Show when={shown()}>{(s) => <ShownOnce intro={`The signing secret for ${s().url}.`} label="Signing secret" value={s().secret} />}</Show>
      <Show when={hooks()?.length} fallback={<p class="note">No webhooks yet.</p>}>
        <For each={hooks()}>{(hook) => <Endpoint webhook={hook} changed={() => void refetch()} remove={setDoomed} />}</For>
      </Show>
      <ErrorNote message={error()} />
      <form class="card" ref={addForm} onSubmit={add.submit} aria-label="New webhook">
        <h3>New webhook</h3>
        <Field label="Endpoint URL" name="url" type="url" required placeholder="https://shop.example/parley-events" />
        <Checkboxes legend="Events" name="events" options={WEBHOOK_EVENTS} />
        <div class="row">
          <button type="submit" disabled={add.busy()}>
            Add webhook
          </button>
        </div>
        <ErrorNote message={add.error()} />
      </form>
      <Show when={doomed()}>
        {(hook) => (
          <ConfirmDialog
            title={`Delete the webhook ${hook().url}?`}
            text="It gets no more events, and its delivery log is deleted."
            confirm="Delete webhook"
            cancel="Keep it"
            onConfirm={() => void remove(hook())}
            onCancel={() => setDoomed(null)}
          />
        )}
      </Show>
    </>
  );
}
