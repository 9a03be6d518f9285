/** System lines read in the visitor's language, worded from the names each line carries. */
import { cleanup, render, screen, within } from '@solidjs/testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChatMessage, SystemActors, SystemEvent } from '../../protocol/chat';
import { visitorState } from './chat-state';
import { MessageList } from '../../ui/MessageList';
import { translator } from '../app/i18n';
import { systemText } from '../app/i18n/system-line';

afterEach(cleanup);

const line = (seq: number, event: SystemEvent, text: string, actors?: SystemActors): ChatMessage => ({
  seq,
  clientId: `c${seq}`,
  author: { role: 'system', name: 'Parley' },
  text,
  at: 0,
  event,
  ...(actors ? { actors } : {}),
});

const state = (messages: ChatMessage[]) => visitorState(messages, 'Nora');

const CHAT = [
  line(2, 'agent_joined', 'Alice joined the chat', { agent: 'Alice' }),
  line(3, 'transferred', 'Alice transferred the chat to Bob', { by: 'Alice', agent: 'Bob' }),
  line(4, 'transferred', 'Bob transferred the chat to the General queue', { by: 'Bob', queue: 'General' }),
  line(5, 'ended', 'Nora ended the chat', { by: 'Nora' }),
];

const shownLines = (label: string) => within(screen.getByRole('log', { name: label })).getAllByRole('listitem').map((li) => li.textContent);

describe('system lines', () => {
  it('reach a German visitor in German: joined, transferred, ended', () => {
    const t = translator('de');
    render(() => <MessageList state={state(CHAT)} label={t('conversation')} systemText={(m) => systemText(m, t)} />);
    expect(shownLines('Unterhaltung')).toEqual([
      'Alice ist dem Chat beigetreten',
      'Alice hat den Chat an Bob übergeben',
      'Bob hat den Chat an die Warteschlange „General“ übergeben',
      'Nora hat den Chat beendet',
    ]);
  });

  it('keep the stored English of lines that carry no names', () => {
    const t = translator('fr');
    const old = line(2, 'agent_joined', 'Alice joined the chat');
    render(() => <MessageList state={state([old, CHAT[3]!])} label="Conversation" systemText={(m) => systemText(m, t)} />);
    expect(shownLines('Conversation')).toEqual(['Alice joined the chat', 'Nora a mis fin au chat']);
  });

  it('stay English for agents, whose list words no lines itself', () => {
    render(() => <MessageList state={state(CHAT)} label="Conversation" />);
    expect(shownLines('Conversation')).toEqual(CHAT.map((m) => m.text));
  });
});
