import { A } from '@solidjs/router';
import { createSignal, For, onCleanup, Show } from 'solid-js';
import type { AgentProfile } from '../../protocol/api';
import type { AgentStatus } from '../../protocol/chat';
import { ConversationClient } from '../../protocol/client/conversation-client';
import { socketUrl } from '../../protocol/client/socket-url';
import { api } from './api';
import { ChatPanel } from './ChatPanel';
import { createInbox } from './inbox';
import { OfferCard } from './OfferCard';
import { Tickets } from './Tickets';

const STATUS_LABELS: Record<AgentStatus, string> = { online: 'Online', away: 'Away', invisible: 'Invisible', offline: 'Offline' };

export function Workspace(props: { agent: AgentProfile; onSignedOut(): void }) {
  const inbox = createInbox();
  const [selected, setSelected] = createSignal<string | null>(null);
  const [view, setView] = createSignal<'chats' | 'tickets'>('chats');
  const [busy, setBusy] = createSignal<string | null>(null);
  const [notice, setNotice] = createSignal<string | null>(null);

  // One client per open chat, kept while the agent switches tabs so nothing is refetched.
  const clients = new Map<string, ConversationClient>();
  const clientFor = (chatId: string) => {
    let client = clients.get(chatId);
    if (!client) {
      client = new ConversationClient({ url: () => socketUrl(`/ws/agent/conversations/${chatId}`, location.href).href });
      clients.set(chatId, client);
    }
    return client;
  };
  onCleanup(() => {
    inbox.close();
    for (const client of clients.values()) client.close();
  });

  const current = () => inbox.state.chats.find((c) => c.id === selected()) ?? inbox.state.chats.at(-1);

  const answer = async (conversationId: string, verb: 'accept' | 'reject') => {
    setBusy(conversationId);
    setNotice(null);
    try {
      await api('POST', `/api/console/offers/${conversationId}/${verb}`);
      if (verb === 'accept') {
        setSelected(conversationId);
        setView('chats');
      }
    } catch (err) {
      setNotice((err as Error).message);
    } finally {
      inbox.apply({ type: 'offer_withdrawn', conversationId, reason: 'taken' });
      setBusy(null);
    }
  };

  const changeStatus = async (status: AgentStatus) => {
    const result = await api<{ status: AgentStatus }>('PUT', '/api/console/status', { status });
    inbox.apply({ type: 'status', status: result.status });
  };

  const signOut = async () => {
    await api('POST', '/api/auth/sign-out');
    props.onSignedOut();
  };

  return (
    <div class="workspace">
      <header class="topbar">
        <h1>Parley</h1>
        <label class="status-control">
          Status
          <select value={inbox.state.status} disabled={!inbox.state.connected} onChange={(e) => void changeStatus(e.currentTarget.value as AgentStatus)}>
            <For each={Object.entries(STATUS_LABELS)}>{([value, label]) => <option value={value}>{label}</option>}</For>
          </select>
        </label>
        <span class="who">{props.agent.name}</span>
        <Show when={props.agent.role !== 'agent'}>
          <A href="/admin">Admin</A>
        </Show>
        <Show when={!inbox.state.connected}>
          <span class="offline-note" role="status">
            Connecting…
          </span>
        </Show>
        <button type="button" onClick={() => void signOut()}>
          Sign out
        </button>
      </header>
      <nav class="sidebar" aria-label="Chats">
        <section aria-label="Offers">
          <h2>Waiting for you</h2>
          <Show when={notice()}>
            <p class="notice" role="status">
              {notice()}
            </p>
          </Show>
          <For each={inbox.state.offers} fallback={<p class="empty">No chat requests right now.</p>}>
            {(offer) => (
              <OfferCard
                offer={offer}
                busy={busy() === offer.conversationId}
                onAccept={() => void answer(offer.conversationId, 'accept')}
                onReject={() => void answer(offer.conversationId, 'reject')}
              />
            )}
          </For>
        </section>
        <section aria-label="Your chats">
          <h2>Your chats</h2>
          <div role="tablist" aria-label="Open chats">
            <For each={inbox.state.chats}>
              {(chat) => (
                <button
                  type="button"
                  role="tab"
                  aria-selected={view() === 'chats' && current()?.id === chat.id}
                  onClick={() => {
                    setSelected(chat.id);
                    setView('chats');
                  }}
                >
                  {chat.visitorName}
                  <Show when={chat.status === 'ended'}>
                    <span class="tab-note"> (ended)</span>
                  </Show>
                </button>
              )}
            </For>
          </div>
        </section>
        <button type="button" class="tickets-link" aria-pressed={view() === 'tickets'} onClick={() => setView(view() === 'tickets' ? 'chats' : 'tickets')}>
          Tickets
        </button>
      </nav>
      <main class="main">
        <Show when={view() === 'chats'} fallback={<Tickets />}>
          <Show when={current()} keyed fallback={<p class="empty">Accept a chat to start answering.</p>}>
            {(chat) => <ChatPanel client={clientFor(chat.id)} chat={inbox.state.chats.find((c) => c.id === chat.id) ?? chat} selfId={props.agent.id} />}
          </Show>
        </Show>
      </main>
    </div>
  );
}
