import { takeContinuation } from './continuation';
import { createEffect, createResource, createSignal, onCleanup, onMount, Show, type Accessor } from 'solid-js';
import { isOver, type Attachment, type ChatMessage, type ProactiveRule } from '../../protocol/chat';
import { ConversationClient, NO_RECEIPTS, type ChatState } from '../../protocol/client/conversation-client';
import { ApiFailure } from '../../protocol/client/rest-client';
import type { WidgetStatusResponse } from '../../protocol/visitor-bodies';
import { Composer } from '../../ui/Composer';
import { Challenge } from '../../ui/Challenge';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { ErrorNote } from '../../ui/ErrorNote';
import { MessageList } from '../../ui/MessageList';
import type { MountOptions } from '../contract';
import { AfterChat } from './AfterChat';
import { AgentCard } from './AgentCard';
import { AttachButton, checkFiles, PickedFiles } from './Attachments';
import { trackAttention } from './attention';
import { EmojiPicker } from './EmojiPicker';
import { trapFocus } from './focus-trap';
import { Invitation } from './Invitation';
import type { Translate } from './i18n';
import { systemText } from './i18n/system-line';
import { OfflineForm } from './OfflineForm';
import { PanelHeader } from './PanelHeader';
import { watchRules } from './proactive';
import { ProfileForm } from './ProfileForm';
import { connectSite, type VisitorState } from './site-socket';
import { SurveyForm } from './SurveyForm';
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
  idleEndsAt: null,
  error: null,
};

const minutes = (ms: number) => Math.max(1, Math.round(ms / 60_000));

export function Widget(
  props: MountOptions & {
    api: VisitorApi;
    open: Accessor<boolean>;
    setOpen(open: boolean): void;
    t: Translate;
    returning: boolean;
  },
) {
  const t = props.t;
  const [client, setClient] = createSignal<ConversationClient | null>(null);
  const [state, setState] = createSignal<ChatState>(EMPTY);
  const [error, setError] = createSignal<string | null>(null);
  const [confirmEnd, setConfirmEnd] = createSignal(false);
  const [banned, setBanned] = createSignal(false);
  const [showDetails, setShowDetails] = createSignal(false);
  const [invitation, setInvitation] = createSignal<string | null>(null);
  const [files, setFiles] = createSignal<File[]>([]);
  const [progress, setProgress] = createSignal<number | null>(null);
  // The last chat that ended here, for its rating and transcript.
  const [endedId, setEndedId] = createSignal<string | null>(null);

  // Asked again each time the panel opens: agents come and go.
  const [site, { refetch, mutate }] = createResource<WidgetStatusResponse | null>(() => props.api.status().catch(() => null), {
    initialValue: props.status,
  });
  createEffect(() => props.open() && void refetch());
  const settings = () => (site() ?? props.status).settings;
  createEffect(() => props.onSettings(site() ?? props.status));
  const [profile, { refetch: refetchProfile }] = createResource(() => props.api.profile().catch(() => null));
  createEffect(() => showDetails() && void refetchProfile());

  // A ban closes the widget for good (the loader takes it off the page); anything else is shown.
  const showFailure = (err: unknown) => {
    if (err instanceof ApiFailure && err.code === 'banned') {
      setBanned(true);
      props.onBanned();
    }
    setError((err as Error).message);
  };

  // The conversation starts with the visitor's first message, after this component was set up,
  // so the subscription is kept here and undone with the component.
  let unsubscribe = () => {};
  // Known as soon as the chat is made, before its socket says hello (files may go with the first message).
  let conversationId: string | null = null;
  const connectTo = (id: string) => {
    conversationId = id;
    const next = new ConversationClient({
      url: () => props.api.socketUrl(id),
      pendingStore: props.api.pendingStore(id),
    });
    next.setVisible(visible());
    setClient(next);
    unsubscribe = next.subscribe(setState);
    return next;
  };
  const forget = () => {
    conversationId = null;
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

  const [muted, setMuted] = createSignal(props.api.mutedChoice ?? !props.status.settings.widget.soundOn);
  const toggleMute = () => {
    setMuted(!muted());
    props.api.muted = muted();
  };
  trackAttention({ state, visible, pageVisible, muted, onUnread: props.onUnread, onMessage: props.onMessage });

  // The site's live line: where the visitor is and what they do; settings, bans and invitations back.
  const [writing, setWriting] = createSignal(false);
  const visitorState = (): VisitorState => {
    const status = state().conversation?.status;
    if (status === 'active') return 'chatting';
    if (status === 'open' || status === 'waiting') return 'waiting';
    return writing() ? 'writing' : 'browsing';
  };
  const line = connectSite({
    url: () => props.api.siteSocketUrl(),
    state: visitorState,
    onFrame(frame) {
      if (frame.type === 'settings') mutate({ ...(site() ?? props.status), settings: frame.settings });
      if (frame.type === 'banned') showFailure(new ApiFailure(403, 'banned', t('unavailable')));
      if (frame.type === 'invite') setInvitation(frame.message);
    },
  });
  createEffect(() => {
    visitorState();
    line.update();
  });

  const stopRules = watchRules({
    rules: props.status.settings.proactiveRules,
    returning: props.returning,
    canChat: async () => !client() && !props.open() && ((await props.api.status().catch(() => null))?.canChat ?? false),
    invite: (rule: ProactiveRule) => setInvitation(rule.message),
  });

  onMount(async () => {
    const continued = takeContinuation();
    try {
      // Back from a mail's link: that chat, open, whatever this browser had before.
      if (continued) {
        props.setOpen(true);
        return connectTo((await props.api.continueChat(continued)).id);
      }
      const existing = await props.api.current();
      if (existing && !client()) connectTo(existing.id);
    } catch (err) {
      showFailure(err);
    }
  });
  onCleanup(() => {
    document.removeEventListener('visibilitychange', onVisibility);
    line.close();
    stopRules();
    forget();
  });

  // While the site is under attack, a chat or a message left needs a solved Turnstile challenge; each token serves once.
  const [proof, setProof] = createSignal<string>();
  const challengeKey = () => (site() ?? props.status).challengeSiteKey;

  let starting: Promise<ConversationClient> | undefined;
  const begin = (answers: Record<string, string> = {}) =>
    (starting ??= props.api.start(navigator.language, answers, proof()).then((c) => connectTo(c.id))).finally(() => {
      // Spent either way: once in the chat no challenge shows; after a failure a fresh one does.
      setProof(undefined);
      starting = undefined;
    });

  const send = async (text: string) => {
    setError(null);
    const picked = files();
    const wrong = checkFiles(picked, t);
    if (wrong) return setError(wrong);
    try {
      const active = client() ?? (await begin());
      let attachments: Attachment[] | undefined;
      if (picked.length) {
        setProgress(0);
        attachments = await props.api.upload(conversationId!, picked, setProgress);
        setFiles([]);
      }
      active.send(text, attachments ? { attachments } : {});
    } catch (err) {
      showFailure(err);
    } finally {
      setProgress(null);
    }
  };
  const pick = (more: File[]) => {
    const next = [...files(), ...more];
    setError(checkFiles(next, t));
    setFiles(next);
  };
  let insertEmoji: (text: string) => void = () => {};
  const choose = (message: ChatMessage, choice: string) => client()?.send(choice, { replyTo: message.seq });

  const endChat = async () => {
    setConfirmEnd(false);
    const id = conversation()?.id ?? null;
    try {
      await props.api.end();
      setEndedId(id);
    } catch (err) {
      showFailure(err);
    }
  };

  const conversation = () => state().conversation;
  // Over: ended by someone or by a timer, or missed (no one answered in time).
  const ended = () => isOver(conversation()?.status ?? 'open');
  const missed = () => conversation()?.status === 'missed';
  createEffect(() => ended() && setEndedId(conversation()!.id));
  const inChat = () => client() !== null;
  const agentId = () => state().conversation?.agents[0]?.id;
  const status = () => {
    const s = state();
    if (s.connection === 'reconnecting') return t('reconnecting');
    if (s.typing) return t('typing', { name: s.typing });
    if (ended()) return t('ended');
    const agent = s.conversation?.agents[0];
    if (agent) return t('chattingWith', { name: agent.name });
    if (s.queue) return t('inLine', { position: s.queue.position, minutes: minutes(s.queue.estimatedWaitMs) });
    if (s.conversation?.status === 'waiting') return t('waiting');
    const known = site();
    if (known?.availability === 'online' && known.expectedWaitMs !== null) return t('onlineReplyIn', { minutes: minutes(known.expectedWaitMs) });
    return t(known?.availability ?? 'offline');
  };
  // With no chat under way, the form replaces the composer when no one can answer.
  const offlineReason = () => {
    const s = site();
    if (inChat() || !s || s.canChat) return null;
    return s.withinHours ? t('noOne') : (s.closedMessage ?? t('closed'));
  };
  const needsSurvey = () => !inChat() && settings().survey.length > 0;

  return (
    <>
      <Show when={!props.open() && !banned() && invitation()}>
        {(message) => <Invitation t={t} message={message()} onAccept={() => (setInvitation(null), props.setOpen(true))} onDismiss={() => setInvitation(null)} />}
      </Show>
      <Show when={props.open()}>
        <section
          class="panel"
          role="dialog"
          aria-label={settings().widget.title}
          onKeyDown={(e) => {
            trapFocus(e, e.currentTarget);
            if (e.key === 'Escape' && !confirmEnd()) props.setOpen(false);
          }}
        >
          <PanelHeader
            t={t}
            title={settings().widget.title}
            status={banned() ? t('unavailable') : status()}
            detailsOpen={showDetails()}
            onDetails={() => setShowDetails(!showDetails())}
            muted={muted()}
            onMute={toggleMute}
            canEnd={inChat() && !ended() && !banned()}
            onEnd={() => setConfirmEnd(true)}
            onMinimize={() => props.setOpen(false)}
          />
          <Show when={agentId()}>{(id) => <AgentCard agentId={id()} api={props.api} settings={settings().widget} />}</Show>
          <Show when={showDetails()}>
            <ProfileForm profile={profile() ?? null} t={t} onSave={async (p) => void (await props.api.saveProfile(p))} />
          </Show>
          <Show when={!banned()} fallback={<p class="greeting">{t('unavailable')}</p>}>
            <Show
              when={offlineReason()}
              keyed
              fallback={
                <>
                  <Show when={state().messages.length + state().pending.length > 0} fallback={<p class="greeting">{settings().widget.greeting}</p>}>
                    <MessageList
                      state={state()}
                      label={t('conversation')}
                      deliveryLabels={{ sending: t('sending'), sent: t('sent'), delivered: t('delivered'), read: t('read') }}
                      onChoose={choose}
                      fileUrl={props.api.fileUrl}
                      systemText={(m) => systemText(m, t)}
                    />
                  </Show>
                  <ErrorNote message={error() ?? state().error} />
                  <Show when={!ended() && state().idleEndsAt}>
                    <p class="notice" role="status">
                      {t('idleWarning')}
                    </p>
                  </Show>
                  <Show when={!ended()} fallback={<Ended />}>
                    <Show when={!needsSurvey()} fallback={<SurveyForm survey={settings().survey} t={t} onStart={async (answers) => void (await begin(answers))} />}>
                      <PickedFiles files={files()} progress={progress()} t={t} onRemove={(f) => setFiles(files().filter((x) => x !== f))} />
                      <Composer
                        labels={{ message: t('message'), send: t('send') }}
                        placeholder={t('writeMessage')}
                        disabled={progress() !== null}
                        allowEmpty={() => files().length > 0}
                        onSend={(text) => void send(text)}
                        onTyping={(typing) => {
                          setWriting(typing);
                          client()?.setTyping(typing);
                        }}
                        onReady={(composer) => (insertEmoji = composer.insert)}
                      >
                        <EmojiPicker t={t} onPick={(emoji) => insertEmoji(emoji)} />
                        <AttachButton t={t} onPick={pick} />
                      </Composer>
                    </Show>
                  </Show>
                </>
              }
            >
              {(reason) => <OfflineForm reason={reason} t={t} onSend={(form) => props.api.leaveMessage(form, proof()).finally(() => setProof(undefined))} />}
            </Show>
            <Show when={!inChat() && !proof() && challengeKey()} keyed>
              {(siteKey) => <Challenge siteKey={siteKey} onSolved={setProof} onFailed={() => setError(t('unavailable'))} />}
            </Show>
          </Show>
          <Show when={confirmEnd()}>
            <ConfirmDialog
              title={t('endTitle')}
              text={t('endText')}
              confirm={t('endChat')}
              cancel={t('cancel')}
              onConfirm={() => void endChat()}
              onCancel={() => setConfirmEnd(false)}
            />
          </Show>
        </section>
      </Show>
    </>
  );

  function Ended() {
    return (
      <div class="ended">
        <Show when={missed()}>
          <p class="notice" role="status">
            {t('chatMissed')}
          </p>
          <Show when={!profile()?.email}>
            <p>{t('missedEmail')}</p>
            <ProfileForm profile={profile() ?? null} t={t} onSave={async (p) => void (await props.api.saveProfile(p), refetchProfile())} />
          </Show>
        </Show>
        <Show when={!missed() && endedId()}>
          {(id) => (
            <AfterChat
              t={t}
              email={profile()?.email ?? ''}
              onRate={(rating, comment) => props.api.rate(id(), rating, comment)}
              onTranscript={(email) => props.api.sendTranscript(id(), email)}
            />
          )}
        </Show>
        <button type="button" class="primary" onClick={forget}>
          {t('newChat')}
        </button>
      </div>
    );
  }
}

