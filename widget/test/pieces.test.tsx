/** The chat's smaller pieces: files, emoji, offers and cards, languages, invitation rules. */
import { cleanup, fireEvent, render, screen } from '@solidjs/testing-library';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ChatMessage } from '../../protocol/chat';
import { visitorState } from './chat-state';
import { MessageList } from '../../ui/MessageList';
import { checkFiles, PickedFiles } from '../app/Attachments';
import { EmojiPicker } from '../app/EmojiPicker';
import { translator } from '../app/i18n';
import { directionOf, pickLanguage } from '../language';
import { de } from '../app/i18n/de';
import { en } from '../app/i18n/en';
import { es } from '../app/i18n/es';
import { fr } from '../app/i18n/fr';
import { globMatches, ruleHolds, watchRules } from '../app/proactive';

afterEach(cleanup);
const t = translator('en');

describe('attachments', () => {
  const file = (name: string, type: string, size = 10) => new File([new Uint8Array(size)], name, { type });

  it('names the wrong file before anything is uploaded', () => {
    expect(checkFiles([file('a.png', 'image/png'), file('b.pdf', 'application/pdf')], t)).toBeNull();
    expect(checkFiles([file('setup.exe', 'application/x-msdownload')], t)).toBe('setup.exe: only text, PDF and images can be sent');
    expect(checkFiles([file('huge.png', 'image/png', 20 * 1024 * 1024 + 1)], t)).toBe('huge.png is larger than 20 MB');
    expect(checkFiles(Array.from({ length: 6 }, (_, i) => file(`${i}.txt`, 'text/plain')), t)).toBe('At most 5 files per message');
  });

  it('lists picked files with a way to remove each, and the upload’s progress', () => {
    const removed: string[] = [];
    render(() => <PickedFiles files={[file('a.png', 'image/png')]} progress={0.4} t={t} onRemove={(f) => removed.push(f.name)} />);
    expect(screen.getByRole('progressbar', { name: 'Uploading 40%' })).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Remove a.png' }) as HTMLButtonElement).disabled).toBe(true);
  });
});

describe('emoji', () => {
  it('opens, inserts the picked emoji, and closes with Escape giving the focus back', () => {
    const picked: string[] = [];
    render(() => <EmojiPicker t={t} onPick={(e) => picked.push(e)} />);
    const toggle = screen.getByRole('button', { name: 'Insert emoji' });
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    fireEvent.click(screen.getByRole('button', { name: '👍' }));
    expect(picked).toEqual(['👍']);
    fireEvent.click(toggle);
    fireEvent.keyDown(screen.getByRole('group', { name: 'Insert emoji' }), { key: 'Escape' });
    expect(screen.queryByRole('group')).toBeNull();
    expect(document.activeElement).toBe(toggle);
  });
});

describe('offers and cards', () => {
  const agent = { role: 'agent' as const, id: 'agent-alice', name: 'Alice' };
  const state = (messages: ChatMessage[]) => visitorState(messages);
  const offer: ChatMessage = { seq: 1, clientId: 'c1', author: agent, text: 'Which size?', at: 0, choices: ['Small', 'Large'] };

  it('shows choices as buttons that answer the offer, until it is answered', () => {
    const chosen: Array<[number, string]> = [];
    const { unmount } = render(() => <MessageList state={state([offer])} label="Conversation" onChoose={(m, c) => chosen.push([m.seq, c])} />);
    fireEvent.click(screen.getByRole('button', { name: 'Large' }));
    expect(chosen).toEqual([[1, 'Large']]);
    unmount();
    const answer: ChatMessage = { seq: 2, clientId: 'c2', author: { role: 'visitor', id: 'v1', name: 'Visitor' }, text: 'Large', at: 0, replyTo: 1 };
    render(() => <MessageList state={state([offer, answer])} label="Conversation" onChoose={() => {}} />);
    expect((screen.getByRole('button', { name: 'Small' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('shows a card as a link that opens apart from the page', () => {
    const card: ChatMessage = { seq: 1, clientId: 'c1', author: agent, text: '', at: 0, card: { url: 'https://shop.example/mug', title: 'Mug', price: '€24' } };
    render(() => <MessageList state={state([card])} label="Conversation" />);
    const link = screen.getByRole('link', { name: /Mug/ });
    expect(link.getAttribute('href')).toBe('https://shop.example/mug');
    expect(link.getAttribute('target')).toBe('_blank');
    expect(link.getAttribute('rel')).toBe('noopener noreferrer');
    expect(link.textContent).toContain('€24');
  });
});

describe('languages', () => {
  it('takes the page’s language, else the browser’s, else the site’s, else English', () => {
    expect(pickLanguage('de-AT', 'fr-FR', 'es')).toBe('de');
    expect(pickLanguage(null, 'fr-FR', 'es')).toBe('fr');
    expect(pickLanguage('nb', 'ja', 'es')).toBe('es');
    expect(pickLanguage(null, undefined, 'xx')).toBe('en');
  });

  it('reads right to left for RTL pages', () => {
    expect(directionOf('ar-EG')).toBe('rtl');
    expect(directionOf('he')).toBe('rtl');
    expect(directionOf('de')).toBe('ltr');
  });

  it('has every text in every catalogue, with the same placeholders', () => {
    const placeholders = (text: string) => (text.match(/\{\w+\}/g) ?? []).sort();
    for (const catalogue of [de, es, fr]) {
      expect(Object.keys(catalogue).sort()).toEqual(Object.keys(en).sort());
      for (const [key, text] of Object.entries(en)) expect(placeholders(catalogue[key as keyof typeof en])).toEqual(placeholders(text));
    }
    expect(translator('es')('inLine', { position: 2, minutes: 3 })).toBe('Eres el número 2 en la cola · unos 3 min');
  });
});

describe('invitation rules', () => {
  it('matches URL globs', () => {
    expect(globMatches('https://shop.example/products/*', 'https://shop.example/products/mug')).toBe(true);
    expect(globMatches('*/checkout', 'https://shop.example/checkout')).toBe(true);
    expect(globMatches('https://shop.example/products/*', 'https://shop.example/about')).toBe(false);
    expect(globMatches('https://shop.example/?.html', 'https://shop.example/a.html')).toBe(false);
  });

  it('needs every condition the rule gives', () => {
    const rule = { id: 'r1', message: 'Need help?', afterSeconds: 30, urlPattern: '*/checkout', returningOnly: true };
    const visit = { url: 'https://shop.example/checkout', secondsOnPage: 31, returning: true };
    expect(ruleHolds(rule, visit)).toBe(true);
    expect(ruleHolds(rule, { ...visit, secondsOnPage: 10 })).toBe(false);
    expect(ruleHolds(rule, { ...visit, returning: false })).toBe(false);
    expect(ruleHolds(rule, { ...visit, url: 'https://shop.example/' })).toBe(false);
    expect(ruleHolds({ id: 'r2', message: 'Hi' }, { ...visit, returning: false, secondsOnPage: 0 })).toBe(true);
  });
});

describe('invitations on the page', () => {
  afterEach(() => vi.useRealTimers());

  it('invites once, when the time has come and an agent can chat', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'performance'] });
    const invited: string[] = [];
    let asked = 0;
    watchRules({
      rules: [{ id: 'r1', message: 'Need help choosing?', afterSeconds: 5 }],
      returning: false,
      canChat: async () => (asked++, true),
      invite: (rule) => invited.push(rule.message),
    });
    await vi.advanceTimersByTimeAsync(4000);
    expect(invited).toEqual([]);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(invited).toEqual(['Need help choosing?']);
    expect(asked).toBe(1);
  });

  it('stays quiet when no agent can chat', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'performance'] });
    const invited: string[] = [];
    watchRules({ rules: [{ id: 'r1', message: 'Hi' }], returning: false, canChat: async () => false, invite: (r) => invited.push(r.message) });
    await vi.advanceTimersByTimeAsync(5000);
    expect(invited).toEqual([]);
  });
});
