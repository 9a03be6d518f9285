/**
 * Outgoing mail. Every mail is recorded in D1 first, then handed to the real adapter when the
 * deployment has one (Cloudflare's `send_email` binding); without one (local dev) it stays
 * there with status "kept", readable in the console, so no mail is silently dropped.
 */
import { ulid } from '../../protocol/ids';
import { database } from '../db/client';
import { mails } from '../db/schema';
import type { Env } from '../env';

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

/** Delivers one mail or throws. */
export interface MailAdapter {
  send(mail: Mail): Promise<void>;
}

export type MailStatus = 'kept' | 'sent' | 'failed';

/** Sends through the adapter if there is one, and records the outcome. */
export async function sendMail(env: Env, mail: Mail, adapter: MailAdapter | null = mailAdapter(env)): Promise<MailStatus> {
  let status: MailStatus = 'kept';
  if (adapter) {
    try {
      await adapter.send(mail);
      status = 'sent';
    } catch (err) {
      console.error('[sendMail] delivery failed', err);
      status = 'failed';
    }
  }
  await database(env.DB).insert(mails).values({ id: ulid(), ...mail, status, createdAt: Date.now() });
  return status;
}

export function mailAdapter(env: Env): MailAdapter | null {
  const binding = env.MAIL;
  const from = env.MAIL_FROM;
  if (!binding || !from) return null;
  return {
    async send(mail) {
      await binding.send({ from, to: mail.to, subject: mail.subject, text: mail.text });
    },
  };
}
