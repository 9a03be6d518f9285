/**
 * Continuation links: a mail of unread replies carries a link back to the page the chat began on,
 * with a token in its fragment (never sent to the shop's server, nor in a Referer). The token names
 * one conversation of one visitor, expires, and is signed for this purpose only, so neither a
 * visitor token nor anything else can pass for it.
 */
import { equalBytes, fromBase64Url, hmacSha256, toBase64Url } from './encoding';

export interface Continuation {
  conversationId: string;
  visitorId: string;
  siteId: string;
  expiresAt: number;
}

/** A week: long enough for a reply read on Monday to be answered by Friday. */
export const CONTINUATION_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

const sign = (secret: string, payload: string) => hmacSha256(secret, `continue.${payload}`);

export async function issueContinuation(claims: Omit<Continuation, 'expiresAt'>, secret: string, now = Date.now()): Promise<string> {
  const data = { c: claims.conversationId, v: claims.visitorId, s: claims.siteId, e: now + CONTINUATION_LIFETIME_MS };
  const payload = toBase64Url(new TextEncoder().encode(JSON.stringify(data)));
  return `${payload}.${toBase64Url(await sign(secret, payload))}`;
}

/** The claims of a genuine token; `expired` for one whose week is over; null for anything else. */
export async function readContinuation(token: string, secret: string, now = Date.now()): Promise<Continuation | 'expired' | null> {
  const [payload, signature, extra] = token.split('.');
  if (!payload || !signature || extra !== undefined) return null;
  const given = fromBase64Url(signature);
  if (!given || !equalBytes(given, await sign(secret, payload))) return null;
  try {
    const data = JSON.parse(new TextDecoder().decode(fromBase64Url(payload)!)) as Record<string, unknown>;
    const { c, v, s, e } = data;
    if (typeof c !== 'string' || typeof v !== 'string' || typeof s !== 'string' || typeof e !== 'number') return null;
    return e <= now ? 'expired' : { conversationId: c, visitorId: v, siteId: s, expiresAt: e };
  } catch {
    return null;
  }
}
