/**
 * The composer's tools: "Predefined" (also "/" in an empty composer), "Offer", "Attach file", and
 * link cards from a pasted or dropped URL. They act on the shared Composer through its textarea,
 * the one control it exposes, so the widget's composer stays as it is.
 */
import { createSignal, Show, type JSX } from 'solid-js';
import type { Card } from '../../protocol/chat';
import type { ConversationClient } from '../../protocol/client/conversation-client';
import type { PredefinedMessage } from '../../protocol/workspace';
import { console } from '../../protocol/rest/console';
import { ErrorNote } from '../../ui/ErrorNote';
import { call } from './api';
import { CardView } from '../../ui/MessageList';
import { OfferComposer } from './OfferComposer';
import { PredefinedPicker } from './PredefinedPicker';
import { checkFiles, uploadFiles } from './upload';

const URL_ONLY = /^https?:\/\/\S+$/i;

export function ChatTools(props: {
  conversationId: string;
  client: ConversationClient;
  privateMode: boolean;
  predefined: PredefinedMessage[] | undefined;
  /** The Composer, which these tools wrap. */
  children: JSX.Element;
}) {
  const [picking, setPicking] = createSignal(false);
  const [offering, setOffering] = createSignal(false);
  const [card, setCard] = createSignal<Card | null>(null);
  const [busy, setBusy] = createSignal<string | null>(null);
  const [error, setError] = createSignal<string | null>(null);
  let box: HTMLDivElement | undefined;
  let fileInput: HTMLInputElement | undefined;

  const textarea = () => box!.querySelector('textarea')!;
  /** Puts text in the composer as if typed, so the composer's own state follows. */
  const fill = (text: string) => {
    const area = textarea();
    area.value = text;
    area.dispatchEvent(new Event('input', { bubbles: true }));
    area.focus();
    area.setSelectionRange(text.length, text.length);
  };

  const pick = (text: string) => {
    setPicking(false);
    fill(text);
  };

  const attach = async (files: File[]) => {
    setError(null);
    const problem = checkFiles(files);
    if (problem) return setError(problem);
    setBusy(`Uploading ${files.length === 1 ? files[0]!.name : `${files.length} files`}…`);
    try {
      const uploaded = await uploadFiles(props.conversationId, files, props.privateMode);
      const caption = textarea().value.trim();
      props.client.send(caption, { attachments: uploaded, private: props.privateMode });
      if (caption) fill('');
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(null);
      if (fileInput) fileInput.value = '';
    }
  };

  const previewCard = async (url: string) => {
    setError(null);
    setBusy('Reading the page…');
    try {
      setCard((await call(console.card, { query: { url } })).card);
    } catch (err) {
      setError(`No card for that link: ${(err as Error).message}`);
    } finally {
      setBusy(null);
    }
  };

  const sendCard = () => {
    const c = card();
    if (!c) return;
    props.client.send('', { card: c, private: props.privateMode });
    setCard(null);
    fill('');
  };

  return (
    <div
      class="chat-tools"
      ref={box}
      onKeyDown={(e) => {
        if (e.key === '/' && e.target instanceof HTMLTextAreaElement && e.target.value === '') {
          e.preventDefault();
          setPicking(true);
        }
      }}
      onPaste={(e) => {
        const text = e.clipboardData?.getData('text/plain').trim() ?? '';
        if (URL_ONLY.test(text)) void previewCard(text);
        const files = [...(e.clipboardData?.files ?? [])];
        if (files.length) {
          e.preventDefault();
          void attach(files);
        }
      }}
      onDragOver={(e) => e.preventDefault()}
      onDrop={(e) => {
        e.preventDefault();
        const files = [...(e.dataTransfer?.files ?? [])];
        if (files.length) return void attach(files);
        const url = (e.dataTransfer?.getData('text/uri-list') || e.dataTransfer?.getData('text/plain') || '').trim().split('\n')[0] ?? '';
        if (URL_ONLY.test(url)) void previewCard(url);
      }}
    >
      <div class="tool-row">
        <button type="button" aria-expanded={picking()} aria-keyshortcuts="/" onClick={() => setPicking(!picking())}>
          Predefined
        </button>
        <button type="button" onClick={() => setOffering(true)}>
          Offer
        </button>
        <button type="button" onClick={() => fileInput?.click()} disabled={busy() !== null}>
          Attach file
        </button>
        <input ref={fileInput} type="file" multiple hidden accept="text/plain,text/csv,application/pdf,image/png,image/jpeg,image/gif,image/webp" onChange={(e) => void attach([...(e.currentTarget.files ?? [])])} />
        <Show when={busy()}>
          <span class="note" role="status">
            {busy()}
          </span>
        </Show>
      </div>
      <Show when={picking()}>
        <PredefinedPicker messages={props.predefined} onPick={pick} onCancel={() => (setPicking(false), textarea().focus())} />
      </Show>
      <Show when={card()}>
        {(c) => (
          <div class="card-draft" role="group" aria-label="Link card">
            <CardView card={c()} />
            <button type="button" class="accept" onClick={sendCard}>
              Send card
            </button>
            <button type="button" onClick={() => setCard(null)}>
              Dismiss
            </button>
          </div>
        )}
      </Show>
      <ErrorNote message={error()} />
      {props.children}
      <Show when={offering()}>
        <OfferComposer
          onCancel={() => setOffering(false)}
          onSend={(question, choices) => {
            setOffering(false);
            props.client.send(question, { choices });
          }}
        />
      </Show>
    </div>
  );
}
