import { onCleanup, Show } from 'solid-js';
import type { ConversationClient } from '../../protocol/client/conversation-client';
import { chatSignal } from '../../ui/chat-signal';
import { Composer } from '../../ui/Composer';
import { MessageList } from '../../ui/MessageList';

/** One accepted chat, live: the conversation and a composer. */
export function ChatPanel(props: { client: ConversationClient; visitorName: string }) {
  const state = chatSignal(props.client);
  // The open tab's messages count as read while the console is the page the agent looks at.
  const onVisibility = () => props.client.setVisible(document.visibilityState === 'visible');
  onVisibility();
  document.addEventListener('visibilitychange', onVisibility);
  onCleanup(() => {
    document.removeEventListener('visibilitychange', onVisibility);
    props.client.setVisible(false);
  });

  return (
    <section class="chat" aria-label={`Chat with ${props.visitorName}`}>
      <header>
        <h2>{props.visitorName}</h2>
        <p class="status" aria-live="polite">
          {state().connection === 'reconnecting'
            ? 'Reconnecting…'
            : state().typing
              ? `${state().typing} is typing…`
              : ''}
        </p>
      </header>
      <MessageList state={state()} label={`Conversation with ${props.visitorName}`} />
      <Show when={state().error}>
        <p class="error" role="alert">
          {state().error}
        </p>
      </Show>
      <Composer onSend={(text) => props.client.send(text)} onTyping={(typing) => props.client.setTyping(typing)} />
    </section>
  );
}
