/**
 * Outgoing mail. Every mail is built once (`mime.ts`), handed to the deployment's adapter if it
 * has one (`adapters.ts`), and recorded in D1; without an adapter (local dev) it stays there with
 * status "kept", readable in the console, so no mail is silently dropped. A mail that belongs to
 * a conversation or ticket carries its reply address and threads under the thread's earlier mails.
 */
import { and, asc, eq, isNotNull } from 'drizzle-orm';
import { ulid } from '../../protocol/ids';
import { database } from '../db/client';
import { inboundMails, mails } from '../db/schema';
import type { Env } from '../env';
import { mailAdapter, type MailAdapter } from './adapters';
import { buildMime } from './mime';
import { replyAddress, replyDomain, type Thread } from './reply-address';

export interface Mail {
  to: string;
  subject: string;
  text: string;
  /** The sender's name as mail clients show it: the site's, for mails to customers. */
  fromName?: string;
  /** The conversation or ticket the mail is part of: replies to it come back there. */
  thread?: Thread;
}

export type MailStatus = 'kept' | 'sent' | 'failed';

/** References kept in a mail: the thread's first and latest few are what clients need to thread it. */
const MAX_REFERENCES = 10;

/** The thread's Message-IDs so far, ours and the customer's, oldest first. */
async function threadReferences(db: D1Database, threadId: string): Promise<string[]> {
  const d = database(db);
  const [ours, theirs] = await Promise.all([
    d.select({ id: mails.messageId, at: mails.createdAt }).from(mails).where(and(eq(mails.threadId, threadId), isNotNull(mails.messageId))).orderBy(asc(mails.createdAt)),
    d
      .select({ id: inboundMails.messageId, at: inboundMails.createdAt })
      .from(inboundMails)
      .where(and(eq(inboundMails.threadId, threadId), eq(inboundMails.outcome, 'added'), isNotNull(inboundMails.messageId))),
  ]);
  const all = [...ours, ...theirs].sort((a, b) => a.at - b.at).map((r) => r.id!);
  return all.length > MAX_REFERENCES ? [all[0]!, ...all.slice(-(MAX_REFERENCES - 1))] : all;
}

/** Sends through the adapter if there is one, and records the outcome. */
export async function sendMail(env: Env, mail: Mail, adapter: MailAdapter | null = mailAdapter(env)): Promise<MailStatus> {
  const id = ulid();
  let messageId = `${id.toLowerCase()}@${replyDomain(env)}`;
  const replyTo = mail.thread ? await replyAddress(env, mail.thread) : null;
  let status: MailStatus = 'kept';
  if (adapter) {
    try {
      const from = env.MAIL_FROM!;
      const references = mail.thread ? await threadReferences(env.DB, mail.thread.id) : [];
      const raw = buildMime({ from: { name: mail.fromName ?? 'Parley', address: from }, to: mail.to, subject: mail.subject, text: mail.text, messageId, references, parleyId: id, ...(replyTo ? { replyTo } : {}) });
      messageId = (await adapter.send({ from, to: mail.to, raw })).messageId ?? messageId;
      status = 'sent';
    } catch (err) {
      console.error('[sendMail] delivery failed', err);
      status = 'failed';
    }
  }
  const { to, subject, text } = mail;
  await database(env.DB)
    .insert(mails)
    .values({ id, to, subject, text, status, threadId: mail.thread?.id ?? null, messageId, replyTo, createdAt: Date.now() });
  return status;
}
