/** Mails Parley sent or kept (local dev keeps them all): nothing is dropped unseen. */
import { createResource, For, Show } from 'solid-js';
import { console } from '../../protocol/rest/console';
import { call } from './api';

const STATUS = { kept: 'Kept (no mail service set up)', sent: 'Sent', failed: 'Failed to send' } as const;

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
        <ul>
          <For each={list()!.mails} fallback={<li class="empty">No mails yet.</li>}>
            {(mail) => (
              <li class="ticket">
                <p>
                  <strong>{mail.subject}</strong> to {mail.to} · {new Date(mail.createdAt).toLocaleString()} · {STATUS[mail.status]}
                </p>
                <pre class="ticket-message">{mail.text}</pre>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  );
}
