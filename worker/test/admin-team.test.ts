/** Predefined messages and bans (admins and supervisors), and the audit log (admins). */
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { ADMIN, AGENT, auditActions, send, supervisorCookie } from './admin-helpers';
import { errorOf, onlineAgent, signIn } from './helpers';

describe('predefined messages', () => {
  it('supervisors create, edit and delete them; every console is told to refetch', async () => {
    const supervisor = await supervisorCookie();
    const { inbox } = await onlineAgent(AGENT);
    const res = await send('POST', '/api/admin/predefined', supervisor, { title: 'Returns', text: 'You can return within 30 days.', queueId: 'general' });
    expect(res.status).toBe(201);
    const { message } = (await res.json()) as { message: { id: string } };
    await inbox.waitFor((f) => f.type === 'refresh' && f.what === 'predefined');

    const edited = await send('PUT', `/api/admin/predefined/${message.id}`, supervisor, { title: 'Returns', text: 'Within 60 days now.', queueId: null });
    expect(await edited.json()).toMatchObject({ message: { text: 'Within 60 days now.', queueId: null } });
    const list = await send('GET', '/api/admin/predefined', await signIn(ADMIN));
    const { messages } = (await list.json()) as { messages: Array<{ id: string }> };
    expect(messages.find((m) => m.id === message.id)).toEqual({ id: message.id, title: 'Returns', text: 'Within 60 days now.', queueId: null });
    expect((await send('DELETE', `/api/admin/predefined/${message.id}`, supervisor)).status).toBe(204);
    expect((await auditActions()).map((a) => [a.agent_id, a.action])).toEqual([
      ['agent-bob', 'predefined.created'],
      ['agent-bob', 'predefined.updated'],
      ['agent-bob', 'predefined.deleted'],
    ]);
  });

  it('refuses agents and bad input', async () => {
    const agent = await signIn(AGENT);
    expect((await send('POST', '/api/admin/predefined', agent, { title: 'T', text: 'x', queueId: null })).status).toBe(403);
    const admin = await signIn(ADMIN);
    for (const [body, field] of [
      [{ title: '', text: 'x', queueId: null }, 'title'],
      [{ title: 'T', text: '', queueId: null }, 'text'],
      [{ title: 'T', text: 'x', queueId: 'nope' }, 'queueId'],
      [{ title: 'T', text: 'x' }, 'queueId'],
    ] as const) {
      const res = await send('POST', '/api/admin/predefined', admin, body);
      expect(res.status).toBe(400);
      expect((await errorOf(res)).field).toBe(field);
    }
    expect((await send('PUT', '/api/admin/predefined/nope', admin, { title: 'T', text: 'x', queueId: null })).status).toBe(404);
  });
});

describe('bans', () => {
  it('are listed and lifted by supervisors, not by agents', async () => {
    await env.DB.prepare("INSERT INTO bans (id, site_id, visitor_id, ip, reason, created_by, created_at) VALUES ('ban1', 'demo-shop', 'v1', '192.0.2.9', 'spam', 'agent-alice', 1)").run();
    expect((await send('GET', '/api/admin/bans', await signIn(AGENT))).status).toBe(403);
    expect((await send('DELETE', '/api/admin/bans/ban1', await signIn(AGENT))).status).toBe(403);
    const supervisor = await supervisorCookie();
    expect(await (await send('GET', '/api/admin/bans', supervisor)).json()).toMatchObject({ bans: [{ id: 'ban1', visitorId: 'v1', reason: 'spam' }] });
    expect((await send('DELETE', '/api/admin/bans/ban1', supervisor)).status).toBe(204);
    expect(await (await send('GET', '/api/admin/bans', supervisor)).json()).toEqual({ bans: [] });
    expect((await send('DELETE', '/api/admin/bans/ban1', supervisor)).status).toBe(404);
    expect(await auditActions()).toEqual([{ agent_id: 'agent-bob', action: 'ban.lifted', target: 'ban1' }]);
  });
});

describe('audit log', () => {
  it('shows who changed what, newest first, to admins only', async () => {
    const admin = await signIn(ADMIN);
    await send('PUT', '/api/admin/sites/demo-shop/retention', admin, { retentionDays: 30 });
    await send('PATCH', '/api/admin/agents/agent-alice', admin, { capacity: 4 });
    const res = await send('GET', '/api/admin/audit', admin);
    const { entries } = (await res.json()) as { entries: Array<{ agentName: string; action: string; target: string; detail: unknown; createdAt: number }> };
    expect(entries.map((e) => [e.agentName, e.action, e.target, e.detail])).toEqual([
      ['Ada Admin', 'agent.updated', 'agent-alice', { capacity: 4 }],
      ['Ada Admin', 'site.retention_changed', 'demo-shop', { retentionDays: 30 }],
    ]);
    const older = await send('GET', `/api/admin/audit?before=${entries[0]!.createdAt}`, admin);
    expect(((await older.json()) as { entries: unknown[] }).entries.length).toBeLessThanOrEqual(1);
    expect((await errorOf(await send('GET', '/api/admin/audit?before=yesterday', admin))).field).toBe('before');
    expect((await send('GET', '/api/admin/audit', await supervisorCookie())).status).toBe(403);
  });
});
