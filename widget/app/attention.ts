/**
 * Getting the visitor's attention while they look elsewhere: the count of unread messages (for
 * the launcher's badge), the same count in the tab's title while the tab is in the background,
 * a short chime unless muted, and each new message for `Parley.on('message')`.
 */
import { createEffect, createMemo, onCleanup, type Accessor } from 'solid-js';
import type { ChatMessage } from '../../protocol/chat';
import type { ChatState } from '../../protocol/client/conversation-client';
import type { MountOptions } from '../contract';

export function trackAttention(options: {
  state: Accessor<ChatState>;
  /** The panel is open in a tab the visitor is looking at. */
  visible: Accessor<boolean>;
  pageVisible: Accessor<boolean>;
  muted: Accessor<boolean>;
  onUnread: MountOptions['onUnread'];
  onMessage: MountOptions['onMessage'];
}) {
  // Unread: the business's messages after the last one the visitor has read (their read mark
  // is kept by the server, so it survives reloads and is shared by their tabs).
  const unread = createMemo(() => {
    if (options.visible()) return 0;
    const { messages, receipts } = options.state();
    return messages.filter((m) => m.author.role === 'agent' && m.seq > receipts.visitor.read).length;
  });
  createEffect(() => options.onUnread(unread()));

  const baseTitle = document.title;
  createEffect(() => {
    document.title = !options.pageVisible() && unread() > 0 ? `(${unread()}) ${baseTitle}` : baseTitle;
  });
  onCleanup(() => (document.title = baseTitle));

  // Messages already there when the chat is first loaded are history, not news.
  let newestSeen: number | null = null;
  createEffect(() => {
    const { messages, connection } = options.state();
    if (connection !== 'open') return;
    const fresh: ChatMessage[] = newestSeen === null ? [] : messages.filter((m) => m.seq > newestSeen!);
    newestSeen = messages.at(-1)?.seq ?? 0;
    for (const m of fresh) options.onMessage({ text: m.text, author: { role: m.author.role, name: m.author.name } });
    if (fresh.some((m) => m.author.role === 'agent') && !options.visible() && !options.muted()) chime();
  });
}

/** A soft two-note chime, made on the spot: no sound file to download. */
function chime(): void {
  try {
    const audio = new AudioContext();
    const gain = audio.createGain();
    gain.gain.setValueAtTime(0.08, audio.currentTime);
    gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + 0.4);
    gain.connect(audio.destination);
    [880, 1320].forEach((frequency, i) => {
      const tone = audio.createOscillator();
      tone.frequency.value = frequency;
      tone.connect(gain);
      tone.start(audio.currentTime + i * 0.12);
      tone.stop(audio.currentTime + 0.4);
    });
    setTimeout(() => void audio.close(), 600);
  } catch {
    // No audio (or not allowed before the visitor interacted with the page): stay silent.
  }
}
