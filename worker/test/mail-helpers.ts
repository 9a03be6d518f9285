/**
 * Mail in the worker tests. `receive` hands a raw RFC 5322 message to the Worker's real `email()`
 * handler, wrapped as Cloudflare Email Routing hands it over (envelope, headers, raw stream,
 * setReject), and says whether it was refused and why. `mailsTo` reads what Parley sent or kept.
 */
import { env } from 'cloudflare:test';
import worker from '../index';
import { replyAddress, type Thread } from '../mail/reply-address';

/** The header block as a mail server reads it: folded lines joined. */
function headersOf(raw: string): Headers {
  const block = raw.split(/\r?\n\r?\n/)[0]!.replace(/\r?\n[ \t]+/g, ' ');
  const headers = new Headers();
  for (const line of block.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.append(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
  }
  return headers;
}

export async function receive(raw: string, envelope: { from?: string; to: string; rawSize?: number }): Promise<{ rejected: string | null }> {
  const bytes = new TextEncoder().encode(raw.replace(/\r?\n/g, '\r\n'));
  let rejected: string | null = null;
  const message = {
    from: envelope.from ?? 'dana@customer.test',
    to: envelope.to,
    headers: headersOf(raw),
    raw: new Response(bytes).body!,
    rawSize: envelope.rawSize ?? bytes.length,
    setReject: (reason: string) => void (rejected = reason),
    forward: async () => ({ messageId: '' }),
    reply: async () => ({ messageId: '' }),
  } as unknown as ForwardableEmailMessage;
  await worker.email(message, env);
  return { rejected };
}

export const replyTo = (thread: Thread) => replyAddress(env, thread);

/** A mail as a customer's client writes it; `body` with its own part headers when `contentType` is multipart. */
export function rfc5322(m: { to: string; subject?: string; headers?: Record<string, string>; contentType?: string; body: string; messageId?: string }): string {
  const lines = [
    'From: Dana Customer <dana@customer.test>',
    `To: ${m.to}`,
    `Subject: ${m.subject ?? 'Re: Your chat with Demo shop'}`,
    'Date: Wed, 02 Dec 2026 09:30:00 +0100',
    `Message-ID: <${m.messageId ?? `${crypto.randomUUID()}@customer.test`}>`,
    'MIME-Version: 1.0',
    `Content-Type: ${m.contentType ?? 'text/plain; charset=utf-8'}`,
    ...Object.entries(m.headers ?? {}).map(([k, v]) => `${k}: ${v}`),
    '',
    m.body,
  ];
  return lines.join('\r\n');
}

export interface InboundRow {
  outcome: string;
  reason: string | null;
  thread_id: string | null;
}

export const inboundLog = async () =>
  (await env.DB.prepare('SELECT outcome, reason, thread_id FROM inbound_mails ORDER BY created_at').all<InboundRow>()).results;

export interface MailRow {
  to: string;
  subject: string;
  text: string;
  status: string;
  reply_to: string | null;
  message_id: string;
  thread_id: string | null;
}

export const mailsTo = async (to: string) =>
  (await env.DB.prepare('SELECT * FROM mails WHERE "to" = ? ORDER BY created_at').bind(to).all<MailRow>()).results;

/**
 * The mails to `to` once there are `count`: a deadline brought forward while the object's alarm is
 * already running (for a D1 flush) runs when that alarm re-arms, a moment later.
 */
export async function mailsArrive(to: string, count: number): Promise<MailRow[]> {
  for (let i = 0; i < 100; i++) {
    const rows = await mailsTo(to);
    if (rows.length >= count) return rows;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`${to} never had ${count} mails`);
}
