/** A conversation's record: for the History tab, transcripts by email, and tickets. */
import { and, asc, desc, eq, type SQL } from 'drizzle-orm';
import type { ChatMessage } from '../../protocol/chat';
import type { PastConversation } from '../../protocol/workspace';
import { database } from '../db/client';
import { agents, conversations, messages } from '../db/schema';
import { conversationStub, type Env } from '../env';

/**
 * The whole conversation as one audience sees it, from its Durable Object: the log there is the
 * record (D1 gets its copy a moment later), so a transcript asked for right after the last
 * message has it.
 */
export const chatMessages = (env: Env, conversationId: string, audience: 'agents' | 'visitor'): Promise<ChatMessage[]> =>
  conversationStub(env, conversationId).messages(audience);

/** The mail a visitor gets with their chat, whether they or an agent asked for it. */
export const transcriptMail = (siteName: string, lines: ChatMessage[]) => ({
  subject: `Your chat with ${siteName}`,
  text: `${transcriptText(lines)}\n\n(Times are UTC.)\n`,
});

/** Plain text a person reads in a mail or a ticket: time (UTC), who, what. */
export function transcriptText(lines: ChatMessage[]): string {
  return lines
    .map((m) => {
      const time = new Date(m.at).toISOString().slice(0, 16).replace('T', ' ');
      const files = m.attachments?.length ? ` [files: ${m.attachments.map((a) => a.name).join(', ')}]` : '';
      const card = m.card ? ` [${m.card.title}: ${m.card.url}]` : '';
      const choices = m.choices ? ` (${m.choices.join(' / ')})` : '';
      return m.author.role === 'system' ? `${time}  — ${m.text}` : `${time}  ${m.author.name}: ${m.text}${choices}${files}${card}`;
    })
    .join('\n');
}

/** The visitor's conversations, newest first, with who answered and how each began. */
export const visitorConversations = (db: D1Database, visitorId: string) => pastConversations(db, eq(conversations.visitorId, visitorId));

export async function pastConversation(db: D1Database, id: string): Promise<PastConversation | null> {
  return (await pastConversations(db, eq(conversations.id, id)))[0] ?? null;
}

async function pastConversations(db: D1Database, where: SQL): Promise<PastConversation[]> {
  const rows = await database(db)
    .select({ id: conversations.id, status: conversations.status, createdAt: conversations.createdAt, agentName: agents.name })
    .from(conversations)
    .leftJoin(agents, eq(agents.id, conversations.agentId))
    .where(where)
    .orderBy(desc(conversations.createdAt))
    .limit(50);
  return Promise.all(
    rows.map(async (r) => {
      const [first] = await database(db)
        .select({ text: messages.text })
        .from(messages)
        .where(and(eq(messages.conversationId, r.id), eq(messages.authorRole, 'visitor')))
        .orderBy(asc(messages.seq))
        .limit(1);
      return { ...r, preview: first?.text.slice(0, 140) ?? '' };
    }),
  );
}
