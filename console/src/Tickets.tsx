/** Messages visitors left when no one could chat, answered by email from here. */
import { createResource, createSignal, For, Show } from 'solid-js';
import { TICKET_STATUSES, type Ticket, type TicketStatus } from '../../protocol/api';
import { ErrorNote } from '../../ui/ErrorNote';
import { formAction } from '../../ui/form-action';
import { console } from '../../protocol/rest/console';
import { pathOf } from '../../protocol/rest/endpoint';
import { call } from './api';
import { allLabels, LabelPicker } from './LabelPicker';
import { mailOutcome } from './mail-outcome';

export function Tickets() {
  const [label, setLabel] = createSignal('');
  // What became of the last answer's mail, said under its ticket.
  const [mailed, setMailed] = createSignal<{ ticketId: string; outcome: string } | null>(null);
  const [labels] = createResource(allLabels);
  const [list, { refetch, mutate }] = createResource(label, (l) => call(console.tickets, { query: l ? { label: l } : {} }));
  const answered = (ticket: Ticket) => mutate((l) => l && { ...l, tickets: l.tickets.map((t) => (t.id === ticket.id ? ticket : t)) });
  // Older pages are added below what is shown; Refresh (or another label) starts again from the newest.
  const [loadingMore, setLoadingMore] = createSignal(false);
  const more = async (cursor: string) => {
    setLoadingMore(true);
    try {
      const page = await call(console.tickets, { query: { ...(label() ? { label: label() } : {}), cursor } });
      mutate((l) => l && { tickets: [...l.tickets, ...page.tickets], next: page.next });
    } finally {
      setLoadingMore(false);
    }
  };
  return (
    <section class="tickets" aria-label="Tickets">
      <header>
        <h2>Tickets</h2>
        <label>
          Show tickets
          <select value={label()} onChange={(e) => setLabel(e.currentTarget.value)}>
            <option value="">All tickets</option>
            <For each={labels()}>{(l) => <option value={l.id}>Labelled {l.name}</option>}</For>
          </select>
        </label>
        <button type="button" onClick={() => void refetch()}>
          Refresh
        </button>
      </header>
      <Show when={list()} fallback={<p class="empty">Loading…</p>}>
        <ul>
          <For each={list()!.tickets} fallback={<li class="empty">No tickets yet. Messages visitors leave, and chats nobody answered in time, come here.</li>}>
            {(ticket) => (
              <li class="ticket">
                <p>
                  <strong>{ticket.name}</strong>
                  {/* A ticket filed from a chat has no address when the visitor gave none. */}
                  <Show when={ticket.email}> &lt;{ticket.email}&gt;</Show> · {new Date(ticket.createdAt).toLocaleString()}
                </p>
                <TicketStatusPicker ticket={ticket} onChanged={answered} />
                <LabelPicker
                  of={`the ticket from ${ticket.name}`}
                  current={ticket.labels}
                  onSave={async (labelIds) => {
                    const saved = await call(console.setTicketLabels, { params: { id: ticket.id }, body: { labelIds } });
                    answered({ ...ticket, labels: saved.labels });
                  }}
                />
                <p class="ticket-message">{ticket.message}</p>
                <Show when={ticket.thread.length}>
                  <ol class="ticket-thread" aria-label={`Correspondence with ${ticket.name}`}>
                    <For each={ticket.thread}>
                      {(m) => (
                        <li class={m.author.role === 'agent' ? 'from-us' : 'from-customer'}>
                          <p class="note">
                            {m.author.role === 'agent' ? `${m.author.name} answered` : `${m.author.name} replied by mail`} · {new Date(m.createdAt).toLocaleString()}
                          </p>
                          <p class="ticket-message">{m.text}</p>
                          <Show when={m.attachments.length}>
                            <ul class="ticket-files">
                              <For each={m.attachments}>
                                {(file) => (
                                  <li>
                                    <a href={pathOf(console.ticketFile, { id: ticket.id, fileId: file.id })} download={file.name}>
                                      {file.name}
                                    </a>
                                  </li>
                                )}
                              </For>
                            </ul>
                          </Show>
                        </li>
                      )}
                    </For>
                  </ol>
                </Show>
                <Show when={ticket.status === 'open' && ticket.email}>
                  <TicketReply ticket={ticket} onAnswered={answered} onMailed={(outcome) => setMailed({ ticketId: ticket.id, outcome })} />
                </Show>
                <Show when={mailed()?.ticketId === ticket.id}>
                  <p role="status">{mailed()!.outcome}</p>
                </Show>
              </li>
            )}
          </For>
        </ul>
        <Show when={list()!.next}>
          {(cursor) => (
            <button type="button" disabled={loadingMore()} onClick={() => void more(cursor())}>
              Older tickets
            </button>
          )}
        </Show>
      </Show>
    </section>
  );
}

const STATUS_NAMES: Record<TicketStatus, string> = { open: 'Open', pending: 'Pending (waiting on the customer)', solved: 'Solved' };

function TicketStatusPicker(props: { ticket: Ticket; onChanged(ticket: Ticket): void }) {
  const [error, setError] = createSignal<string | null>(null);
  const change = async (status: TicketStatus) => {
    setError(null);
    try {
      const { ticket } = await call(console.setTicketStatus, { params: { id: props.ticket.id }, body: { status } });
      props.onChanged(ticket);
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <p class="ticket-status">
      <label>
        Status
        <select aria-label={`Status of the ticket from ${props.ticket.name}`} value={props.ticket.status} onChange={(e) => void change(e.currentTarget.value as TicketStatus)}>
          <For each={TICKET_STATUSES}>{(status) => <option value={status}>{STATUS_NAMES[status]}</option>}</For>
        </select>
      </label>
      <ErrorNote message={error()} />
    </p>
  );
}

function TicketReply(props: { ticket: Ticket; onAnswered(ticket: Ticket): void; onMailed(outcome: string): void }) {
  const { submit, busy, error } = formAction(async (fields) => {
    const { ticket, mail } = await call(console.replyToTicket, { params: { id: props.ticket.id }, body: { text: String(fields.get('text')) } });
    props.onMailed(mailOutcome('Answer', mail).text);
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
