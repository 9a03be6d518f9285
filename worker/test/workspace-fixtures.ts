/** Workspace test fixtures: a second queue with its own agent, a second shop with its own, and a chat Alice has taken. */
import { env, evictDurableObject, runInDurableObject } from 'cloudflare:test';
import { expect } from 'vitest';
import { ulid } from '../../protocol/ids';
import { hashPassword } from '../auth/password';
import type { ConversationMeta } from '../conversation/conversation-meta';
import { DEMO_PASSWORD, DEMO_SITE } from '../demo/demo-data';
import { conversationStub } from '../env';
import { accept, agentSocket, call, json, offerFor, onlineAgent, signIn, visitorWrites } from './helpers';

/** Carol answers the "billing" queue only: she must not see the general queue's chats. */
export async function carolOfBilling(): Promise<string> {
  const now = Date.now();
  await env.DB.batch([
    env.DB.prepare("INSERT INTO queues (id, site_id, name, created_at) VALUES ('billing', ?, 'Billing', ?)").bind(DEMO_SITE.id, now),
    env.DB.prepare("INSERT INTO agents (id, email, name, password_hash, role, created_at) VALUES ('agent-carol', 'carol@example.com', 'Carol', ?, 'agent', ?)").bind(
      await hashPassword(DEMO_PASSWORD),
      now,
    ),
    env.DB.prepare("INSERT INTO queue_members (queue_id, agent_id) VALUES ('billing', 'agent-carol')"),
  ]);
  return signIn('carol@example.com');
}

/** A second shop, with one queue and one agent who answers it and nothing of the demo shop; returns the agent's session. */
export async function anotherShop(shop: { siteId: string; siteName: string; queueId: string; agent: string }): Promise<string> {
  const { siteId, siteName, queueId, agent } = shop;
  const [email, agentId] = [`${agent.toLowerCase()}@example.com`, `agent-${agent.toLowerCase()}`];
  const now = Date.now();
  await env.DB.batch([
    env.DB.prepare('INSERT INTO sites (id, name, created_at) VALUES (?, ?, ?)').bind(siteId, siteName, now),
    env.DB.prepare('INSERT INTO queues (id, site_id, name, created_at) VALUES (?, ?, ?, ?)').bind(queueId, siteId, siteName, now),
    env.DB.prepare("INSERT INTO agents (id, email, name, password_hash, role, created_at) VALUES (?, ?, ?, ?, 'agent', ?)").bind(agentId, email, agent, await hashPassword(DEMO_PASSWORD), now),
    env.DB.prepare('INSERT INTO queue_members (queue_id, agent_id) VALUES (?, ?)').bind(queueId, agentId),
  ]);
  return signIn(email);
}

/** Alice has taken a visitor's chat and is connected to it. */
export async function aliceHasChat(first = 'Hello, I need help with my order', body: Record<string, unknown> = {}) {
  const alice = await onlineAgent('alice@example.com');
  const visitor = await visitorWrites(first, body);
  await offerFor(alice.inbox, visitor.id);
  expect((await accept(alice.cookie, visitor.id)).status).toBe(200);
  const socket = await agentSocket(alice.cookie, visitor.id);
  return { alice, visitor, socket, id: visitor.id };
}

/** Sends an agent message and waits for its ack. */
export async function agentSays(socket: Awaited<ReturnType<typeof agentSocket>>, text: string, extra: Record<string, unknown> = {}) {
  const clientId = ulid();
  socket.send({ type: 'message', clientId, text, ...extra });
  return socket.waitFor((f) => f.type === 'ack' && f.clientId === clientId);
}

/** D1 gets messages through the conversation's outbox, a moment after the ack. */
export async function inD1(conversationId: string, count: number) {
  for (let i = 0; i < 50; i++) {
    const row = await env.DB.prepare('SELECT COUNT(*) AS n FROM messages WHERE conversation_id = ?').bind(conversationId).first<{ n: number }>();
    if (row!.n >= count) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`D1 never had ${count} messages for ${conversationId}`);
}

export const get = (cookie: string, path: string) => call(path, { cookie });
export const post = (cookie: string, path: string, body?: unknown) =>
  call(path, { method: 'POST', cookie, ...(body === undefined ? {} : { body: json(body) }) });

/**
 * A day passes after the chat ended, past the site's reopen window: the visitor's next chat is a
 * new conversation, not this one reopened. (The chat's stored state is aged, then its memory dropped.)
 */
export async function aDayPasses(conversationId: string): Promise<void> {
  const stub = conversationStub(env, conversationId);
  await runInDurableObject(stub, (_, state) => {
    const meta = state.storage.kv.get<ConversationMeta>('meta')!;
    state.storage.kv.put('meta', { ...meta, overAt: meta.overAt! - 24 * 60 * 60 * 1000 });
  });
  await evictDurableObject(stub);
}
