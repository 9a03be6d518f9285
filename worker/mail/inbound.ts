/**
 * Mail that comes back: Cloudflare Email Routing hands each message sent to a reply address to
 * the Worker's `email()` handler. The address names (and signs) the conversation or ticket; the
 * mail is parsed by postal-mime, cut to what the customer wrote, and added there as their message,
 * with its files (the same checks as uploads). Anything else is refused (unknown or forged
 * address, too big, nothing to read: a reason the sending server reports back) or dropped
 * silently (auto-replies, our own mail coming back: answering those makes loops). Every mail and
 * what became of it is logged in `inbound_mails`; nothing a mail contains can throw out of here.
 */
import PostalMime, { type Email } from 'postal-mime';
import { MAX_MESSAGE_CHARS } from '../../protocol/limits';
import { sha256 } from '../auth/encoding';
import { ulid } from '../../protocol/ids';
import { database } from '../db/client';
import { conversations, inboundMails } from '../db/schema';
import { conversationStub, type Env } from '../env';
import { checkFiles, storeFile } from '../files/file-store';
import { HttpError } from '../http/errors';
import { addCustomerReply, ticketById } from '../tickets/tickets';
import { storeTicketFile } from '../tickets/ticket-files';
import { and, eq } from 'drizzle-orm';
import { PARLEY_HEADER } from './mime';
import { htmlText, replyText } from './quoted-text';
import { readReplyAddress, type Thread } from './reply-address';
import type { Attachment } from '../../protocol/chat';

/** Larger mails are refused before they are read; attachments are 20 MB each at most, as uploads. */
export const MAX_MAIL_BYTES = 25 * 1024 * 1024;
/** Files taken from one mail, as from one upload. */
const MAX_MAIL_FILES = 5;

/** `reason` is logged; a rejection tells the sending server `told` (the reason, unless it would say too much). */
type Outcome = { outcome: 'added'; thread: Thread } | { outcome: 'dropped' | 'rejected'; reason: string; told?: string; thread?: Thread };

const drop = (reason: string, thread?: Thread): Outcome => ({ outcome: 'dropped', reason, ...(thread ? { thread } : {}) });
const reject = (reason: string, thread?: Thread, told?: string): Outcome => ({ outcome: 'rejected', reason, ...(thread ? { thread } : {}), ...(told ? { told } : {}) });

/** Auto-replies announce themselves in one of these ways (RFC 3834, and the common non-standard marks). */
function isAutomatic(headers: Headers, subject: string, envelopeFrom: string): boolean {
  const auto = headers.get('Auto-Submitted')?.trim().toLowerCase();
  if (auto && auto !== 'no') return true;
  if (headers.has('X-Autoreply') || headers.has('X-Autorespond') || headers.has('X-Auto-Response-Suppress')) return true;
  if (/^(auto_reply|bulk|junk|list)$/i.test(headers.get('Precedence')?.trim() ?? '')) return true;
  // A bounce: the envelope sender is empty.
  if (!envelopeFrom || envelopeFrom === '<>') return true;
  return /^(auto(matic)?[ -]?reply|out of (the )?office|abwesenheitsnotiz|automatische antwort|réponse automatique|respuesta automática)\b/i.test(subject.trim());
}

/** The email handler: never throws, so a mail it cannot take is reported, not retried for ever. */
export async function receiveMail(env: Env, message: ForwardableEmailMessage): Promise<void> {
  const subject = (message.headers.get('Subject') ?? '').slice(0, 300);
  const messageId = message.headers.get('Message-ID')?.trim().replace(/^<|>$/g, '').slice(0, 300) || null;
  let result: Outcome;
  try {
    result = await take(env, message, subject, messageId);
  } catch (err) {
    console.error('[receiveMail] could not add the mail', err);
    result = reject('Temporary failure: please send it again later');
  }
  if (result.outcome === 'rejected') message.setReject(result.told ?? result.reason);
  console.log(`[receiveMail] ${result.outcome} mail from ${message.from} to ${message.to}${'reason' in result ? `: ${result.reason}` : ''}`);
  try {
    await database(env.DB)
      .insert(inboundMails)
      .values({
        id: ulid(),
        from: message.from.slice(0, 300),
        to: message.to.slice(0, 300),
        subject,
        messageId,
        threadId: result.thread?.id ?? null,
        outcome: result.outcome,
        reason: 'reason' in result ? result.reason : null,
        createdAt: Date.now(),
      });
  } catch (err) {
    console.error('[receiveMail] could not log the mail', err);
  }
}

async function take(env: Env, message: ForwardableEmailMessage, subject: string, messageId: string | null): Promise<Outcome> {
  const address = await readReplyAddress(env, message.to);
  if (address === 'unknown') return reject('Unknown address');
  // The sender hears the same as for any unknown address, so nobody learns which made-up ones are nearly right.
  if (address === 'forged') return reject('Unknown address (its signature is wrong)', undefined, 'Unknown address');
  const thread = address;
  if (message.rawSize > MAX_MAIL_BYTES) return reject(`Message too large: the limit is ${MAX_MAIL_BYTES / 1024 / 1024} MB`, thread);
  if (message.headers.has(PARLEY_HEADER) || (env.MAIL_FROM && message.from.toLowerCase() === env.MAIL_FROM.toLowerCase())) return drop('Our own mail came back (a loop)', thread);
  if (isAutomatic(message.headers, subject, message.from)) return drop('An automatic reply', thread);
  if (messageId && (await alreadyAdded(env.DB, thread.id, messageId))) return drop('Already added (the same Message-ID)', thread);

  let email: Email;
  try {
    email = await PostalMime.parse(message.raw, { maxNestingDepth: 20 });
  } catch {
    return reject('The message could not be read as MIME', thread);
  }
  const said = email.text !== undefined ? replyText(email.text) : email.html !== undefined ? replyText(htmlText(email.html)) : null;
  const files = email.attachments.filter((a) => a.disposition !== 'inline' || !a.related);
  if (said === null && files.length === 0) return reject('The message has no text', thread);
  if (!said && files.length === 0) return drop('Nothing new: only the quoted mail', thread);
  const text = said && said.length > MAX_MESSAGE_CHARS ? `${said.slice(0, MAX_MESSAGE_CHARS - 30).trimEnd()}\n[…the rest was cut short]` : (said ?? '');
  const key = await sha256(messageId ?? `${message.from}\n${subject}\n${text}`);
  return thread.kind === 'conversation' ? toConversation(env, thread, { key, text, files }) : toTicket(env, thread, { text, files });
}

async function alreadyAdded(db: D1Database, threadId: string, messageId: string): Promise<boolean> {
  const [row] = await database(db)
    .select({ id: inboundMails.id })
    .from(inboundMails)
    .where(and(eq(inboundMails.threadId, threadId), eq(inboundMails.messageId, messageId), eq(inboundMails.outcome, 'added')))
    .limit(1);
  return !!row;
}

type MailFile = Email['attachments'][number];

/**
 * The files as uploads would be: each checked for type, size and content. Those refused are
 * named in the message instead, so the agent knows to ask for them another way.
 */
async function checkedFiles(files: MailFile[], store: (file: File) => Promise<Attachment>): Promise<{ attachments: Attachment[]; refused: string[] }> {
  const attachments: Attachment[] = [];
  const refused: string[] = [];
  for (const [index, part] of files.entries()) {
    const name = part.filename ?? `attachment-${index + 1}`;
    if (index >= MAX_MAIL_FILES) {
      refused.push(`${name} (at most ${MAX_MAIL_FILES} files per mail)`);
      continue;
    }
    const file = new File([part.content], name, { type: part.mimeType });
    try {
      await checkFiles([file]);
      attachments.push(await store(file));
    } catch (err) {
      if (!(err instanceof HttpError)) throw err;
      refused.push(err.error.message);
    }
  }
  return { attachments, refused };
}

const withRefused = (text: string, refused: string[]) => (refused.length ? `${text}\n\n[Not added: ${refused.join('; ')}]`.trim() : text);

async function toConversation(env: Env, thread: Thread, mail: { key: string; text: string; files: MailFile[] }): Promise<Outcome> {
  const [row] = await database(env.DB).select({ visitorId: conversations.visitorId }).from(conversations).where(eq(conversations.id, thread.id)).limit(1);
  if (!row) return reject('This conversation no longer exists', thread);
  const { attachments, refused } = await checkedFiles(mail.files, (file) => storeFile(env, thread.id, { role: 'visitor', id: row.visitorId }, file, false));
  const outcome = await conversationStub(env, thread.id).fromMail({ key: mail.key, text: withRefused(mail.text, refused), attachments });
  return outcome.ok ? { outcome: 'added', thread } : reject(outcome.error.message, thread);
}

async function toTicket(env: Env, thread: Thread, mail: { text: string; files: MailFile[] }): Promise<Outcome> {
  const ticket = await ticketById(env.DB, thread.id);
  if (!ticket) return reject('This ticket no longer exists', thread);
  const { attachments, refused } = await checkedFiles(mail.files, (file) => storeTicketFile(env, ticket.id, file));
  await addCustomerReply(env, ticket, { text: withRefused(mail.text, refused), attachments });
  return { outcome: 'added', thread };
}
