/** Messages visitors left when no one could chat, answered by email from here. */
import { createResource, For, Show } from 'solid-js';
import type { Ticket } from '../../protocol/api';
import { ErrorNote } from '../../ui/ErrorNote';
import { formAction } from '../../ui/form-action';
import { console } from '../../protocol/rest/console';
import { call } from './api';

export function Tickets() {
  const [list, { refetch, mutate }] = createResource(() => call(console.tickets));
  const answered = (ticket: Ticket) => mutate((l) => l && { tickets: l.tickets.map((t) => (t.id === ticket.id ? ticket : t)) });
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
                  <Show when={ticket.status === 'closed'}> · Answered</Show>
                </p>
                <p class="ticket-message">{ticket.message}</p>
                <Show when={ticket.status === 'open' && ticket.email}>
                  <TicketReply ticket={ticket} onAnswered={answered} />
                </Show>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  );
}

function TicketReply(props: { ticket: Ticket; onAnswered(ticket: Ticket): void }) {
  const { submit, busy, error } = formAction(async (fields) => {
    const { ticket } = await call(console.replyToTicket, { params: { id: props.ticket.id }, body: { text: String(fields.get('text')) } });
    props.onAnswered(ticket);
  });
  return (
    <form class="ticket-reply" onSubmit={submit}>
      <label>
        Reply to {props.ticket.name}
        <textarea name="text" rows={3} required maxLength={4000} />
      </label>
      <ErrorNote message={error()} />
      <button type="submit" disabled={busy()}>
        Send reply
      </button>
    </form>
  );
}
