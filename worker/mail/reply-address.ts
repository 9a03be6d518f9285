/**
 * Reply addresses: each conversation and ticket has its own, `reply+<c|t><id>.<signature>@<domain>`,
 * which its mails carry as Reply-To. The signature (HMAC with PARLEY_SECRET) means an address
 * cannot be made up for someone else's conversation; everything is lower case, as some mail
 * servers lower-case local parts on the way.
 */
import { hmacSha256 } from '../auth/encoding';
import type { Env } from '../env';

export interface Thread {
  kind: 'conversation' | 'ticket';
  id: string;
}

const LETTERS = { conversation: 'c', ticket: 't' } as const;
const ADDRESS = /^reply\+([ct])([0-9a-z]{26})\.([0-9a-f]{20})@/;

/** Where replies go: the domain the owner routes to the Worker (docs/email.md); locally, nowhere real. */
export function replyDomain(env: Env): string {
  return env.MAIL_REPLY_DOMAIN ?? env.MAIL_FROM?.split('@')[1] ?? 'parley.localhost';
}

async function signature(env: Env, letter: string, id: string): Promise<string> {
  const mac = await hmacSha256(env.PARLEY_SECRET, `reply-address.${letter}${id}`);
  return [...mac.subarray(0, 10)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export async function replyAddress(env: Env, thread: Thread): Promise<string> {
  const letter = LETTERS[thread.kind];
  const id = thread.id.toLowerCase();
  return `reply+${letter}${id}.${await signature(env, letter, id)}@${replyDomain(env)}`;
}

/** The thread an incoming mail's address names: `unknown` when it is not a reply address, `forged` when its signature is wrong. */
export async function readReplyAddress(env: Env, address: string): Promise<Thread | 'unknown' | 'forged'> {
  const match = ADDRESS.exec(address.trim().toLowerCase());
  if (!match) return 'unknown';
  const [, letter, id, given] = match as unknown as [string, 'c' | 't', string, string];
  if (given !== (await signature(env, letter, id))) return 'forged';
  return { kind: letter === 'c' ? 'conversation' : 'ticket', id: id.toUpperCase() };
}
