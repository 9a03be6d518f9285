import { A, useLocation, useNavigate } from '@solidjs/router';
import { createEffect, createResource, createSignal, For, Match, onCleanup, Show, Switch } from 'solid-js';
import type { AgentProfile } from '../../protocol/api';
import { isOver, type AgentStatus } from '../../protocol/chat';
import { ConversationClient } from '../../protocol/client/conversation-client';
import { socketUrl } from '../../protocol/client/socket-url';
import { auth } from '../../protocol/rest/auth';
import { console } from '../../protocol/rest/console';
import { call } from './api';
import { alertAgent, askForNotifications, chimeMuted, setChimeMuted, showWaiting } from './attention';
import { ChatPanel } from './ChatPanel';
import { createInbox } from './inbox';
import { LiveVisitors } from './LiveVisitors';
import { Mails } from './Mails';
import { OfferCard } from './OfferCard';
import { forgetThisDevice } from './push';
import { SearchHistory } from './SearchHistory';
import { Tickets } from './Tickets';
import { awayWhenIdle } from './idle-away';
import { moveBetweenTabs } from './tab-keys';
import { createUnread } from './unread';

const STATUS_LABELS: Record<AgentStatus, string> = { online: 'Online', away: 'Away', invisible: 'Invisible', offline: 'Offline' };

/** The agent's desk: offers, chats as tabs (one route each), and the views beside them. */
export function Workspace(props: { agent: AgentProfile; onSignedOut(): void }) {
  const navigate = useNavigate();
  // The workspace is the router's catch-all route, so it reads its own views from the path.
  const here = useLocation();
  const path = () => here.pathname.replace(/^\/console(?=\/|$)/, '') || '/';
  const chatRoute = () => path().match(/^\/chats\/([^/]+)$/)?.[1];
  const visitorsRoute = () => path() === '/visitors';
  const ticketsRoute = () => path() === '/tickets';
  const mailsRoute = () => path() === '/mails';
  const searchRoute = () => path() === '/search';
  const isStaff = props.agent.role !== 'agent';

  const [predefined, { refetch: refetchPredefined }] = createResource(() => call(console.predefined));
  const unread = createUnread(props.agent.id, (chatId, message) => {
    if (selectedId() !== chatId || document.visibilityState !== 'visible') alertAgent(`New message from ${message.author.name}`, message.text, `chat:${chatId}`);
  });
  const inbox = createInbox((frame) => {
    if (frame.type === 'offer') {
      const { offer } = frame;
      alertAgent(offer.kind === 'invite' ? `${offer.invitedBy} invites you to a chat` : `Chat request from ${offer.visitorName}`, offer.preview, `offer:${offer.conversationId}`);
    }
    if (frame.type === 'refresh' && frame.what === 'predefined') void refetchPredefined();
  });
  const [busy, setBusy] = createSignal<string | null>(null);
  const [notice, setNotice] = createSignal<string | null>(null);

  // One client per chat the agent is in, kept while they switch tabs, so every tab counts unread.
  const clients = new Map<string, ConversationClient>();
  const clientFor = (id: string) => {
    let client = clients.get(id);
    if (!client) {
      client = new ConversationClient({ url: () => socketUrl(`/ws/agent/conversations/${id}`, location.href).href });
      clients.set(id, client);
      unread.track(id, client);
    }
    return client;
  };
  createEffect(() => {
    const ids = new Set(inbox.state.chats.map((c) => c.id));
    for (const id of ids) clientFor(id);
    for (const [id, client] of clients) {
      if (ids.has(id)) continue;
      client.close();
      clients.delete(id);
      unread.forget(id);
    }
  });
  onCleanup(() => {
    inbox.close();
    for (const client of clients.values()) client.close();
    showWaiting(0);
  });

  const onChats = () => !visitorsRoute() && !ticketsRoute() && !mailsRoute() && !searchRoute();
  const selectedId = () => (onChats() ? (chatRoute() ?? inbox.state.chats.at(-1)?.id ?? null) : null);
  const current = () => inbox.state.chats.find((c) => c.id === selectedId());

  createEffect(() => unread.look(current()?.id ?? null));
  const onVisibility = () => unread.look(current()?.id ?? null);
  document.addEventListener('visibilitychange', onVisibility);
  onCleanup(() => document.removeEventListener('visibilitychange', onVisibility));
  createEffect(() => showWaiting(inbox.state.offers.length + unread.total()));

  const answer = async (conversationId: string, verb: 'accept' | 'reject') => {
    setBusy(conversationId);
    setNotice(null);
    askForNotifications();
    try {
      await call(verb === 'accept' ? console.acceptOffer : console.rejectOffer, { params: { conversationId } });
      if (verb === 'accept') navigate(`/chats/${conversationId}`);
    } catch (err) {
      setNotice((err as Error).message);
    } finally {
      inbox.apply({ type: 'offer_withdrawn', conversationId, reason: 'taken' });
      setBusy(null);
    }
  };

  const changeStatus = async (status: AgentStatus) => {
    askForNotifications();
    const result = await call(console.setStatus, { body: { status } });
    inbox.apply({ type: 'status', status: result.status });
  };

  onCleanup(awayWhenIdle({ awayAfterMs: () => inbox.state.awayAfterMs, status: () => inbox.state.status, goAway: () => void changeStatus('away') }));

  const signOut = async () => {
    // Whoever signs in here next must not get this agent's pushes.
    await forgetThisDevice();
    await call(auth.signOut);
    props.onSignedOut();
  };

  const viewLink = (path: string, label: string, active: () => unknown) => (
    <button type="button" class="view-link" aria-pressed={!!active()} onClick={() => navigate(active() ? '/' : path)}>
      {label}
    </button>
  );

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
        <A class="who" href="/account" aria-label={`Account: ${props.agent.name}`}>
          {props.agent.name}
        </A>
        <Show when={isStaff}>
          <A href="/admin">Admin</A>
        </Show>
        <Show when={!inbox.state.connected}>
          <span class="offline-note" role="status">
            Connecting…
          </span>
        </Show>
        <button type="button" aria-pressed={chimeMuted()} onClick={() => setChimeMuted(!chimeMuted())}>
          Mute chime
        </button>
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
          <div role="tablist" aria-label="Open chats" onKeyDown={moveBetweenTabs}>
            <For each={inbox.state.chats}>
              {(chat) => (
                <button type="button" role="tab" aria-selected={current()?.id === chat.id} onClick={() => navigate(`/chats/${chat.id}`)}>
                  {chat.visitorName}
                  <Show when={isOver(chat.status)}>
                    <span class="tab-note"> ({chat.status})</span>
                  </Show>
                  <Show when={unread.counts[chat.id]}>
                    <span class="unread"> {unread.counts[chat.id]} unread</span>
                  </Show>
                </button>
              )}
            </For>
          </div>
        </section>
        {viewLink('/visitors', 'Live visitors', visitorsRoute)}
        {viewLink('/tickets', 'Tickets', ticketsRoute)}
        {viewLink('/search', 'Search history', searchRoute)}
        <Show when={props.agent.role === 'admin'}>{viewLink('/mails', 'Mails', mailsRoute)}</Show>
      </nav>
      <main class="main">
        <Switch>
          <Match when={visitorsRoute()}>
            <LiveVisitors />
          </Match>
          <Match when={ticketsRoute()}>
            <Tickets />
          </Match>
          <Match when={mailsRoute()}>
            <Mails />
          </Match>
          <Match when={searchRoute()}>
            <SearchHistory />
          </Match>
          <Match when={current()?.id} keyed>
            {(id) => (
              <ChatPanel
                client={clientFor(id)}
                chat={current() ?? inbox.state.chats.find((c) => c.id === id)!}
                selfId={props.agent.id}
                predefined={predefined()?.predefined}
              />
            )}
          </Match>
          <Match when={true}>
            <p class="empty">Accept a chat to start answering.</p>
          </Match>
        </Switch>
      </main>
    </div>
  );
}
