/**
 * Link and product cards: the page's Open Graph tags, fetched by the Worker. Only http(s), never
 * a private or loopback host (the Worker must not become a way into a network), with a timeout,
 * a size limit and a bounded number of redirects, each checked again.
 */
import type { Card } from '../../protocol/chat';
import type { Env } from '../env';
import { HttpError } from '../http/errors';

const TIMEOUT_MS = 5000;
/** Open Graph tags sit in <head>; a page's first half megabyte is plenty. */
const MAX_BYTES = 512 * 1024;
const MAX_REDIRECTS = 3;

const refused = (message: string) => new HttpError(400, { code: 'invalid_request', message: `url: ${message}`, field: 'url' });

/**
 * Loopback, private, link-local and unspecified addresses, and names that mean this machine. An
 * IPv6 literal passes only when plainly global unicast (2000::/3), so no mapped, compatible or
 * NAT64 spelling of a private IPv4 address slips through.
 */
export function isPrivateHost(hostname: string): boolean {
  // "localhost." is "localhost": the trailing dot of a fully qualified name changes nothing.
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '').replace(/\.+$/, '');
  if (host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.local') || host.endsWith('.internal')) return true;
  const v4 = host.match(/^(\d+)\.(\d+)\.(\d+)\.(\d+)$/);
  if (v4) {
    const [a, b] = [Number(v4[1]), Number(v4[2])];
    return a === 0 || a === 10 || a === 127 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127);
  }
  if (host.includes(':')) return !/^[23][0-9a-f]{0,3}:/.test(host);
  return false;
}

/** Fetches the page (Parley's own pages from its assets) and reads its card. */
export async function fetchCard(env: Env, url: string, ownOrigin: string): Promise<Card> {
  let target = new URL(url);
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    if (target.protocol !== 'http:' && target.protocol !== 'https:') throw refused('must be an http or https URL');
    const own = target.origin === ownOrigin;
    if (!own && isPrivateHost(target.hostname)) throw refused('points to a private or local address');
    const init: RequestInit = { redirect: 'manual', signal: AbortSignal.timeout(TIMEOUT_MS), headers: { Accept: 'text/html' } };
    let res: Response;
    try {
      res = own ? await env.ASSETS.fetch(new Request(target, init)) : await fetch(target, init);
    } catch {
      throw new HttpError(502, { code: 'invalid_request', message: 'url: the page could not be fetched in time', field: 'url' });
    }
    const location = res.headers.get('Location');
    if (res.status >= 300 && res.status < 400 && location) {
      const next = URL.parse(location, target);
      if (!next) throw new HttpError(502, { code: 'invalid_request', message: 'url: the page redirects to an address that is not a URL', field: 'url' });
      target = next;
      continue;
    }
    if (!res.ok) throw new HttpError(502, { code: 'invalid_request', message: `url: the page answered ${res.status}`, field: 'url' });
    if (!(res.headers.get('Content-Type') ?? '').includes('text/html')) throw refused('is not an HTML page');
    return readCard(await head(res), target.href);
  }
  throw refused('redirects too many times');
}

/** The start of the body, at most MAX_BYTES. */
async function head(res: Response): Promise<string> {
  const reader = res.body!.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (size < MAX_BYTES) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
  }
  await reader.cancel().catch(() => undefined);
  const bytes = new Uint8Array(Math.min(size, MAX_BYTES));
  let at = 0;
  for (const chunk of chunks) {
    const part = chunk.subarray(0, bytes.length - at);
    bytes.set(part, at);
    at += part.length;
  }
  return new TextDecoder().decode(bytes);
}

/** The card from a page's meta tags: Open Graph title, image and description; product or og price. */
export async function readCard(html: string, pageUrl: string): Promise<Card> {
  const meta = new Map<string, string>();
  let title = '';
  await new HTMLRewriter()
    .on('meta', {
      element(el) {
        const name = (el.getAttribute('property') ?? el.getAttribute('name') ?? '').toLowerCase();
        const content = el.getAttribute('content');
        if (name && content && !meta.has(name)) meta.set(name, content.trim());
      },
    })
    .on('title', {
      text(t) {
        title += t.text;
      },
    })
    .transform(new Response(html))
    .text();
  const amount = meta.get('product:price:amount') ?? meta.get('og:price:amount') ?? meta.get('og:price');
  const currency = meta.get('product:price:currency') ?? meta.get('og:price:currency');
  const image = meta.get('og:image');
  const imageUrl = image ? safeUrl(image, pageUrl) : null;
  const card: Card = { url: safeUrl(meta.get('og:url') ?? '', pageUrl) ?? pageUrl, title: (meta.get('og:title') ?? title.trim()) || new URL(pageUrl).hostname };
  if (imageUrl) card.image = imageUrl;
  if (amount) card.price = (currency ? `${amount} ${currency}` : amount).slice(0, 40);
  const description = meta.get('og:description') ?? meta.get('description');
  if (description) card.description = description.slice(0, 300);
  card.title = card.title.slice(0, 200);
  return card;
}

/** An absolute http(s) URL, or null: a card never carries a javascript: or data: link. */
function safeUrl(value: string, base: string): string | null {
  if (!value) return null;
  try {
    const url = new URL(value, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}
