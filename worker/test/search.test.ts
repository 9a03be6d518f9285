/** Searching the history: what matches, who may see it, and what a search box may be sent. */
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { ftsQuery } from '../history/search';
import { call, signIn } from './helpers';

async function history() {
  const now = Date.now();
  await env.DB.batch([
    env.DB.prepare("INSERT INTO queues (id, site_id, name, created_at) VALUES ('vip', 'demo-shop', 'VIP', ?)").bind(now),
    ...[
      ['c1', 'general', 'Dana'],
      ['c2', 'vip', 'Erik'],
    ].map(([id, queue, name]) =>
      env.DB.prepare(
        "INSERT INTO conversations (id, site_id, queue_id, visitor_id, visitor_name, status, created_at, updated_at) VALUES (?, 'demo-shop', ?, ?, ?, 'ended', ?, ?)",
      ).bind(id, queue, `v-${id}`, name, now, now),
    ),
    ...[
      ['c1', 1, 'Dana', 'Where is my ceramic teapot?', 0],
      ['c1', 2, 'Alice', 'Your teapot ships tomorrow', 0],
      ['c1', 3, 'Alice', 'She asked about the teapot before', 1],
      ['c2', 1, 'Erik', 'Teapot broken on arrival', 0],
      ['c2', 2, 'Erik', 'Café crème mugs?', 0],
    ].map(([conversation, seq, author, text, isPrivate]) =>
      env.DB.prepare(
        "INSERT INTO messages (conversation_id, seq, client_id, author_role, author_name, text, private, created_at) VALUES (?, ?, ?, 'visitor', ?, ?, ?, ?)",
      ).bind(conversation, seq, `${conversation}-${seq}`, author, text, isPrivate, now),
    ),
  ]);
}

const search = async (cookie: string, q: string) => call(`/api/console/search?q=${encodeURIComponent(q)}`, { cookie });
const hits = async (cookie: string, q: string) =>
  ((await (await search(cookie, q)).json()) as { hits: Array<{ conversationId: string; seq: number; private: boolean }> }).hits;

describe('history search', () => {
  it('finds words in messages, private notes included, only in the agent’s queues', async () => {
    await history();
    const alice = await signIn('alice@example.com'); // in General, not in VIP
    const found = await hits(alice, 'teapot');
    expect(found.map((h) => `${h.conversationId}:${h.seq}`).sort()).toEqual(['c1:1', 'c1:2', 'c1:3']);
    expect(found.find((h) => h.seq === 3)!.private).toBe(true);
  });

  it('shows an admin every queue, and ignores accents and case', async () => {
    await history();
    const admin = await signIn('admin@example.com');
    expect((await hits(admin, 'TEAPOT')).map((h) => h.conversationId).sort()).toEqual(['c1', 'c1', 'c1', 'c2']);
    expect((await hits(admin, 'cafe creme')).map((h) => `${h.conversationId}:${h.seq}`)).toEqual(['c2:2']);
  });

  it('treats FTS5 syntax as plain words, and refuses an empty or oversize query', async () => {
    await history();
    const admin = await signIn('admin@example.com');
    expect(await hits(admin, 'teapot" OR "x')).toEqual([]);
    expect(await hits(admin, 'NEAR(teapot')).toEqual([]);
    expect(ftsQuery('  a "b"  c ')).toBe('"a" """b""" "c"');
    for (const q of ['', '   ', 'x'.repeat(201)]) {
      const res = await search(admin, q);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { field: string } }).error.field).toBe('q');
    }
    expect((await call('/api/console/search?q=teapot')).status).toBe(401);
  });

  it('refuses a query with a NUL character, which FTS5 cannot read, as a bad request', async () => {
    await history();
    const admin = await signIn('admin@example.com');
    const res = await search(admin, 'tea\u0000pot');
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: { code: 'invalid_request', message: 'q: must not contain control characters', field: 'q' } });
  });
});
