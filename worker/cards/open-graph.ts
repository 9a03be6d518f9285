/**
 * Link and product cards: the page's Open Graph tags, fetched by the Worker. Only http(s), never
 * a private or loopback address (the Worker must not become a way into a network), with a
 * timeout, a size limit and a bounded number of redirects, each hop checked again.
 *
 * A name is resolved first (`dns.ts`) and refused if any of its addresses is private. What
 * remains is rebinding: the runtime resolves the name again when it fetches, and a name whose
 * owner changes its answer between our look-up and that one could still be sent inward. On
 * Cloudflare this reaches nothing of the owner's: a Worker's subrequests leave from Cloudflare's
 * edge to the public internet, where a private address does not lead into the deploying
 * company's network. The check matters most where the Worker runs on the owner's machine
 * (`wrangler dev`, self-hosted workerd); there, keep the window in mind (docs/security.md).
 */
import type { Card } from '../../protocol/chat';
import type { Env } from '../env';
import { HttpError } from '../http/errors';
import { resolverFor, type Resolver } from './dns';

const TIMEOUT_MS = 5000;
/** Open Graph tags sit in <head>; a page's first half megabyte is plenty. */
const MAX_BYTES = 512 * 1024;
const MAX_REDIRECTS = 3;

const refused = (message: string) => new HttpError(400, { code: 'invalid_request', message: `url: ${message}`, field: 'url' });
const unreachable = (message: string) => new HttpError(502, { code: 'invalid_request', message: `url: ${message}`, field: 'url' });

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
    const [a, b, c] = [Number(v4[1]), Number(v4[2]), Number(v4[3])];
    return (
      a === 0 ||
      a === 10 ||
      a === 127 ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 100 && b >= 64 && b <= 127) ||
      (a === 192 && b === 0 && c === 0) ||
      (a === 198 && (b === 18 || b === 19)) ||
      // Multicast, reserved and broadcast.
      a >= 224
    );
  }
  // 6to4 (2002::/16) and Teredo (2001:0::/32) carry an IPv4 address inside, which may be private.
  if (host.includes(':')) return !/^[23][0-9a-f]{0,3}:/.test(host) || /^2002:/.test(host) || /^2001:(0{0,4})?:/.test(host);
  return false;
}

const isAddress = (hostname: string) => /^\[.*\]$|^\d+\.\d+\.\d+\.\d+$/.test(hostname);

/** Refuses a host that is, or whose name resolves to, a private address (also webhook URLs, `worker/webhooks/`). */
export async function refuseInwardHost(resolver: Resolver, hostname: string): Promise<void> {
  if (isPrivateHost(hostname)) throw refused('points to a private or local address');
  if (isAddress(hostname)) return;
  let addresses: string[];
  try {
    addresses = await resolver.addresses(hostname.replace(/\.+$/, ''));
  } catch (err) {
    console.error('[cards] resolving failed', hostname, err);
    throw unreachable('the host could not be looked up');
  }
  if (!addresses.length) throw refused('the host has no address');
  if (addresses.some(isPrivateHost)) throw refused('points to a private or local address');
}

/** Fetches the page (Parley's own pages from its assets) and reads its card. */
export async function fetchCard(env: Env, url: string, ownOrigin: string): Promise<Card> {
  const resolver = resolverFor(env);
  let target = new URL(url);
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    if (target.protocol !== 'http:' && target.protocol !== 'https:') throw refused('must be an http or https URL');
    const own = target.origin === ownOrigin;
    if (!own) await refuseInwardHost(resolver, target.hostname);
    const init: RequestInit = { redirect: 'manual', signal: AbortSignal.timeout(TIMEOUT_MS), headers: { Accept: 'text/html' } };
    let res: Response;
    try {
      res = own ? await env.ASSETS.fetch(new Request(target, init)) : await fetch(target, init);
    } catch {
      throw unreachable('the page could not be fetched in time');
    }
    const location = res.headers.get('Location');
    if (res.status >= 300 && res.status < 400 && location) {
      const next = URL.parse(location, target);
      if (!next) throw unreachable('the page redirects to an address that is not a URL');
      target = next;
      continue;
    }
    if (!res.ok) throw unreachable(`the page answered ${res.status}`);
    if (!(res.headers.get('Content-Type') ?? '').includes('text/html')) throw refused('is not an HTML page');
    let html: string;
    try {
      html = await head(res);
    } catch {
      // The timeout ran out while the body trickled in (or the connection broke): the page's fault, not ours.
      throw unreachable('the page could not be fetched in time');
    }
    return readCard(html, target.href);
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
