/**
 * Replies a visitor has not seen: an agent answered after the visitor closed the widget. Once the
 * agent pauses (the `reply_mail` deadline, `Lifecycle.replyMailSeconds` after their last message),
 * the unread replies go to the visitor's email in one mail, with the conversation so far and a
 * continuation link back into this chat. Replying to the mail comes back here too
 * (`mail/inbound.ts`).
 */
import type { ChatMessage } from '../../protocol/chat';
import { CONTINUE_PARAM } from '../../protocol/continuation';
import { issueContinuation } from '../auth/continuation';
import type { Env } from '../env';
import { transcriptMail } from '../history/transcript';
import { sendMail } from '../mail/mailer';
import type { ConversationMeta } from './conversation-meta';

/** An agent's words the visitor may see: what a visitor away from the widget is waiting for. */
export const isReply = (m: ChatMessage) => m.author.role === 'agent' && !m.private && !m.event;


interface Recipient {
  email: string | null;
  pageUrl: string | null;
  siteName: string;
}

async function recipient(db: D1Database, conversationId: string): Promise<Recipient | null> {
  return db
    .prepare(
      `SELECT COALESCE(c.email, v.email) AS email, c.page_url AS pageUrl, s.name AS siteName
       FROM conversations c JOIN sites s ON s.id = c.site_id LEFT JOIN visitors v ON v.id = c.visitor_id WHERE c.id = ?`,
    )
    .bind(conversationId)
    .first<Recipient>();
}

/** The link that reopens this chat in the widget on the page it began on; null when that page is not known. */
export async function continuationLink(env: Env, meta: ConversationMeta, pageUrl: string | null): Promise<string | null> {
  if (!pageUrl) return null;
  const token = await issueContinuation({ conversationId: meta.id, visitorId: meta.visitorId, siteId: meta.siteId }, env.PARLEY_SECRET);
  const url = new URL(pageUrl);
  url.hash = `${CONTINUE_PARAM}=${token}`;
  return url.toString();
}

/**
 * Mails the replies after `seenUpTo` (what the visitor read, or was mailed before). Resolves to
 * the last seq it mailed, or null when there was nothing to mail or nobody to mail it to.
 */
export async function mailUnreadReplies(env: Env, meta: ConversationMeta, log: ChatMessage[], seenUpTo: number): Promise<number | null> {
  const unread = log.filter((m) => m.seq > seenUpTo && isReply(m));
  if (unread.length === 0) return null;
  const to = await recipient(env.DB, meta.id);
  if (!to?.email) return null;
  const link = await continuationLink(env, meta, to.pageUrl);
  const who = [...new Set(unread.map((m) => m.author.name))].join(' and ');
  const replies = unread.map((m) => m.text + (m.attachments?.length ? `\n[files: ${m.attachments.map((a) => a.name).join(', ')}]` : '')).join('\n\n');
  const next = link ? `Continue the chat: ${link}\n\nOr simply reply to this mail.` : 'Reply to this mail to answer.';
  const { subject, text: transcript } = transcriptMail(to.siteName, log);
  await sendMail(env, {
    to: to.email,
    subject,
    fromName: to.siteName,
    thread: { kind: 'conversation', id: meta.id },
    text: `${who} replied to your chat with ${to.siteName}:\n\n${replies}\n\n${next}\n\n— The conversation so far —\n\n${transcript}`,
  });
  return unread.at(-1)!.seq;
}
