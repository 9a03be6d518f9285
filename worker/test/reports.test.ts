/**
 * Reports from real chats: the Conversation DO's moments reach D1 through its outbox (no D1
 * write of their own), Live now reads the queues and agents as they are, and every query
 * parameter is checked with a coded answer. The figures' arithmetic: reports-figures.test.ts.
 */
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import type { LiveResponse, OverviewResponse } from '../../protocol/reports';
import { ulid } from '../../protocol/ids';
import { conversationStub } from '../env';
import { fastForward } from './deadlines';
import { accept, agentSocket, call, errorOf, json, offerFor, onlineAgent, signIn, startConversation, visitorWrites } from './helpers';

interface Facts {
  queued_at: number;
  accepted_at: number | null;
  first_response_at: number | null;
  ended_at: number | null;
  missed: number;
  transferred: number;
  reopened: number;
  rating: number | null;
  agent_id: string | null;
}

/** The chat's facts row, once the chat's flush has brought it (and `ready` holds). */
const factsOf = (id: string, ready: (f: Facts) => boolean) =>
  expect
    .poll(async () => {
      const row = await env.DB.prepare('SELECT * FROM report_chats WHERE conversation_id = ?').bind(id).first<Facts>();
      return row && ready(row) ? row : null;
    })
    .not.toBeNull()
    .then(() => env.DB.prepare('SELECT * FROM report_chats WHERE conversation_id = ?').bind(id).first<Facts>()) as Promise<Facts>;

const today = () => new Date().toISOString().slice(0, 10);

async function aliceAnswers() {
  const alice = await onlineAgent('alice@example.com');
  const visitor = await visitorWrites('Where is my order?');
  await offerFor(alice.inbox, visitor.id);
  expect((await accept(alice.cookie, visitor.id)).status).toBe(200);
  const agent = await agentSocket(alice.cookie, visitor.id);
  // A private note is no answer to the visitor.
  agent.send({ type: 'message', clientId: ulid(), text: 'Checking the warehouse', private: true });
  await agent.waitFor((f) => f.type === 'ack');
  agent.send({ type: 'message', clientId: ulid(), text: 'It ships today.' });
  await visitor.socket.waitFor((f) => f.type === 'message' && f.message.text === 'It ships today.');
  return { alice, visitor, agent };
}

describe('from the chats themselves', () => {
  it('an answered, ended and rated chat: queued, accepted, first public reply, ended, rated', async () => {
    const { visitor } = await aliceAnswers();
    expect((await call('/api/visitor/conversation/end', { method: 'POST', token: visitor.token, body: json({}) })).status).toBe(200);
    const facts = await factsOf(visitor.id, (f) => f.ended_at !== null);
    const reply = await env.DB.prepare("SELECT created_at AS at FROM messages WHERE conversation_id = ? AND text = 'It ships today.'").bind(visitor.id).first<{ at: number }>();
    expect(facts).toMatchObject({ agent_id: 'agent-alice', missed: 0, transferred: 0, reopened: 0, rating: null, first_response_at: reply!.at });
    expect(facts.queued_at).toBeLessThanOrEqual(facts.accepted_at!);
    expect(facts.accepted_at).toBeLessThanOrEqual(facts.first_response_at!);
    expect(facts.first_response_at).toBeLessThanOrEqual(facts.ended_at!);

    const rated = await call(`/api/visitor/conversations/${visitor.id}/rating`, { method: 'POST', token: visitor.token, body: json({ rating: 4, comment: 'Quick' }) });
    expect(rated.status).toBe(200);
    const admin = await signIn('admin@example.com');
    const o = (await (await call(`/api/admin/reports/overview?from=${today()}&to=${today()}&timeZone=UTC`, { cookie: admin })).json()) as OverviewResponse;
    expect(o.current).toMatchObject({ conversations: 1, accepted: 1, missed: 0, rated: 1, csat: 4, ratings: [0, 0, 0, 1, 0] });
    expect(o.current.waitMedianMs).not.toBeNull();
    expect(o.comments).toEqual([expect.objectContaining({ conversationId: visitor.id, rating: 4, comment: 'Quick', agentName: 'Alice' })]);
  });

  it('a missed chat is missed, with no wait; its ticket is counted', async () => {
    const visitor = await visitorWrites('Anyone there?');
    await fastForward(conversationStub(env, visitor.id), 'missed');
    const facts = await factsOf(visitor.id, (f) => f.missed === 1);
    expect(facts).toMatchObject({ accepted_at: null, agent_id: null });
    const admin = await signIn('admin@example.com');
    await expect
      .poll(async () => ((await (await call(`/api/admin/reports/overview?from=${today()}&to=${today()}`, { cookie: admin })).json()) as OverviewResponse).current)
      .toMatchObject({ conversations: 1, missed: 1, accepted: 0, waitMedianMs: null, tickets: 1 });
  });

  it('a transfer to another agent and a reopened chat are marked; the first agent keeps the chat', async () => {
    const { alice, visitor } = await aliceAnswers();
    await onlineAgent('bob@example.com');
    expect((await call(`/api/console/chats/${visitor.id}/transfer`, { method: 'POST', cookie: alice.cookie, body: json({ agentId: 'agent-bob' }) })).status).toBe(200);
    await factsOf(visitor.id, (f) => f.transferred === 1);
    expect((await call('/api/visitor/conversation/end', { method: 'POST', token: visitor.token, body: json({}) })).status).toBe(200);
    expect((await startConversation(visitor.token)).id).toBe(visitor.id);
    const facts = await factsOf(visitor.id, (f) => f.reopened === 1);
    expect(facts).toMatchObject({ agent_id: 'agent-alice', transferred: 1, reopened: 1 });
  });

  it('Live now: the chats waiting and the longest wait; agents with their status and load', async () => {
    const { alice } = await aliceAnswers();
    await visitorWrites('Hello?');
    await call('/api/console/status', { method: 'PUT', cookie: alice.cookie, body: json({ status: 'away' }) });
    const admin = await signIn('admin@example.com');
    const live = (await (await call('/api/admin/reports/live', { cookie: admin })).json()) as LiveResponse;
    expect(live.waiting).toBe(1);
    expect(live.longestWaitMs).toBeGreaterThanOrEqual(0);
    expect(live.queues).toEqual([expect.objectContaining({ id: 'general', name: 'General', waiting: 1 })]);
    expect(live.agents.find((a) => a.id === 'agent-alice')).toEqual({ id: 'agent-alice', name: 'Alice', status: 'away', chats: 1, capacity: 3 });
    expect(live.agents.find((a) => a.id === 'agent-bob')).toMatchObject({ status: 'offline', chats: 0 });
  });

  it('an agent’s time online: counted while their console is open and online, in the hours once they step away', async () => {
    const before = Date.now();
    const alice = await onlineAgent('alice@example.com');
    const going = await env.DB.prepare("SELECT since FROM agent_online WHERE agent_id = 'agent-alice'").first<{ since: number }>();
    expect(going!.since).toBeGreaterThanOrEqual(before);
    const admin = await signIn('admin@example.com');
    const overview = async () => ((await (await call(`/api/admin/reports/overview?from=${today()}&to=${today()}&timeZone=UTC`, { cookie: admin })).json()) as OverviewResponse).current;
    // Still online: the stretch so far counts (a few milliseconds, so 0.0 h), and nothing is written by the hour yet.
    expect((await overview()).agentHours).toBe(0);
    expect((await env.DB.prepare("SELECT COUNT(*) AS n FROM report_agent_hours WHERE agent_id = 'agent-alice'").first<{ n: number }>())!.n).toBe(0);

    await call('/api/console/status', { method: 'PUT', cookie: alice.cookie, body: json({ status: 'away' }) });
    expect(await env.DB.prepare("SELECT since FROM agent_online WHERE agent_id = 'agent-alice'").first()).toBeNull();
    const { ms } = (await env.DB.prepare("SELECT SUM(online_ms) AS ms FROM report_agent_hours WHERE agent_id = 'agent-alice'").first<{ ms: number }>())!;
    expect(ms).toBeGreaterThan(0);
    expect(ms).toBeLessThanOrEqual(Date.now() - going!.since);
    // Online again, then the console closes: a second stretch, added to the first.
    await call('/api/console/status', { method: 'PUT', cookie: alice.cookie, body: json({ status: 'online' }) });
    expect(await env.DB.prepare("SELECT 1 FROM agent_online WHERE agent_id = 'agent-alice'").first()).not.toBeNull();
    alice.inbox.close();
    await expect.poll(() => env.DB.prepare("SELECT 1 FROM agent_online WHERE agent_id = 'agent-alice'").first()).toBeNull();
    const after = (await env.DB.prepare("SELECT SUM(online_ms) AS ms FROM report_agent_hours WHERE agent_id = 'agent-alice'").first<{ ms: number }>())!.ms;
    expect(after).toBeGreaterThan(ms);
  });
});

describe('who may ask, and what', () => {
  const q = 'from=2026-01-01&to=2026-01-31';

  it('refuses agents, and people not signed in', async () => {
    const alice = await signIn('alice@example.com');
    for (const path of ['overview', 'over-time', 'breakdown', 'export', 'live']) {
      const res = await call(`/api/admin/reports/${path}?${q}&by=agent&table=overview`, { cookie: alice });
      expect(res.status, path).toBe(403);
      expect((await errorOf(res)).code).toBe('forbidden');
      expect((await call(`/api/admin/reports/${path}?${q}`)).status, path).toBe(401);
    }
  });

  it('refuses a supervisor a queue that is not theirs; their own is fine', async () => {
    await env.DB.prepare("INSERT INTO queues (id, site_id, name, created_at) VALUES ('sales', 'demo-shop', 'Sales', 0)").run();
    await env.DB.prepare("UPDATE agents SET role = 'supervisor' WHERE id = 'agent-bob'").run();
    const bob = await signIn('bob@example.com');
    const theirs = await call(`/api/admin/reports/overview?${q}&queue=general`, { cookie: bob });
    expect(theirs.status).toBe(200);
    for (const path of ['overview', 'over-time', 'breakdown?by=queue&', 'export?table=overview&']) {
      const url = `/api/admin/reports/${path.includes('?') ? path : `${path}?`}${q}&queue=sales`;
      const res = await call(url, { cookie: bob });
      expect(res.status, url).toBe(403);
      expect(await errorOf(res)).toMatchObject({ code: 'forbidden', field: 'queue' });
    }
    const live = (await (await call('/api/admin/reports/live', { cookie: bob })).json()) as LiveResponse;
    expect(live.queues.map((x) => x.id)).toEqual(['general']);
  });

  it('answers every bad parameter with a 400 naming it', async () => {
    const admin = await signIn('admin@example.com');
    const cases: Array<[string, string, string]> = [
      ['overview', 'to=2026-01-31', 'from'],
      ['overview', 'from=2026-01-01', 'to'],
      ['overview', 'from=2026-02-30&to=2026-03-01', 'from'],
      ['overview', 'from=yesterday&to=2026-03-01', 'from'],
      ['overview', 'from=2026-01-01&to=2026-13-01', 'to'],
      ['overview', 'from=2026-02-01&to=2026-01-01', 'to'],
      ['overview', 'from=2025-01-01&to=2026-01-31', 'to'],
      ['overview', `${q}&timeZone=Mars/Olympus`, 'timeZone'],
      ['overview', `${q}&queue=nope`, 'queue'],
      ['overview', `${q}&site=nope`, 'site'],
      ['overview', `${q}&agent=nope`, 'agent'],
      ['overview', `${q}&language=${encodeURIComponent('not a language')}`, 'language'],
      ['over-time', 'from=2026-01-01&to=2027-01-03', 'to'],
      ['breakdown', q, 'by'],
      ['breakdown', `${q}&by=colour`, 'by'],
      ['export', q, 'table'],
      ['export', `${q}&table=everything`, 'table'],
      ['export', `${q}&table=breakdown&by=colour`, 'by'],
    ];
    for (const [path, query, field] of cases) {
      const res = await call(`/api/admin/reports/${path}?${query}`, { cookie: admin });
      expect(res.status, `${path}?${query}`).toBe(400);
      expect(await errorOf(res), `${path}?${query}`).toMatchObject({ code: 'invalid_request', field });
    }
    // A year and a day is the longest range.
    expect((await call('/api/admin/reports/overview?from=2025-01-31&to=2026-01-31', { cookie: admin })).status).toBe(200);
  });
});
