/**
 * Names to addresses, so the card fetcher can refuse a name that points into a private network
 * before it fetches. The Worker has no resolver of its own to ask, so it asks DNS over HTTPS
 * (Cloudflare's JSON API); the tests use a fixed table (`FAKE_DNS`), as they reach no network.
 */
import type { Env } from '../env';

export interface Resolver {
  /** Every A and AAAA answer for the name; empty when it has none (NXDOMAIN, no records). */
  addresses(hostname: string): Promise<string[]>;
}

const DOH = 'https://cloudflare-dns.com/dns-query';
const RECORD_TYPES = { A: 1, AAAA: 28 } as const;

interface DohAnswer {
  Status: number;
  Answer?: Array<{ type: number; data: string }>;
}

/** DNS over HTTPS; throws when the resolver cannot be reached or answers with a failure other than "no such name". */
export function dohResolver(fetcher: typeof fetch = fetch, timeoutMs = 5000): Resolver {
  const ask = async (name: string, type: keyof typeof RECORD_TYPES): Promise<string[]> => {
    const url = `${DOH}?name=${encodeURIComponent(name)}&type=${type}`;
    const res = await fetcher(url, { headers: { Accept: 'application/dns-json' }, signal: AbortSignal.timeout(timeoutMs) });
    if (!res.ok) throw new Error(`DNS over HTTPS answered ${res.status}`);
    const answer = (await res.json()) as DohAnswer;
    // 3 is NXDOMAIN: the name does not exist, which is an answer, not a failure.
    if (answer.Status === 3) return [];
    if (answer.Status !== 0) throw new Error(`DNS over HTTPS status ${answer.Status}`);
    // CNAMEs come with the addresses they lead to; only the addresses matter.
    return (answer.Answer ?? []).filter((a) => a.type === RECORD_TYPES[type]).map((a) => a.data);
  };
  return { addresses: async (hostname) => (await Promise.all([ask(hostname, 'A'), ask(hostname, 'AAAA')])).flat() };
}

export const fakeResolver = (table: Record<string, string[]>): Resolver => ({ addresses: async (hostname) => table[hostname] ?? [] });

export const resolverFor = (env: Env): Resolver => (env.FAKE_DNS ? fakeResolver(env.FAKE_DNS) : dohResolver());
