/** Retention: the daily cron deletes ended conversations older than the site keeps them, everywhere they live. */
import { createExecutionContext, createScheduledController, env, runInDurableObject, waitOnExecutionContext } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import worker from '../index';
import { conversationStub } from '../env';
import { ADMIN, send } from './admin-helpers';
import { accept, agentSocket, call, errorOf, offerFor, onlineAgent, signIn, visitorWrites } from './helpers';

const DAY = 24 * 60 * 60 * 1000;

/** A chat with a message and a file, ended by the agent; its last change dated `daysAgo`. */
async function endedChat(daysAgo: number) {
  const { cookie, inbox } = await onlineAgent('alice@example.com');
  const chat = await visitorWrites('Where is my order?');
  await offerFor(inbox, chat.id);
  await accept(cookie, chat.id);
  const form = new FormData();
  form.append('files', new File(['receipt'], 'receipt.txt', { type: 'text/plain' }));
  expect((await call(`/api/files/conversations/${chat.id}`, { method: 'POST', token: chat.token, body: form })).status).toBe(201);
  const socket = await agentSocket(cookie, chat.id);
  expect((await call(`/api/console/chats/${chat.id}/end`, { method: 'POST', cookie })).status).toBe(200);
  socket.close();
  chat.socket.close();
  await waitForD1(chat.id);
  await env.DB.prepare('UPDATE conversations SET updated_at = ? WHERE id = ?').bind(Date.now() - daysAgo * DAY, chat.id).run();
  return chat.id;
}

/** The DO writes through to D1 after answering; wait until the row says ended and the messages are there. */
async function waitForD1(id: string) {
  for (let i = 0; i < 50; i++) {
    const row = await env.DB.prepare("SELECT count(*) AS n FROM conversations c JOIN messages m ON m.conversation_id = c.id WHERE c.id = ? AND c.status = 'ended'").bind(id).first<{ n: number }>();
    if (row!.n > 0) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('D1 never heard the chat ended');
}

async function cron() {
  const ctx = createExecutionContext();
  await worker.scheduled(createScheduledController({ cron: '0 3 * * *' }), env, ctx);
  await waitOnExecutionContext(ctx);
}

const count = async (sql: string, id: string) => ((await env.DB.prepare(sql).bind(id).first<{ n: number }>())!.n);

describe('retention', () => {
  it('deletes old ended chats with their messages, files and DO storage, keeps the rest, and audits it', async () => {
    const admin = await signIn(ADMIN);
    expect((await send('PUT', '/api/admin/sites/demo-shop/retention', admin, { retentionDays: 30 })).status).toBe(200);
    const old = await endedChat(31);
    const recent = await endedChat(5);

    await cron();

    expect(await count('SELECT count(*) AS n FROM conversations WHERE id = ?', old)).toBe(0);
    expect(await count('SELECT count(*) AS n FROM messages WHERE conversation_id = ?', old)).toBe(0);
    expect(await count('SELECT count(*) AS n FROM attachments WHERE conversation_id = ?', old)).toBe(0);
    expect((await env.FILES.list({ prefix: `files/${old}/` })).objects).toEqual([]);
    expect(await runInDurableObject(conversationStub(env, old), (_, state) => state.storage.kv.get('meta'))).toBeUndefined();

    expect(await count('SELECT count(*) AS n FROM conversations WHERE id = ?', recent)).toBe(1);
    expect((await env.FILES.list({ prefix: `files/${recent}/` })).objects).toHaveLength(1);
    const entry = await env.DB.prepare("SELECT agent_id, target, detail FROM audit_log WHERE action = 'retention.deleted'").first<{ agent_id: null; target: string; detail: string }>();
    expect(entry).toMatchObject({ agent_id: null, target: 'demo-shop' });
    expect(JSON.parse(entry!.detail)).toEqual({ conversations: 1, files: 1, failed: 0, olderThanDays: 30 });
  });

  it('skips a conversation it cannot delete, deletes the others, and says so in the audit log', async () => {
    expect((await send('PUT', '/api/admin/sites/demo-shop/retention', await signIn(ADMIN), { retentionDays: 30 })).status).toBe(200);
    const stuck = await endedChat(40);
    const old = await endedChat(35);
    // D1 refuses to delete the first one, as a failing store would.
    await env.DB.prepare(`CREATE TRIGGER keep_stuck BEFORE DELETE ON conversations WHEN old.id = '${stuck}' BEGIN SELECT RAISE(ABORT, 'stuck'); END`).run();

    await cron();

    expect(await count('SELECT count(*) AS n FROM conversations WHERE id = ?', old)).toBe(0);
    expect(await count('SELECT count(*) AS n FROM conversations WHERE id = ?', stuck)).toBe(1);
    const entry = await env.DB.prepare("SELECT detail FROM audit_log WHERE action = 'retention.deleted'").first<{ detail: string }>();
    expect(JSON.parse(entry!.detail)).toMatchObject({ conversations: 1, failed: 1 });
    await env.DB.prepare('DROP TRIGGER keep_stuck').run();
  });

  it('keeps everything when retention is 0 (forever)', async () => {
    const old = await endedChat(400);
    await cron();
    expect(await count('SELECT count(*) AS n FROM conversations WHERE id = ?', old)).toBe(1);
  });

  it('refuses a bad number of days', async () => {
    const admin = await signIn(ADMIN);
    for (const days of [-1, 1.5, 4000, '30']) {
      const res = await send('PUT', '/api/admin/sites/demo-shop/retention', admin, { retentionDays: days });
      expect(res.status).toBe(400);
      expect((await errorOf(res)).field).toBe('retentionDays');
    }
  });
});
