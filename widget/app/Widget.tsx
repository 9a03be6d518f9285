import { createEffect, createResource, createSignal, onCleanup, onMount, Show, type Accessor } from 'solid-js';
import type { SiteStatusResponse } from '../../protocol/api';
import { ConversationClient, NO_RECEIPTS, type ChatState } from '../../protocol/client/conversation-client';
import { Composer } from '../../ui/Composer';
import { ErrorNote } from '../../ui/ErrorNote';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { MessageList } from '../../ui/MessageList';
import type { MountOptions } from '../contract';
import { trackAttention } from './attention';
import { OfflineForm } from './OfflineForm';
import type { VisitorApi } from './visitor-api';

const EMPTY: ChatState = {
  connection: 'closed',
  conversation: null,
  you: null,
  messages: [],
  pending: [],
  receipts: NO_RECEIPTS,
  queue: null,
  typing: null,
  error: null,
};

const minutes = (ms: number) => Math.max(1, Math.round(ms / 60_000));

export function Widget(props: {
  api: VisitorApi;
  open: Accessor<boolean>;
  onMinimize(): void;
  onUnread: MountOptions['onUnread'];
  onMessage: MountOptions['onMessage'];
}) {
  const [client, setClient] = createSignal<ConversationClient | null>(null);
  const [state, setState] = createSignal<ChatState>(EMPTY);
  const [error, setError] = createSignal<string | null>(null);
  const [confirmEnd, setConfirmEnd] = createSignal(false);
  // Asked again each time the panel opens: agents come and go.
  const [site, { refetch }] = createResource<SiteStatusResponse | null>(() => props.api.status().catch(() => null));
  createEffect(() => props.open() && void refetch());

  // The conversation starts with the visitor's first message, after this component was set up,
  // so the subscription is kept here and undone with the component.
  let unsubscribe = () => {};
  const connectTo = (conversationId: string) => {
    const next = new ConversationClient({
      url: () => props.api.socketUrl(conversationId),
      pendingStore: props.api.pendingStore(conversationId),
    });
    next.setVisible(visible());
    setClient(next);
    unsubscribe = next.subscribe(setState);
    return next;
  };
  const forget = () => {
    unsubscribe();
    client()?.close();
    setClient(null);
    setState(EMPTY);
  };

  // Messages count as read only while the panel is open in a tab the visitor is looking at.
  const [pageVisible, setPageVisible] = createSignal(document.visibilityState === 'visible');
  const onVisibility = () => setPageVisible(document.visibilityState === 'visible');
  document.addEventListener('visibilitychange', onVisibility);
  const visible = () => props.open() && pageVisible();
  createEffect(() => client()?.setVisible(visible()));

  const [muted, setMuted] = createSignal(props.api.muted);
  const toggleMute = () => {
    setMuted(!muted());
    props.api.muted = muted();
  };
  trackAttention({ state, visible, pageVisible, muted, onUnread: props.onUnread, onMessage: props.onMessage });

  onMount(async () => {
    try {
      const existing = await props.api.current();
      if (existing && !client()) connectTo(existing.id);
    } catch (err) {
      setError((err as Error).message);
    }
  });
  onCleanup(() => {
    document.removeEventListener('visibilitychange', onVisibility);
    forget();
  });

  let starting: Promise<ConversationClient> | undefined;
  const send = async (text: string) => {
    setError(null);
    try {
      const active = client() ?? (await (starting ??= props.api.start(navigator.language).then((c) => connectTo(c.id))));
      active.send(text);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      starting = undefined;
    }
  };

  const endChat = async () => {
    setConfirmEnd(false);
    try {
      await props.api.end();
    } catch (err) {
      setError((err as Error).message);
    }
  };

  const conversation = () => state().conversation;
  const ended = () => conversation()?.status === 'ended';
  const inChat = () => client() !== null;
  const status = () => {
    const s = state();
    if (s.connection === 'reconnecting') return 'Reconnecting…';
    if (s.typing) return `${s.typing} is typing…`;
    if (ended()) return 'This chat has ended';
    const agent = s.conversation?.agents[0];
    if (agent) return `You are chatting with ${agent.name}`;
    if (s.queue) return `You are number ${s.queue.position} in line · about ${minutes(s.queue.estimatedWaitMs)} min`;
    if (s.conversation?.status === 'waiting') return 'Waiting for an agent…';
    const availability = site()?.availability;
    if (availability === 'online') return 'We are online and usually reply in a few minutes';
    return availability === 'away' ? 'We are away right now' : 'We are offline right now';
  };
  // With no chat under way, the form replaces the composer when no one can answer.
  const offlineReason = () => {
    const s = site();
    if (inChat() || !s || s.canChat) return null;
    return s.withinHours ? 'No one is available to chat right now.' : 'We are closed at the moment.';
  };

  return (
    <Show when={props.open()}>
      <section class="panel" role="dialog" aria-label="Chat">
        <header>
          <div>
            <h2>Chat with us</h2>
            <p class="status" aria-live="polite">
              {status()}
            </p>
          </div>
          <div class="header-actions">
            <button type="button" class="mute" aria-label="Mute sounds" aria-pressed={muted()} onClick={toggleMute}>
              <svg viewBox="0 0 24 24" aria-hidden="true">
                <path d={muted() ? 'M4 9v6h4l5 4V5L8 9H4zm12.5 3 2.5-2.5-1-1-2.5 2.5L13 8.5l-1 1 2.5 2.5-2.5 2.5 1 1 2.5-2.5 2.5 2.5 1-1z' : 'M4 9v6h4l5 4V5L8 9H4zm11 3a3.5 3.5 0 0 0-2-3.2v6.4a3.5 3.5 0 0 0 2-3.2z'} />
              </svg>
            </button>
            <Show when={inChat() && !ended()}>
              <button type="button" class="end" onClick={() => setConfirmEnd(true)}>
                End chat
              </button>
            </Show>
            <button type="button" class="minimize" aria-label="Minimize chat" onClick={() => props.onMinimize()}>
              <svg viewBox="0 0 24 24" aria-hidden="true">
                <path d="M5 11h14v2H5z" />
              </svg>
            </button>
          </div>
        </header>
        <Show when={offlineReason()} keyed fallback={
          <>
            <Show when={state().messages.length + state().pending.length > 0} fallback={<p class="greeting">Hi there! Ask us anything — we are here to help.</p>}>
              <MessageList state={state()} label="Conversation" />
            </Show>
            <ErrorNote message={error() ?? state().error} />
            <Show
              when={!ended()}
              fallback={
                <div class="ended">
                  <button type="button" onClick={forget}>
                    Start a new chat
                  </button>
                </div>
              }
            >
              <Composer onSend={send} onTyping={(typing) => client()?.setTyping(typing)} />
            </Show>
          </>
        }>
          {(reason) => <OfflineForm reason={reason} onSend={(form) => props.api.leaveMessage(form)} />}
        </Show>
        <Show when={confirmEnd()}>
          <ConfirmDialog
            title="End this chat?"
            text="You can start a new one at any time."
            confirm="End chat"
            onConfirm={() => void endChat()}
            onCancel={() => setConfirmEnd(false)}
          />
        </Show>
      </section>
    </Show>
  );
}
