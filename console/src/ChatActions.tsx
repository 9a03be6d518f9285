/** Actions on the visitor of a chat: "Email transcript", "Create ticket", "Ban visitor", and the chat's labels. */
import { createResource, createSignal, onMount, Show } from 'solid-js';
import { mailOutcome } from './mail-outcome';
import { Field } from '../../ui/Field';
import { ApiFailure } from '../../protocol/client/rest-client';
import { console } from '../../protocol/rest/console';
import { call } from './api';
import { LabelPicker } from './LabelPicker';
import { FormDialog } from '../../ui/FormDialog';

type Dialog = 'email' | 'ban' | null;

export function ChatActions(props: { conversationId: string; ended: boolean; onNotice(text: string | null, isError?: boolean): void }) {
  const [dialog, setDialog] = createSignal<Dialog>(null);
  const chat = () => ({ id: props.conversationId });
  const [labels, { mutate: setLabels }] = createResource(chat, (params) => call(console.chatLabels, { params }).then((r) => r.labels));
  const saveLabels = async (labelIds: string[]) => void setLabels((await call(console.setChatLabels, { params: chat(), body: { labelIds } })).labels);

  const emailTranscript = async (to?: string) => {
    try {
      const { mail } = await call(console.emailTranscript, { params: chat(), body: to ? { to } : {} });
      setDialog(null);
      const { text, isError } = mailOutcome('Transcript', mail);
      props.onNotice(text, isError);
    } catch (err) {
      // The visitor gave no address: ask for one.
      if (!(err instanceof ApiFailure && err.status === 400 && !to)) throw err;
      setDialog('email');
    }
  };

  const run = async (work: () => Promise<void>) => {
    props.onNotice(null);
    try {
      await work();
    } catch (err) {
      props.onNotice((err as Error).message, true);
    }
  };

  return (
    <>
      <LabelPicker of="this chat" current={(labels() ?? []).map((l) => l.id)} onSave={saveLabels} />
      <button type="button" onClick={() => void run(() => emailTranscript())}>
        Email transcript
      </button>
      <button
        type="button"
        onClick={() =>
          void run(async () => {
            await call(console.createTicket, { params: chat(), body: {} });
            props.onNotice('Ticket created from this chat');
          })
        }
      >
        Create ticket
      </button>
      <Show when={!props.ended}>
        <button type="button" class="danger" onClick={() => setDialog('ban')}>
          Ban visitor
        </button>
      </Show>
      <Show when={dialog() === 'email'}>
        <AskEmail onSend={(to) => run(() => emailTranscript(to))} onCancel={() => setDialog(null)} />
      </Show>
      <Show when={dialog() === 'ban'}>
        <BanDialog
          onCancel={() => setDialog(null)}
          onBan={(byIp, reason) =>
            run(async () => {
              await call(console.banVisitor, { params: chat(), body: { byIp, reason } });
              setDialog(null);
              props.onNotice('Visitor banned; the chat has ended');
            })
          }
        />
      </Show>
    </>
  );
}

function AskEmail(props: { onSend(to: string): Promise<void>; onCancel(): void }) {
  let input: HTMLInputElement | undefined;
  onMount(() => input?.focus());
  return (
    <FormDialog title="Email the transcript to" submit="Send transcript" onSubmit={() => void props.onSend(input!.value)} onCancel={() => props.onCancel()}>
      <p>The visitor gave no email address.</p>
      <Field label="Email address" type="email" required ref={input} />
    </FormDialog>
  );
}

function BanDialog(props: { onBan(byIp: boolean, reason: string): Promise<void>; onCancel(): void }) {
  const [byIp, setByIp] = createSignal(false);
  const [reason, setReason] = createSignal('');
  let cancel: HTMLButtonElement | undefined;
  onMount(() => cancel?.focus());
  return (
    <div class="backdrop">
      <div class="dialog" role="alertdialog" aria-modal="true" aria-label="Ban this visitor?" onKeyDown={(e) => e.key === 'Escape' && props.onCancel()}>
        <h2>Ban this visitor?</h2>
        <p>Their chat ends and the widget closes for them on this site.</p>
        <label class="check">
          <input type="checkbox" checked={byIp()} onChange={(e) => setByIp(e.currentTarget.checked)} />
          Also ban their IP address
        </label>
        <Field label="Reason" value={reason()} maxLength={200} onInput={(e) => setReason(e.currentTarget.value)} />
        <div class="dialog-actions">
          <button type="button" ref={cancel} onClick={() => props.onCancel()}>
            Cancel
          </button>
          <button type="button" class="danger" onClick={() => void props.onBan(byIp(), reason())}>
            Ban
          </button>
        </div>
      </div>
    </div>
  );
}
