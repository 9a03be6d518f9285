/**
 * How a built mail leaves: Cloudflare's `send_email` binding, or Mailgun's HTTP API (which takes
 * the MIME as it is), chosen by MAIL_PROVIDER. Both send the same RFC 5322 text from `mime.ts`.
 * Without either (local dev), no adapter: mails are kept in D1. See docs/email.md.
 */
import { EmailMessage } from 'cloudflare:email';
import type { Env } from '../env';

export interface OutgoingMail {
  /** The envelope: who sends, who receives. */
  from: string;
  to: string;
  /** The whole message, headers and body. */
  raw: string;
}

/**
 * Delivers one mail or throws. Resolves to the Message-ID the mail went out with, when the
 * service gives it a new one (Cloudflare does): the thread's next mail must answer that one.
 */
export interface MailAdapter {
  send(mail: OutgoingMail): Promise<{ messageId?: string }>;
}

const bare = (id: string | undefined) => id?.trim().replace(/^<|>$/g, '') || undefined;

export function cloudflareAdapter(binding: SendEmail): MailAdapter {
  return {
    async send({ from, to, raw }) {
      const result = await binding.send(new EmailMessage(from, to, raw));
      const messageId = bare(result?.messageId);
      return messageId ? { messageId } : {};
    },
  };
}

/** Mailgun's `messages.mime`: the message as a file, the recipient beside it, the API key as Basic auth. */
export function mailgunAdapter(options: { apiKey: string; domain: string; apiBase?: string }): MailAdapter {
  const endpoint = `${options.apiBase ?? 'https://api.mailgun.net'}/v3/${encodeURIComponent(options.domain)}/messages.mime`;
  return {
    async send({ to, raw }) {
      const form = new FormData();
      form.set('to', to);
      form.set('message', new Blob([raw], { type: 'message/rfc822' }), 'message.mime');
      const res = await fetch(endpoint, { method: 'POST', body: form, headers: { Authorization: `Basic ${btoa(`api:${options.apiKey}`)}` } });
      if (!res.ok) throw new Error(`Mailgun answered ${res.status}: ${(await res.text()).slice(0, 200)}`);
      const messageId = bare(((await res.json().catch(() => ({}))) as { id?: string }).id);
      return messageId ? { messageId } : {};
    },
  };
}

/** The deployment's adapter; a half-configured provider is an error at send time (the mail is marked failed), never a silent keep. */
export function mailAdapter(env: Env): MailAdapter | null {
  if (env.MAIL_PROVIDER === 'mailgun') {
    const { MAILGUN_API_KEY: apiKey, MAILGUN_DOMAIN: domain, MAILGUN_API_BASE: apiBase } = env;
    if (!apiKey || !domain || !env.MAIL_FROM) {
      return { send: () => Promise.reject(new Error('MAIL_PROVIDER is mailgun but MAILGUN_API_KEY, MAILGUN_DOMAIN or MAIL_FROM is not set')) };
    }
    return mailgunAdapter({ apiKey, domain, ...(apiBase ? { apiBase } : {}) });
  }
  if (env.MAIL && env.MAIL_FROM) return cloudflareAdapter(env.MAIL);
  return null;
}
