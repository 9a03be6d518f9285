/**
 * History search over a large D1: fills the local D1 file straight through SQLite while the
 * Worker is stopped (the FTS5 triggers index every row as it goes in), then times searches
 * through the running Worker's search API, as an admin (who may search everything).
 */
import { readdirSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { signInAgent } from './clients/parley-client';
import { percentiles, type Percentiles } from './stats';

/** Words with a known share of messages, so each query has a known selectivity. */
export const QUERIES: Array<{ q: string; share: string }> = [
  { q: 'teapot', share: '1%' },
  { q: 'refund', share: '0.1%' },
  { q: 'invoice missing', share: 'two words, each 0.1%' },
  { q: 'zeppelin', share: '0.001%' },
];
const PLANTED: Array<[string, number]> = [
  ['teapot', 0.01],
  ['refund', 0.001],
  ['invoice', 0.001],
  ['missing', 0.001],
  ['zeppelin', 0.00001],
];

function words() {
  const next = Math.random;
  const syllables = ['ka', 'lo', 'mi', 'ne', 'ru', 'sa', 'to', 'vi', 'po', 'de', 'ga', 'shi', 'ber', 'tan', 'qu', 'ol'];
  const vocabulary = Array.from({ length: 5000 }, () =>
    Array.from({ length: 2 + Math.floor(next() * 3) }, () => syllables[Math.floor(next() * syllables.length)]).join(''),
  );
  return { next, vocabulary };
}

export function d1File(persistTo: string): string {
  const dir = `${persistTo}/v3/d1/miniflare-D1DatabaseObject`;
  const file = readdirSync(dir).find((f) => f.endsWith('.sqlite') && f !== 'metadata.sqlite');
  if (!file) throw new Error(`no D1 database under ${dir}`);
  return `${dir}/${file}`;
}

/** Adds messages until the history holds `total`, a hundred to a conversation. */
export function fillHistory(persistTo: string, total: number): void {
  const db = new DatabaseSync(d1File(persistTo));
  const have = (db.prepare("SELECT count(*) AS n FROM messages WHERE conversation_id LIKE 'hist-%'").get() as { n: number }).n;
  const { next, vocabulary } = words();
  const addConversation = db.prepare(
    "INSERT OR IGNORE INTO conversations (id, site_id, queue_id, visitor_id, visitor_name, status, created_at, updated_at) VALUES (?, 'demo-shop', 'general', ?, ?, 'ended', ?, ?)",
  );
  const addMessage = db.prepare(
    "INSERT INTO messages (conversation_id, seq, client_id, author_role, author_name, text, created_at) VALUES (?, ?, ?, 'visitor', 'Bench', ?, ?)",
  );
  const now = Date.now();
  db.exec('BEGIN');
  for (let n = have; n < total; n++) {
    const conversation = `hist-${Math.floor(n / 100)}`;
    if (n % 100 === 0) addConversation.run(conversation, conversation, conversation, now, now);
    const text = Array.from({ length: 8 + Math.floor(next() * 12) }, () => vocabulary[Math.floor(next() * vocabulary.length)]);
    for (const [word, share] of PLANTED) if (next() < share) text[Math.floor(next() * text.length)] = word;
    addMessage.run(conversation, (n % 100) + 1, `hist-${n}`, text.join(' '), now - (total - n) * 1000);
  }
  db.exec('COMMIT');
  db.close();
}

export interface SearchTimes {
  messages: number;
  floor: Percentiles;
  queries: Array<{ q: string; share: string; hits: number; times: Percentiles }>;
}

/** Times each query `repeat` times, beside an authenticated request that does no search. */
export async function timeSearches(base: string, messages: number, repeat: number): Promise<SearchTimes> {
  const cookie = await signInAgent(base, 'admin@example.com', 'parley-demo');
  const timed = async (path: string) => {
    const started = performance.now();
    const res = await fetch(base + path, { headers: { Cookie: cookie } });
    const body = (await res.json()) as { hits?: unknown[] };
    if (!res.ok) throw new Error(`${path}: ${res.status}`);
    return { ms: performance.now() - started, hits: body.hits?.length ?? 0 };
  };
  const floor: number[] = [];
  for (let i = 0; i < repeat; i++) floor.push((await timed('/api/auth/me')).ms);
  const queries = [];
  for (const { q, share } of QUERIES) {
    const runs = [];
    for (let i = 0; i < repeat; i++) runs.push(await timed(`/api/console/search?q=${encodeURIComponent(q)}`));
    queries.push({ q, share, hits: runs[0]!.hits, times: percentiles(runs.map((r) => r.ms)) });
  }
  return { messages, floor: percentiles(floor), queries };
}
