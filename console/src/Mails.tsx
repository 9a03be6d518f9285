/** Mails Parley sent or kept (local dev keeps them all), and mails that came in: nothing is dropped unseen. */
import { createResource, For, Show } from 'solid-js';
import { console } from '../../protocol/rest/console';
import { call } from './api';

const STATUS = { kept: 'Kept (no mail service set up)', sent: 'Sent', failed: 'Failed to send' } as const;
const OUTCOME = { added: 'Added to its conversation or ticket', dropped: 'Dropped', rejected: 'Refused' } as const;

export function Mails() {
  const [list, { refetch }] = createResource(() => call(console.mails));
  return (
    <section class="tickets" aria-label="Mails">
      <header>
        <h2>Mails</h2>
        <button type="button" onClick={() => void refetch()}>
          Refresh
        </button>
      </header>
      <Show when={list()} fallback={<p class="empty">{list.error ? (list.error as Error).message : 'Loading…'}</p>}>
        <h3>Sent</h3>
        <ul aria-label="Sent mails">
          <For each={list()!.mails} fallback={<li class="empty">No mails yet.</li>}>
            {(mail) => (
              <li class="ticket">
                <p>
                  <strong>{mail.subject}</strong> to {mail.to} · {new Date(mail.createdAt).toLocaleString()} · {STATUS[mail.status]}
                </p>
                <Show when={mail.replyTo}>{(address) => <p class="note">Replies go to {address()}</p>}</Show>
                <pre class="ticket-message">{mail.text}</pre>
              </li>
            )}
          </For>
        </ul>
        <h3>Received</h3>
        <ul aria-label="Received mails">
          <For each={list()!.received} fallback={<li class="empty">No mail has come in yet. Replies to Parley's mails show here.</li>}>
            {(mail) => (
              <li class="ticket">
                <p>
                  <strong>{mail.subject || '(no subject)'}</strong> from {mail.from} · {new Date(mail.createdAt).toLocaleString()} · {OUTCOME[mail.outcome]}
                  <Show when={mail.reason}>: {mail.reason}</Show>
                </p>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  );
}
