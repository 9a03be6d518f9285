import { createSignal, onCleanup, Show } from 'solid-js';
import { isOver, type ConversationSummary } from '../../protocol/chat';
import type { ConversationClient } from '../../protocol/client/conversation-client';
import { chatSignal } from '../../ui/chat-signal';
import { Composer } from '../../ui/Composer';
import { ErrorNote } from '../../ui/ErrorNote';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { MessageList } from '../../ui/MessageList';
import type { PredefinedMessage } from '../../protocol/workspace';
import { console } from '../../protocol/rest/console';
import { call } from './api';
import { ChatActions } from './ChatActions';
import { ChatTools } from './ChatTools';
import { SidePanel } from './SidePanel';
import { TargetPicker, type Target } from './TargetPicker';

type Dialog = 'transfer' | 'invite' | 'end' | 'close' | null;

/** One chat the agent is in, live: the conversation, its actions, and a composer. */
export function ChatPanel(props: { client: ConversationClient; chat: ConversationSummary; selfId: string; predefined: PredefinedMessage[] | undefined }) {
  const state = chatSignal(props.client);
  const [privateMode, setPrivateMode] = createSignal(false);
  const [dialog, setDialog] = createSignal<Dialog>(null);
  const [notice, setNotice] = createSignal<string | null>(null);
  const [done, setDone] = createSignal<string | null>(null);
  const ended = () => isOver(props.chat.status);

  // The open tab's messages count as read while the console is the page the agent looks at.
  const onVisibility = () => props.client.setVisible(document.visibilityState === 'visible');
  onVisibility();
  document.addEventListener('visibilitychange', onVisibility);
  onCleanup(() => {
    document.removeEventListener('visibilitychange', onVisibility);
    props.client.setVisible(false);
  });

  const chat = () => ({ id: props.chat.id });
  const act = async (request: () => Promise<unknown>) => {
    setDialog(null);
    setNotice(null);
    try {
      await request();
    } catch (err) {
      setNotice((err as Error).message);
    }
  };
  // Closing leaves the visitor without an agent; if they are still there, ask first.
  const close = () => (!ended() && props.chat.visitorConnected ? setDialog('close') : void act(() => call(console.closeChat, { params: chat() })));
  const others = () => props.chat.agents.filter((a) => a.id !== props.selfId);
  const pickerFor = () => {
    const d = dialog();
    return d === 'transfer' || d === 'invite' ? d : null;
  };

  return (
    <div class="chat-area">
      <section class="chat" aria-label={`Chat with ${props.chat.visitorName}`}>
        <header>
          <div>
            <h2>{props.chat.visitorName}</h2>
            <p class="status" aria-live="polite">
              {ended()
                ? 'This chat has ended'
                : state().connection === 'reconnecting'
                  ? 'Reconnecting…'
                  : state().typing
                    ? `${state().typing} is typing…`
                    : props.chat.visitorConnected
                      ? `Visitor online · ${props.chat.queueName}${others().length ? ` · with ${others().map((a) => a.name).join(', ')}` : ''}`
                      : 'Visitor has left the page'}
            </p>
          </div>
          <div class="chat-actions">
            <Show when={!ended()}>
              <button type="button" onClick={() => setDialog('transfer')}>
                Transfer
              </button>
              <button type="button" onClick={() => setDialog('invite')}>
                Invite
              </button>
              <Show when={others().length > 0}>
                <button type="button" onClick={() => void act(() => call(console.leaveChat, { params: chat() }))}>
                  Leave chat
                </button>
              </Show>
              <button type="button" onClick={() => setDialog('end')}>
                End chat
              </button>
            </Show>
            <button type="button" onClick={close}>
              Close chat
            </button>
            <ChatActions
              conversationId={props.chat.id}
              ended={ended()}
              onNotice={(text, isError) => {
                setNotice(isError ? text : null);
                setDone(isError ? null : text);
              }}
            />
          </div>
        </header>
        <ErrorNote message={notice()} />
        <Show when={done()}>
          <p class="done" role="status">
            {done()}
          </p>
        </Show>
        <MessageList
          state={state()}
          label={`Conversation with ${props.chat.visitorName}`}
          answerLabel="Answer to"
          viaEmailLabel="Sent by email, as a reply to a mail"
        />
        <ErrorNote message={state().error} />
        <Show when={!ended()}>
          <ChatTools conversationId={props.chat.id} client={props.client} privateMode={privateMode()} predefined={props.predefined}>
            <Composer
              placeholder={privateMode() ? 'Private note for the agents in this chat…' : undefined}
              onSend={(text) => props.client.send(text, { private: privateMode() })}
              onTyping={(typing) => !privateMode() && props.client.setTyping(typing)}
            >
              <button
                type="button"
                class="private-toggle"
                aria-pressed={privateMode()}
                title="Only agents see private messages"
                onClick={() => setPrivateMode(!privateMode())}
              >
                Private
              </button>
            </Composer>
          </ChatTools>
        </Show>
        <Show when={pickerFor()} keyed>
          {(verb) => (
            <TargetPicker
              title={verb === 'transfer' ? 'Transfer chat to' : 'Invite to chat'}
              excludeAgentIds={props.chat.agents.map((a) => a.id)}
              onPick={(target: Target) => void act(() => call(verb === 'transfer' ? console.transferChat : console.inviteToChat, { params: chat(), body: target }))}
              onCancel={() => setDialog(null)}
            />
          )}
        </Show>
        {/* Ending is for everyone in the chat and cannot be taken back, and it sits beside Close chat. */}
        <Show when={dialog() === 'end'}>
          <ConfirmDialog
            title="End this chat?"
            text="The chat ends for the visitor and every agent in it, and goes to history."
            confirm="End chat"
            onConfirm={() => void act(() => call(console.endChat, { params: chat() }))}
            onCancel={() => setDialog(null)}
          />
        </Show>
        <Show when={dialog() === 'close'}>
          <ConfirmDialog
            title="Close this chat?"
            text="The visitor is still connected. Closing ends the chat for them."
            confirm="Close chat"
            onConfirm={() => void act(() => call(console.closeChat, { params: chat() }))}
            onCancel={() => setDialog(null)}
          />
        </Show>
      </section>
      <SidePanel conversationId={props.chat.id} />
    </div>
  );
}
