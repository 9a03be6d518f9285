import { createEffect, createSignal, onCleanup, onMount, Show, type Accessor } from 'solid-js';
import { ConversationClient, NO_RECEIPTS, type ChatState } from '../../protocol/client/conversation-client';
import { Composer } from '../../ui/Composer';
import { MessageList } from '../../ui/MessageList';
import type { VisitorApi } from './visitor-api';

const EMPTY: ChatState = {
  connection: 'closed',
  conversation: null,
  you: null,
  messages: [],
  pending: [],
  receipts: NO_RECEIPTS,
  typing: null,
  error: null,
};

export function Widget(props: { api: VisitorApi; open: Accessor<boolean>; onMinimize(): void }) {
  const [client, setClient] = createSignal<ConversationClient | null>(null);
  const [state, setState] = createSignal<ChatState>(EMPTY);
  const [error, setError] = createSignal<string | null>(null);

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

  // Messages count as read only while the panel is open in a tab the visitor is looking at.
  const [pageVisible, setPageVisible] = createSignal(document.visibilityState === 'visible');
  const onVisibility = () => setPageVisible(document.visibilityState === 'visible');
  document.addEventListener('visibilitychange', onVisibility);
  const visible = () => props.open() && pageVisible();
  createEffect(() => client()?.setVisible(visible()));

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
    unsubscribe();
    client()?.close();
  });

  let starting: Promise<ConversationClient> | undefined;
  const send = async (text: string) => {
    setError(null);
    try {
      const active = client() ?? (await (starting ??= props.api.start().then((c) => connectTo(c.id))));
      active.send(text);
    } catch (err) {
      starting = undefined;
      setError((err as Error).message);
    }
  };

  const status = () => {
    const s = state();
    if (s.connection === 'reconnecting') return 'Reconnecting…';
    if (s.typing) return `${s.typing} is typing…`;
    if (s.conversation?.agentName) return `You are chatting with ${s.conversation.agentName}`;
    if (s.conversation?.status === 'waiting') return 'Waiting for an agent…';
    return 'We usually reply in a few minutes';
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
          <button type="button" class="minimize" aria-label="Minimize chat" onClick={() => props.onMinimize()}>
            <svg viewBox="0 0 24 24" aria-hidden="true">
              <path d="M5 11h14v2H5z" />
            </svg>
          </button>
        </header>
        <Show
          when={state().messages.length + state().pending.length > 0}
          fallback={<p class="greeting">Hi there! Ask us anything — we are here to help.</p>}
        >
          <MessageList state={state()} label="Conversation" />
        </Show>
        <Show when={error() ?? state().error}>
          <p class="error" role="alert">
            {error() ?? state().error}
          </p>
        </Show>
        <Composer onSend={send} onTyping={(typing) => client()?.setTyping(typing)} />
      </section>
    </Show>
  );
}
