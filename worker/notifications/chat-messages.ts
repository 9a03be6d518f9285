/**
 * Who hears of a new message in a chat, called by the ConversationDO for every message it stores:
 * the agents in the chat with no socket open to it ("new message"), and, for a private note, the
 * agents its `@Name`s reach ("mention", instead of "new message"). The sender hears of nothing.
 */
import type { ChatMessage } from '../../protocol/chat';
import { agentsWhoMaySee } from '../conversation/access';
import type { ConversationMeta } from '../conversation/conversation-meta';
import type { Env } from '../env';
import { mentionedIn } from './mentions';
import { notifyAgents } from './notify';

export async function notifyChatMessage(
  env: Env,
  chat: Pick<ConversationMeta, 'id' | 'queue' | 'agents'>,
  message: ChatMessage,
  /** Agents with a socket open to this chat now: they see the message already. */
  connected: readonly string[],
): Promise<void> {
  if (message.author.role === 'system') return;
  const away = (id: string) => id !== message.author.id && !connected.includes(id);
  const absent = chat.agents.filter((a) => away(a.id)).map((a) => a.id);
  // Most messages reach only agents who are there: nothing to read, nothing to send.
  const mayMention = message.private === true && message.text.includes('@');
  if (absent.length === 0 && !mayMention) return;
  try {
    const mentioned = mayMention
      ? mentionedIn(message.text, await agentsWhoMaySee(env.DB, chat.queue.id, chat.agents.map((a) => a.id)))
          .map((a) => a.id)
          .filter(away)
      : [];
    await Promise.all([
      notifyAgents(env, mentioned, { kind: 'mention', conversationId: chat.id, message }),
      notifyAgents(env, absent.filter((id) => !mentioned.includes(id)), { kind: 'message', conversationId: chat.id, message }),
    ]);
  } catch (err) {
    console.error('[notifyChatMessage]', err);
  }
}
