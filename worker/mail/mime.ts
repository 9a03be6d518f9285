/**
 * One mail as RFC 5322 text, built by mimetext: a plain-text part and an HTML part made from it
 * (escaped), the site's name as the sender's name, and the headers mail clients thread by.
 */
import { createMimeMessage, Mailbox } from 'mimetext/browser';

export interface MimeMail {
  from: { name: string; address: string };
  to: string;
  subject: string;
  text: string;
  messageId: string;
  replyTo?: string;
  /** The thread's earlier Message-IDs, oldest first; the last is the one this mail answers. */
  references: string[];
  /** Our own mark, so the email handler knows one of our mails that came back (a loop). */
  parleyId: string;
}

export const PARLEY_HEADER = 'X-Parley-Mail';

const escape = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** The text as HTML: escaped, paragraphs and line breaks kept, http(s) links made clickable. */
export function htmlOf(text: string): string {
  const paragraph = (p: string) =>
    p
      .split(/(https?:\/\/[^\s<>"]+)/g)
      .map((part, i) => (i % 2 ? `<a href="${escape(part)}">${escape(part)}</a>` : escape(part)))
      .join('')
      .replaceAll('\n', '<br>');
  const body = text.trim().split(/\n{2,}/).map((p) => `<p>${paragraph(p)}</p>`).join('');
  return `<!doctype html><html><body style="font-family:system-ui,sans-serif;font-size:15px;line-height:1.5;color:#1b1f24">${body}</body></html>`;
}

const angle = (id: string) => `<${id}>`;

export function buildMime(mail: MimeMail): string {
  const message = createMimeMessage();
  message.setSender({ name: mail.from.name, addr: mail.from.address });
  message.setRecipient(mail.to);
  message.setSubject(mail.subject);
  message.setHeader('Message-ID', angle(mail.messageId));
  if (mail.replyTo) message.setHeader('Reply-To', new Mailbox(mail.replyTo));
  const last = mail.references.at(-1);
  if (last) {
    message.setHeader('In-Reply-To', angle(last));
    message.setHeader('References', mail.references.map(angle).join(' '));
  }
  message.setHeader(PARLEY_HEADER, mail.parleyId);
  message.addMessage({ contentType: 'text/plain', data: mail.text });
  message.addMessage({ contentType: 'text/html', data: htmlOf(mail.text) });
  return message.asRaw();
}
