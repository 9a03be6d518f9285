/**
 * A chat no agent took in time: everyone who could have taken it hears of it (its queue's agents
 * and staff), since it now waits as a ticket for one of them to answer by email.
 */
import { eq } from 'drizzle-orm';
import type { ChatMessage } from '../../protocol/chat';
import { agentsWhoMaySee } from '../conversation/access';
import type { ConversationMeta } from '../conversation/conversation-meta';
import { database } from '../db/client';
import { visitors } from '../db/schema';
import type { Env } from '../env';
import { notifyAgents } from './notify';

export async function notifyMissedChat(env: Env, chat: Pick<ConversationMeta, 'id' | 'queue' | 'visitorId' | 'visitorName'>, said: ChatMessage[]): Promise<void> {
  try {
    const [team, [visitor]] = await Promise.all([
      agentsWhoMaySee(env.DB, chat.queue.id, []),
      database(env.DB).select({ email: visitors.email }).from(visitors).where(eq(visitors.id, chat.visitorId)).limit(1),
    ]);
    const preview = said.find((m) => m.author.role === 'visitor')?.text ?? '';
    await notifyAgents(
      env,
      team.map((a) => a.id),
      { kind: 'missed_chat', conversationId: chat.id, visitorName: chat.visitorName, queueName: chat.queue.name, preview, visitorEmail: visitor?.email ?? null },
    );
  } catch (err) {
    console.error('[notifyMissedChat]', err);
  }
}
