/**
 * A system line as data plus its English wording. Agents, D1, search and transcripts read the
 * text; the widget words the line from `event` and `actors` in the visitor's language.
 */
import type { ChatMessage, SystemEvent } from '../../protocol/chat';

export type SystemLine = Required<Pick<ChatMessage, 'text' | 'event' | 'actors'>>;

/** Which names each event carries. */
interface ActorsOf {
  agent_joined: { agent: string };
  agent_left: { agent: string };
  invited: { by: string; agent: string };
  transferred: { by: string; agent: string } | { by: string; queue: string };
  ended: { by: string };
  visitor_left: { visitor: string };
  inactive: { minutes: string };
  missed: { visitor: string };
  reopened: { visitor: string };
}

const ENGLISH: { [E in SystemEvent]: (actors: ActorsOf[E]) => string } = {
  agent_joined: (a) => `${a.agent} joined the chat`,
  agent_left: (a) => `${a.agent} left the chat`,
  invited: (a) => `${a.by} invited ${a.agent}`,
  transferred: (a) => ('queue' in a ? `${a.by} transferred the chat to the ${a.queue} queue` : `${a.by} transferred the chat to ${a.agent}`),
  ended: (a) => `${a.by} ended the chat`,
  visitor_left: (a) => `${a.visitor} left — chat ended`,
  inactive: (a) => `Chat ended after ${a.minutes} minutes without a message`,
  missed: () => 'No one could answer in time: the chat is kept as a ticket and answered by email',
  reopened: (a) => `${a.visitor} came back — chat reopened`,
};

export function systemLine<E extends SystemEvent>(event: E, actors: ActorsOf[E]): SystemLine {
  const english: (actors: ActorsOf[E]) => string = ENGLISH[event];
  return { event, actors, text: english(actors) };
}
