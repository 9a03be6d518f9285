/**
 * Mailgun, as far as the worker tests need it: Miniflare hands it the Worker's requests to
 * https://mailgun.test (vitest.config.ts), in Node. It checks what Mailgun checks (Basic auth with
 * the API key, a `to` and a `message` part), reads the message with postal-mime as a mail client
 * would, and answers with the id Mailgun gives. `GET /received` lists what it took.
 */
import PostalMime from 'postal-mime';

export const MAILGUN_HOST = 'mailgun.test';
export const MAILGUN_KEY = 'key-test';

const received: unknown[] = [];

export async function mailProvider(request: Request): Promise<Response> {
  const url = new URL(request.url);
  if (request.method === 'GET' && url.pathname === '/received') return Response.json(received);
  if (request.headers.get('Authorization') !== `Basic ${btoa(`api:${MAILGUN_KEY}`)}`) return new Response('Forbidden', { status: 401 });
  const domain = /^\/v3\/([^/]+)\/messages\.mime$/.exec(url.pathname)?.[1];
  if (request.method !== 'POST' || !domain) return new Response('Not found', { status: 404 });
  const form = await request.formData();
  const to = form.get('to');
  const message = form.get('message');
  if (typeof to !== 'string' || !(message instanceof Blob)) return Response.json({ message: "'to' and 'message' are required" }, { status: 400 });
  const raw = await message.text();
  const parsed = await PostalMime.parse(raw);
  const header = (name: string) => parsed.headers.find((h) => h.key === name.toLowerCase())?.value ?? null;
  received.push({ domain, to, from: parsed.from, subject: parsed.subject, text: parsed.text, html: parsed.html, messageId: parsed.messageId, inReplyTo: parsed.inReplyTo ?? null, references: parsed.references ?? null, replyTo: header('reply-to') });
  return Response.json({ id: parsed.messageId, message: 'Queued. Thank you.' });
}
