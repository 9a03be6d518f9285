/** The public API: conversations, contacts, tickets and visitors, and every kind of bad request. */
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import type { Ticket } from '../../protocol/api';
import type { ChatMessage } from '../../protocol/chat';
import type { ApiConversation, ApiConversationWithMessages, Page } from '../../protocol/public-api';
import type { Contact, ContactRecord, Label } from '../../protocol/workspace';
import { ADMIN, send } from './admin-helpers';
import { api, apiToken } from './api-helpers';
import { call, errorOf, signIn, systemLine, visitorWrites } from './helpers';
import { aliceHasChat, inD1 } from './workspace-fixtures';

const body = async <T>(res: Response, status = 200): Promise<T> => {
  expect(res.status, await res.clone().text()).toBe(status);
  return res.json() as Promise<T>;
};

describe('conversations', () => {
  it('are listed a page at a time, oldest change first, with filters; bad cursors and filters are refused', async () => {
    const { token } = await apiToken();
    const chats = [];
    for (const text of ['one', 'two', 'three']) chats.push(await visitorWrites(text));
    await Promise.all(chats.map((c) => inD1(c.id, 1)));

    const first = await body<Page<ApiConversation>>(await api('GET', '/api/v1/conversations?limit=2', token));
    expect(first.data.map((c) => c.id)).toEqual(chats.slice(0, 2).map((c) => c.id));
    expect(first.next).toMatch(/^\d+\.[\w-]+$/);
    const second = await body<Page<ApiConversation>>(await api('GET', `/api/v1/conversations?limit=2&cursor=${first.next}`, token));
    expect(second.data.map((c) => c.id)).toEqual([chats[2]!.id]);
    expect(second.next).toBeNull();

    const waiting = await body<Page<ApiConversation>>(await api('GET', '/api/v1/conversations?status=waiting&queue=general', token));
    expect(waiting.data).toHaveLength(3);
    expect((await body<Page<ApiConversation>>(await api('GET', '/api/v1/conversations?status=ended', token))).data).toEqual([]);
    expect((await body<Page<ApiConversation>>(await api('GET', '/api/v1/conversations?queue=billing', token))).data).toEqual([]);
    const later = await body<Page<ApiConversation>>(await api('GET', `/api/v1/conversations?updatedSince=${Date.now() + 60_000}`, token));
    expect(later.data).toEqual([]);

    for (const [query, field] of [
      ['cursor=abc', 'cursor'],
      ['cursor=1.%27%20OR%201', 'cursor'],
      ['status=closed', 'status'],
      ['limit=0', 'limit'],
      ['limit=101', 'limit'],
      ['limit=ten', 'limit'],
      ['updatedSince=yesterday', 'updatedSince'],
    ]) {
      const res = await api('GET', `/api/v1/conversations?${query}`, token);
      expect(res.status, query).toBe(400);
      expect(await errorOf(res)).toMatchObject({ code: 'invalid_request', field });
    }
  });

  it('filters by label, adds labels, and refuses unknown labels and bodies', async () => {
    const { token } = await apiToken();
    const admin = await signIn(ADMIN);
    const { label } = (await (await send('POST', '/api/admin/labels', admin, { name: 'VIP', color: '#c0392b' })).json()) as { label: Label };
    const chat = await visitorWrites('Hello');
    const other = await visitorWrites('Hi');
    await Promise.all([inD1(chat.id, 1), inD1(other.id, 1)]);
    const added = await body<{ labels: Label[] }>(await api('POST', `/api/v1/conversations/${chat.id}/labels`, token, { labelIds: [label.id] }));
    expect(added.labels.map((l) => l.name)).toEqual(['VIP']);
    const vip = await body<Page<ApiConversation>>(await api('GET', `/api/v1/conversations?label=${label.id}`, token));
    expect(vip.data.map((c) => c.id)).toEqual([chat.id]);
    expect(vip.data[0]!.labels).toEqual([label.id]);

    const unknown = await api('POST', `/api/v1/conversations/${chat.id}/labels`, token, { labelIds: ['nope'] });
    expect(unknown.status).toBe(400);
    expect(await errorOf(unknown)).toMatchObject({ field: 'labelIds' });
    expect((await api('POST', `/api/v1/conversations/${chat.id}/labels`, token, { labelIds: [] })).status).toBe(400);
    expect((await errorOf(await api('POST', `/api/v1/conversations/${chat.id}/labels`, token, '{'))).code).toBe('bad_json');
    expect((await api('POST', '/api/v1/conversations/nope/labels', token, { labelIds: [label.id] })).status).toBe(404);
  });

  it('are read with their messages; a post as the site or an agent in the chat reaches the open widget', async () => {
    const { token } = await apiToken();
    const { id, visitor, socket: alice } = await aliceHasChat('Where is my parcel?');
    await inD1(id, 2);
    const read = await body<ApiConversationWithMessages>(await api('GET', `/api/v1/conversations/${id}`, token));
    expect(read.conversation).toMatchObject({ id, status: 'active', agentId: 'agent-alice' });
    expect(read.messages.map((m) => m.text)).toContain('Where is my parcel?');

    const before = visitor.socket.frames.length;
    const asSite = await body<{ message: ChatMessage }>(await api('POST', `/api/v1/conversations/${id}/messages`, token, { text: 'Your parcel left today' }), 201);
    expect(asSite.message.author).toEqual({ role: 'agent', name: 'Demo shop' });
    const seen = await visitor.socket.waitFor((f) => f.type === 'message' && f.message.text === 'Your parcel left today', before);
    expect(seen.message.seq).toBe(asSite.message.seq);
    await alice.waitFor((f) => f.type === 'message' && f.message.text === 'Your parcel left today');

    const asAlice = await body<{ message: ChatMessage }>(await api('POST', `/api/v1/conversations/${id}/messages`, token, { text: 'Tracking: 123', agentId: 'agent-alice' }), 201);
    expect(asAlice.message.author).toEqual({ role: 'agent', id: 'agent-alice', name: 'Alice' });
    const note = await body<{ message: ChatMessage }>(await api('POST', `/api/v1/conversations/${id}/messages`, token, { text: 'CRM: VIP', private: true }), 201);
    expect(note.message.private).toBe(true);
    await alice.waitFor((f) => f.type === 'message' && f.message.text === 'CRM: VIP');
    expect(visitor.socket.frames.some((f) => f.type === 'message' && f.message.text === 'CRM: VIP')).toBe(false);

    const clientId = '01JABCDEFGHJKMNPQRSTVWXYZ0';
    const once = await body<{ message: ChatMessage }>(await api('POST', `/api/v1/conversations/${id}/messages`, token, { text: 'Once', clientId }), 201);
    const again = await body<{ message: ChatMessage }>(await api('POST', `/api/v1/conversations/${id}/messages`, token, { text: 'Once', clientId }), 201);
    expect(again.message.seq).toBe(once.message.seq);

    const notIn = await api('POST', `/api/v1/conversations/${id}/messages`, token, { text: 'Hi', agentId: 'agent-bob' });
    expect(notIn.status).toBe(403);
    expect((await errorOf(notIn)).code).toBe('not_in_chat');
    expect((await api('POST', `/api/v1/conversations/${id}/messages`, token, { text: 'Hi', agentId: 'agent-nobody' })).status).toBe(404);
    for (const [bad, field] of [
      [{ text: '' }, 'text'],
      [{ text: 'x'.repeat(4001) }, 'text'],
      [{}, 'text'],
      [{ text: 'hi', clientId: 'not-a-ulid' }, 'clientId'],
      [{ text: 'hi', private: 'yes' }, 'private'],
    ] as const) {
      const res = await api('POST', `/api/v1/conversations/${id}/messages`, token, bad);
      expect(res.status, JSON.stringify(bad)).toBe(400);
      expect(await errorOf(res)).toMatchObject({ code: 'invalid_request', field });
    }
    expect((await api('POST', '/api/v1/conversations/nope/messages', token, { text: 'hi' })).status).toBe(404);
    expect((await api('GET', '/api/v1/conversations/nope', token)).status).toBe(404);
  });

  it('are ended through their Durable Object: the widget sees it, and no more posts are taken', async () => {
    const { token } = await apiToken();
    const { id, visitor } = await aliceHasChat('Thanks, that is all');
    expect((await api('POST', `/api/v1/conversations/${id}/end`, token, { agentId: 'agent-bob' })).status).toBe(403);
    const ended = await body<{ conversation: ApiConversation }>(await api('POST', `/api/v1/conversations/${id}/end`, token, {}));
    expect(ended.conversation.status).toBe('ended');
    await systemLine(visitor.socket, 'Demo shop ended the chat');
    await visitor.socket.waitFor((f) => f.type === 'conversation' && f.conversation.status === 'ended');
    const late = await api('POST', `/api/v1/conversations/${id}/messages`, token, { text: 'One more thing' });
    expect(late.status).toBe(409);
    expect((await errorOf(late)).code).toBe('chat_closed');
    expect((await api('POST', '/api/v1/conversations/nope/end', token, {})).status).toBe(404);
    expect((await api('POST', `/api/v1/conversations/${id}/end`, token, { agentId: 5 })).status).toBe(400);
  });
});

describe('contacts', () => {
  it('are created, found by email, account number and prefix, paged, and changed', async () => {
    const { token } = await apiToken(['contacts:read', 'contacts:write']);
    const ann = await body<ContactRecord>(await api('POST', '/api/v1/contacts', token, { siteId: 'demo-shop', name: 'Ann Lee', email: 'Ann@Example.com', accountNumber: 'A-1' }), 201);
    expect(ann.contact).toMatchObject({ name: 'Ann Lee', email: 'ann@example.com', accountNumber: 'A-1', phone: null });
    await body(await api('POST', '/api/v1/contacts', token, { siteId: 'demo-shop', name: 'Annika Berg', phone: '+47 1234' }), 201);
    await body(await api('POST', '/api/v1/contacts', token, { siteId: 'demo-shop', name: 'Bo Chan', email: 'bo@example.com' }), 201);

    const byEmail = await body<Page<Contact>>(await api('GET', '/api/v1/contacts?email=ANN@example.com', token));
    expect(byEmail.data.map((c) => c.name)).toEqual(['Ann Lee']);
    expect((await body<Page<Contact>>(await api('GET', '/api/v1/contacts?accountNumber=A-1', token))).data.map((c) => c.name)).toEqual(['Ann Lee']);
    expect((await body<Page<Contact>>(await api('GET', '/api/v1/contacts?q=Ann', token))).data.map((c) => c.name)).toEqual(['Ann Lee', 'Annika Berg']);
    expect((await body<Page<Contact>>(await api('GET', '/api/v1/contacts?q=%25', token))).data).toEqual([]);
    const page1 = await body<Page<Contact>>(await api('GET', '/api/v1/contacts?limit=2', token));
    const page2 = await body<Page<Contact>>(await api('GET', `/api/v1/contacts?limit=2&cursor=${page1.next}`, token));
    expect([...page1.data, ...page2.data].map((c) => c.name)).toEqual(['Ann Lee', 'Annika Berg', 'Bo Chan']);
    expect(page2.next).toBeNull();

    const changed = await body<ContactRecord>(await api('PATCH', `/api/v1/contacts/${ann.contact.id}`, token, { phone: '+47 5555', email: null }));
    expect(changed.contact).toMatchObject({ name: 'Ann Lee', phone: '+47 5555', email: null, accountNumber: 'A-1' });
    expect((await body<ContactRecord>(await api('GET', `/api/v1/contacts/${ann.contact.id}`, token))).contact.phone).toBe('+47 5555');
  });

  it('refuse bad bodies, a taken account number, unknown sites and ids', async () => {
    const { token } = await apiToken(['contacts:read', 'contacts:write']);
    const ann = await body<ContactRecord>(await api('POST', '/api/v1/contacts', token, { siteId: 'demo-shop', name: 'Ann', accountNumber: 'A-1' }), 201);
    const taken = await api('POST', '/api/v1/contacts', token, { siteId: 'demo-shop', name: 'Other', accountNumber: 'A-1' });
    expect(taken.status).toBe(409);
    expect(await errorOf(taken)).toMatchObject({ field: 'accountNumber' });
    const bo = await body<ContactRecord>(await api('POST', '/api/v1/contacts', token, { siteId: 'demo-shop', name: 'Bo' }), 201);
    expect((await api('PATCH', `/api/v1/contacts/${bo.contact.id}`, token, { accountNumber: 'A-1' })).status).toBe(409);
    expect((await api('PATCH', `/api/v1/contacts/${ann.contact.id}`, token, { accountNumber: 'A-1' })).status).toBe(200);
    for (const [bad, field] of [
      [{ siteId: 'demo-shop' }, 'name'],
      [{ siteId: 'demo-shop', name: 'X', email: 'not-mail' }, 'email'],
      [{ name: 'X' }, 'siteId'],
    ] as const) {
      const res = await api('POST', '/api/v1/contacts', token, bad);
      expect(res.status, JSON.stringify(bad)).toBe(400);
      expect(await errorOf(res)).toMatchObject({ field });
    }
    expect((await api('POST', '/api/v1/contacts', token, { siteId: 'nope', name: 'X' })).status).toBe(404);
    expect((await api('PATCH', '/api/v1/contacts/nope', token, { name: 'X' })).status).toBe(404);
    expect((await api('PATCH', `/api/v1/contacts/${ann.contact.id}`, token, { name: '' })).status).toBe(400);
    expect((await api('GET', '/api/v1/contacts/nope', token)).status).toBe(404);
    expect((await api('GET', '/api/v1/contacts?cursor=zzz', token)).status).toBe(400);
    expect((await api('GET', '/api/v1/contacts?email=nope', token)).status).toBe(400);
  });
});

describe('tickets', () => {
  it('are created, listed, read, answered by mail and given a status', async () => {
    const { token } = await apiToken(['tickets:read', 'tickets:write']);
    const made = await body<{ ticket: Ticket }>(await api('POST', '/api/v1/tickets', token, { siteId: 'demo-shop', name: 'Ann', email: 'ann@example.com', message: 'My teapot cracked' }), 201);
    expect(made.ticket).toMatchObject({ queueId: 'general', status: 'open', name: 'Ann' });
    const listed = await body<{ tickets: Ticket[]; next: string | null }>(await api('GET', '/api/v1/tickets', token));
    expect(listed.tickets.map((t) => t.id)).toEqual([made.ticket.id]);
    expect((await body<{ ticket: Ticket }>(await api('GET', `/api/v1/tickets/${made.ticket.id}`, token))).ticket.message).toBe('My teapot cracked');
    const answered = await body<{ ticket: Ticket; mail: { to: string } }>(await api('POST', `/api/v1/tickets/${made.ticket.id}/replies`, token, { text: 'A new one is on its way', agentId: 'agent-alice' }), 201);
    expect(answered).toMatchObject({ ticket: { status: 'pending' }, mail: { to: 'ann@example.com' } });
    const mail = await env.DB.prepare('SELECT text FROM mails ORDER BY created_at DESC LIMIT 1').first<{ text: string }>();
    expect(mail!.text).toContain('Alice, Demo shop');
    const solved = await body<{ ticket: Ticket }>(await api('PUT', `/api/v1/tickets/${made.ticket.id}/status`, token, { status: 'solved' }));
    expect(solved.ticket.status).toBe('solved');
  });

  it('refuse bad bodies, foreign queues and unknown ids', async () => {
    const { token } = await apiToken(['tickets:read', 'tickets:write']);
    for (const [bad, field] of [
      [{ siteId: 'demo-shop', name: 'Ann', email: 'nope', message: 'x' }, 'email'],
      [{ siteId: 'demo-shop', name: 'Ann', email: 'a@example.com', message: '' }, 'message'],
      [{ name: 'Ann', email: 'a@example.com', message: 'x' }, 'siteId'],
    ] as const) {
      const res = await api('POST', '/api/v1/tickets', token, bad);
      expect(res.status).toBe(400);
      expect(await errorOf(res)).toMatchObject({ field });
    }
    expect((await api('POST', '/api/v1/tickets', token, { siteId: 'nope', name: 'Ann', email: 'a@example.com', message: 'x' })).status).toBe(404);
    expect((await api('POST', '/api/v1/tickets', token, { siteId: 'demo-shop', queueId: 'nope', name: 'Ann', email: 'a@example.com', message: 'x' })).status).toBe(404);
    expect((await api('GET', '/api/v1/tickets/nope', token)).status).toBe(404);
    expect((await api('PUT', '/api/v1/tickets/nope/status', token, { status: 'solved' })).status).toBe(404);
    expect((await api('POST', '/api/v1/tickets/nope/replies', token, { text: 'hi' })).status).toBe(404);
    const made = await body<{ ticket: Ticket }>(await api('POST', '/api/v1/tickets', token, { siteId: 'demo-shop', name: 'Ann', email: 'a@example.com', message: 'x' }), 201);
    const status = await api('PUT', `/api/v1/tickets/${made.ticket.id}/status`, token, { status: 'closed' });
    expect(status.status).toBe(400);
    expect(await errorOf(status)).toMatchObject({ field: 'status' });
    expect((await api('GET', '/api/v1/tickets?cursor=1', token)).status).toBe(400);
  });
});

describe('visitors', () => {
  it('are read with their conversations, for tokens with visitors:export only', async () => {
    const chat = await visitorWrites('Hello');
    const visitorId = (await env.DB.prepare('SELECT visitor_id FROM conversations WHERE id = ?').bind(chat.id).first<{ visitor_id: string }>())!.visitor_id;
    await env.DB.prepare("INSERT OR IGNORE INTO visitors (id, site_id, name, email, first_seen, last_seen) VALUES (?, 'demo-shop', 'Ann', 'ann@example.com', 1, 1)").bind(visitorId).run();
    const { token: reader } = await apiToken(['conversations:read']);
    expect((await api('GET', `/api/v1/visitors/${visitorId}`, reader)).status).toBe(403);
    const { token } = await apiToken(['visitors:export']);
    const { visitor } = await body<{ visitor: { name: string; conversations: Array<{ id: string }> } }>(await api('GET', `/api/v1/visitors/${visitorId}`, token));
    expect(visitor.conversations.map((c) => c.id)).toEqual([chat.id]);
    expect((await api('GET', '/api/v1/visitors/nope', token)).status).toBe(404);
  });
});

describe('reports', () => {
  it('are the Reports page’s figures, for tokens with reports:read, with the same checks', async () => {
    await aliceHasChat('Where is my parcel?');
    const day = new Date().toISOString().slice(0, 10);
    const { token } = await apiToken(['reports:read']);
    const range = `from=${day}&to=${day}&timeZone=UTC`;
    await expect
      .poll(async () => ((await (await api('GET', `/api/v1/reports/overview?${range}`, token)).json()) as { current: { conversations: number } }).current.conversations)
      .toBe(1);
    const admin = await signIn(ADMIN);
    const page = await (await call(`/api/admin/reports/breakdown?${range}&by=agent`, { cookie: admin })).json();
    const breakdown = await body(await api('GET', `/api/v1/reports/breakdown?${range}&by=agent`, token));
    expect(breakdown).toEqual(page);
    const series = await body<{ step: string; points: Array<{ conversations: number }>; heatmap: number[][] }>(await api('GET', `/api/v1/reports/over-time?${range}`, token));
    expect(series.step).toBe('hour');
    expect(series.points.reduce((n, p) => n + p.conversations, 0)).toBe(1);
    expect(series.heatmap.flat().reduce((n, c) => n + c, 0)).toBe(1);

    const { token: reader } = await apiToken(['conversations:read']);
    const refused = await api('GET', `/api/v1/reports/overview?${range}`, reader);
    expect(refused.status).toBe(403);
    expect((await errorOf(refused)).code).toBe('insufficient_scope');
    for (const [query, field] of [
      [`from=${day}`, 'to'],
      [`from=2026-13-01&to=${day}`, 'from'],
      [`${range}&by=colour`, 'by'],
    ] as const) {
      const res = await api('GET', `/api/v1/reports/${field === 'by' ? 'breakdown' : 'overview'}?${query}`, token);
      expect(res.status).toBe(400);
      expect((await errorOf(res)).field).toBe(field);
    }
  });
});
