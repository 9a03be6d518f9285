/** Messages visitors left when no one could chat. */
import { createResource, For, Show } from 'solid-js';
import type { Ticket } from '../../protocol/api';
import { api } from './api';

export function Tickets() {
  const [list, { refetch }] = createResource(() => api<{ tickets: Ticket[] }>('GET', '/api/console/tickets'));
  return (
    <section class="tickets" aria-label="Tickets">
      <header>
        <h2>Tickets</h2>
        <button type="button" onClick={() => void refetch()}>
          Refresh
        </button>
      </header>
      <Show when={list()} fallback={<p class="empty">Loading…</p>}>
        <ul>
          <For each={list()!.tickets} fallback={<li class="empty">No messages left yet.</li>}>
            {(ticket) => (
              <li class="ticket">
                <p>
                  <strong>{ticket.name}</strong>
                  {/* A ticket filed from a chat has no address when the visitor gave none. */}
                  <Show when={ticket.email}> &lt;{ticket.email}&gt;</Show> · {new Date(ticket.createdAt).toLocaleString()}
                </p>
                <p class="ticket-message">{ticket.message}</p>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  );
}
