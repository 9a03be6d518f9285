/**
 * Webhooks, through the real local Queue: signed the Standard Webhooks way (checked with its own
 * verifier), fed from a chat's outbox and from tickets, contacts and ratings, retried, dead-lettered,
 * sent again, and turned off after failing for days.
 */
import { env } from 'cloudflare:test';
import { Webhook as Verifier } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import type { NewWebhook, Webhook, WebhookDelivery, WebhookPayload } from '../../protocol/public-api';
import { backoffSeconds } from '../webhooks/delivery';
import { ADMIN, AGENT, auditActions, send } from './admin-helpers';
import { api, apiToken } from './api-helpers';
import { call, errorOf, json, signIn, visitorWrites } from './helpers';
import { aliceHasChat, agentSays } from './workspace-fixtures';
import { fastForward } from './deadlines';
import { receive, rfc5322 } from './mail-helpers';
import { conversationStub } from '../env';
import { replyAddress } from '../mail/reply-address';

interface Received {
  headers: Record<string, string>;
  body: string;
  answered: number;
}

let receivers = 0;
/** A fresh receiver at https://hooks.test/…, answering its first deliveries with `statuses`. */
async function receiver(statuses: number[] = []) {
  const url = `https://hooks.test/r${++receivers}-${Date.now()}`;
  await fetch(url, { method: 'PUT', body: json({ statuses }) });
  return {
    url,
    received: async () => (await (await fetch(url)).json()) as Received[],
  };
}

async function endpoint(url: string, events: string[]): Promise<NewWebhook> {
  const res = await send('POST', '/api/admin/webhooks', await signIn(ADMIN), { url, events });
  expect(res.status, await res.clone().text()).toBe(201);
  return res.json();
}

/** Waits (polling what is real: the receiver, D1) until `check` holds. */
async function until<T>(read: () => Promise<T>, check: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (check(value)) return value;
    if (Date.now() > deadline) throw new Error(`never happened; last: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const deliveries = async (webhookId: string) =>
  ((await (await send('GET', `/api/admin/webhooks/${webhookId}/deliveries`, await signIn(ADMIN))).json()) as { deliveries: WebhookDelivery[] }).deliveries;

const payloads = (got: Received[]) => got.map((r) => JSON.parse(r.body) as WebhookPayload);

describe('webhooks', () => {
  it('send a signed message.created for each public message of a chat, and conversation.started/ended', async () => {
    const hook = await receiver();
    const { webhook, secret } = await endpoint(hook.url, ['message.created', 'conversation.started', 'conversation.ended']);
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/=]{32}$/);
    expect(JSON.stringify((await (await send('GET', '/api/admin/webhooks', await signIn(ADMIN))).json()) as object)).not.toContain(secret);

    const { id, socket } = await aliceHasChat('Hello, is my order on its way?');
    await agentSays(socket, 'It is, it left today');
    await agentSays(socket, 'Note: VIP customer', { private: true });
    expect((await call(`/api/console/chats/${id}/end`, { method: 'POST', cookie: (await signIn(AGENT)) })).status).toBe(200);

    const got = await until(hook.received, (r) => payloads(r).some((p) => p.type === 'conversation.ended'));
    const verifier = new Verifier(secret);
    for (const r of got) {
      // The verifier throws on a bad signature, a stale timestamp or a missing header.
      expect(verifier.verify(r.body, r.headers)).toEqual(JSON.parse(r.body));
      expect(r.headers['content-type']).toBe('application/json');
    }
    const events = payloads(got);
    expect(events.filter((p) => p.type === 'message.created').map((p) => (p.data as any).message.text).sort()).toEqual(['Hello, is my order on its way?', 'It is, it left today']);
    expect(events.find((p) => p.type === 'conversation.started')!.data).toMatchObject({ conversationId: id, firstMessage: 'Hello, is my order on its way?' });
    expect(events.find((p) => p.type === 'conversation.ended')!.data).toMatchObject({ conversationId: id, status: 'ended' });
    expect(JSON.stringify(events)).not.toContain('VIP customer');
    // One id per event, kept across attempts: receivers de-duplicate by it.
    expect(new Set(got.map((r) => r.headers['webhook-id'])).size).toBe(got.length);

    const log = await deliveries(webhook.id);
    expect(log.every((d) => d.status === 'delivered' && d.attempts === 1 && d.lastStatus === 200)).toBe(true);
    expect(log).toHaveLength(got.length);
  });

  it('a tampered body or another secret fails verification', async () => {
    const hook = await receiver();
    const { secret } = await endpoint(hook.url, ['ticket.created']);
    const { token } = await apiToken(['tickets:write']);
    expect((await api('POST', '/api/v1/tickets', token, { siteId: 'demo-shop', name: 'Ann', email: 'ann@example.com', message: 'Cracked teapot' })).status).toBe(201);
    const [got] = await until(hook.received, (r) => r.length === 1);
    expect(() => new Verifier(secret).verify(got!.body.replace('Cracked', 'Broken'), got!.headers)).toThrow();
    expect(() => new Verifier('whsec_' + btoa('another secret of 24 b!')).verify(got!.body, got!.headers)).toThrow();
    expect(payloads([got!])[0]).toMatchObject({ type: 'ticket.created', data: { ticket: { name: 'Ann', message: 'Cracked teapot' } } });
  });

  it('are fed by tickets, contacts and ratings, each endpoint only with the events it chose', async () => {
    const all = await receiver();
    const onlyContacts = await receiver();
    await endpoint(all.url, ['ticket.created', 'ticket.updated', 'contact.updated', 'rating.created']);
    await endpoint(onlyContacts.url, ['contact.updated']);
    const { token } = await apiToken();
    const ticket = (await (await api('POST', '/api/v1/tickets', token, { siteId: 'demo-shop', name: 'Ann', email: 'ann@example.com', message: 'Hi' })).json()) as { ticket: { id: string } };
    await api('PUT', `/api/v1/tickets/${ticket.ticket.id}/status`, token, { status: 'solved' });
    const contact = (await (await api('POST', '/api/v1/contacts', token, { siteId: 'demo-shop', name: 'Ann' })).json()) as { contact: { id: string } };
    await api('PATCH', `/api/v1/contacts/${contact.contact.id}`, token, { phone: '+47 1' });

    const chat = await visitorWrites('Thanks!');
    expect((await call('/api/visitor/conversation/end', { method: 'POST', token: chat.token })).status).toBe(200);
    const rated = await call(`/api/visitor/conversations/${chat.id}/rating`, { method: 'POST', token: chat.token, body: json({ rating: 5, comment: 'Great' }) });
    expect(rated.status).toBe(200);

    // The contact is told of twice: made, then changed.
    const expected = ['ticket.created', 'ticket.updated', 'contact.updated', 'contact.updated', 'rating.created'];
    const got = await until(all.received, (r) => r.length >= expected.length);
    expect(payloads(got).map((p) => p.type).sort()).toEqual(expected.sort());
    const contacts = payloads(await until(onlyContacts.received, (r) => r.length >= 2));
    expect(contacts.map((p) => p.type)).toEqual(['contact.updated', 'contact.updated']);
    expect(contacts.map((p) => (p.data as { contact: { phone: string | null } }).contact.phone).sort()).toEqual(['+47 1', null].sort());
  });

  it('hear of the ticket a missed chat becomes, of labels put on a ticket, and of a customer’s reply by mail', async () => {
    const hook = await receiver();
    await endpoint(hook.url, ['ticket.created', 'ticket.updated']);
    // Nobody takes the chat in time: the chat's outbox files it as a ticket.
    const chat = await visitorWrites('Is anyone there?');
    await fastForward(conversationStub(env, chat.id), 'missed');
    const [created] = payloads(await until(hook.received, (r) => r.length >= 1));
    expect(created).toMatchObject({ type: 'ticket.created', data: { ticket: { name: expect.any(String), message: expect.stringContaining('Is anyone there?') } } });
    const ticketId = (created!.data as { ticket: { id: string } }).ticket.id;

    const admin = await signIn(ADMIN);
    const label = (await (await send('POST', '/api/admin/labels', admin, { name: 'Urgent', color: '#b42318' })).json()) as { label: { id: string } };
    expect((await send('PUT', `/api/console/tickets/${ticketId}/labels`, admin, { labelIds: [label.label.id] })).status).toBe(200);
    const address = await replyAddress(env, { kind: 'ticket', id: ticketId });
    await receive(rfc5322({ to: address, body: 'Still waiting for an answer.' }), { to: address });
    const got = payloads(await until(hook.received, (r) => r.length >= 3));
    expect(got.map((p) => p.type)).toEqual(['ticket.created', 'ticket.updated', 'ticket.updated']);
    expect((got[1]!.data as { ticket: { labels: string[] } }).ticket.labels).toEqual([label.label.id]);
    expect((got[2]!.data as { ticket: { status: string; thread: Array<{ text: string }> } }).ticket).toMatchObject({ status: 'open', thread: [{ text: 'Still waiting for an answer.' }] });
  });

  it('hear of contacts made and noted in the console too', async () => {
    const hook = await receiver();
    await endpoint(hook.url, ['contact.updated']);
    const { alice, id } = await aliceHasChat();
    const made = await call('/api/console/contacts', { method: 'POST', cookie: alice.cookie, body: json({ conversationId: id, name: 'Nora Berg', accountNumber: 'A-7' }) });
    expect(made.status).toBe(201);
    const { contact } = (await made.json()) as { contact: { id: string } };
    expect((await call(`/api/console/contacts/${contact.id}/notes`, { method: 'POST', cookie: alice.cookie, body: json({ text: 'Prefers mail' }) })).status).toBe(201);
    const got = payloads(await until(hook.received, (r) => r.length >= 2));
    expect(got.map((p) => [p.type, (p.data as { contact: { id: string; accountNumber: string } }).contact.accountNumber])).toEqual([
      ['contact.updated', 'A-7'],
      ['contact.updated', 'A-7'],
    ]);
  });

  it('retry a refused delivery with the same id, and log each attempt', async () => {
    const hook = await receiver([500, 503]);
    const { webhook, secret } = await endpoint(hook.url, ['ticket.created']);
    const { token } = await apiToken(['tickets:write']);
    await api('POST', '/api/v1/tickets', token, { siteId: 'demo-shop', name: 'Ann', email: 'ann@example.com', message: 'Hi' });
    const got = await until(hook.received, (r) => r.length === 3);
    expect(got.map((r) => r.answered)).toEqual([500, 503, 200]);
    expect(new Set(got.map((r) => r.headers['webhook-id'])).size).toBe(1);
    for (const r of got) expect(new Verifier(secret).verify(r.body, r.headers)).toBeTruthy();
    const [delivery] = await until(() => deliveries(webhook.id), (d) => d[0]?.status === 'delivered');
    expect(delivery).toMatchObject({ attempts: 3, lastStatus: 200, lastError: null, event: 'ticket.created' });
  });

  it('back off exponentially between attempts, up to six hours', () => {
    expect([1, 2, 3, 4, 5].map((n) => backoffSeconds(n))).toEqual([10, 20, 40, 80, 160]);
    expect(backoffSeconds(30)).toBe(6 * 60 * 60);
  });

  it('dead-letter a delivery whose retries run out; "send again" delivers it once the receiver works', async () => {
    const hook = await receiver(Array(11).fill(500));
    const { webhook } = await endpoint(hook.url, ['ticket.created']);
    const { token } = await apiToken(['tickets:write']);
    await api('POST', '/api/v1/tickets', token, { siteId: 'demo-shop', name: 'Ann', email: 'ann@example.com', message: 'Hi' });
    // max_retries = 10 (wrangler.toml): the first attempt and ten more, then the dead-letter queue.
    const [failed] = await until(() => deliveries(webhook.id), (d) => d[0]?.status === 'failed', 60_000);
    expect(failed).toMatchObject({ attempts: 11, lastStatus: 500, lastError: 'receiver refused' });
    expect((await hook.received()).length).toBe(11);

    const admin = await signIn(ADMIN);
    const again = await send('POST', `/api/admin/webhooks/${webhook.id}/deliveries/${failed!.id}/redeliver`, admin);
    expect(again.status).toBe(200);
    const [delivered] = await until(() => deliveries(webhook.id), (d) => d[0]?.status === 'delivered');
    expect(delivered).toMatchObject({ attempts: 12, lastStatus: 200 });
    const got = await hook.received();
    expect(got.at(-1)!.headers['webhook-id']).toBe(got[0]!.headers['webhook-id']);
    expect((await send('POST', `/api/admin/webhooks/${webhook.id}/deliveries/nope/redeliver`, admin)).status).toBe(404);
    expect((await send('POST', `/api/admin/webhooks/nope/deliveries/${failed!.id}/redeliver`, admin)).status).toBe(404);
  }, 90_000);

  it('turn an endpoint off after it has failed for days, and tell the admins', async () => {
    const hook = await receiver(Array(5).fill(500));
    const { webhook } = await endpoint(hook.url, ['ticket.created']);
    await env.DB.prepare('UPDATE webhooks SET failing_since = ? WHERE id = ?').bind(Date.now() - 4 * 24 * 60 * 60 * 1000, webhook.id).run();
    const { token } = await apiToken(['tickets:write']);
    await api('POST', '/api/v1/tickets', token, { siteId: 'demo-shop', name: 'Ann', email: 'ann@example.com', message: 'Hi' });
    const [off] = await until(
      async () => ((await (await send('GET', '/api/admin/webhooks', await signIn(ADMIN))).json()) as { webhooks: Webhook[] }).webhooks.filter((w) => w.id === webhook.id),
      (w) => w[0]?.enabled === false,
    );
    expect(off!.disabledReason).toMatch(/failed for 4 days/);
    expect((await auditActions()).some((a) => a.action === 'webhook.disabled' && a.target === webhook.id)).toBe(true);
    const mail = await env.DB.prepare("SELECT \"to\", subject, text FROM mails WHERE subject = 'A Parley webhook was turned off'").first<{ to: string; text: string }>();
    expect(mail).toMatchObject({ to: 'admin@example.com' });
    expect(mail!.text).toContain(hook.url);
    expect((await deliveries(webhook.id))[0]!.status).toBe('failed');
    expect((await hook.received()).length).toBe(1);

    // Off, it gets nothing; "send again" says to turn it on first; turned on, it works afresh.
    const admin = await signIn(ADMIN);
    const [d] = await deliveries(webhook.id);
    expect((await send('POST', `/api/admin/webhooks/${webhook.id}/deliveries/${d!.id}/redeliver`, admin)).status).toBe(409);
    const on = (await (await send('PATCH', `/api/admin/webhooks/${webhook.id}`, admin, { enabled: true })).json()) as { webhook: Webhook };
    expect(on.webhook).toMatchObject({ enabled: true, disabledReason: null, failingSince: null });
  });

  it('refuse URLs into private networks, plain http in production, bad events and non-admins', async () => {
    const admin = await signIn(ADMIN);
    for (const [url, code] of [
      ['http://hooks.test/x', 'webhook_url_refused'],
      ['https://localhost/x', 'webhook_url_refused'],
      ['https://127.0.0.1/x', 'webhook_url_refused'],
      ['https://intranet.test/x', 'webhook_url_refused'],
      ['https://mixed.test/x', 'webhook_url_refused'],
      ['https://[fd00::5]/x', 'webhook_url_refused'],
      ['https://nowhere.test/x', 'webhook_url_refused'],
      ['not a url', 'invalid_request'],
      ['ftp://hooks.test/x', 'webhook_url_refused'],
    ]) {
      const res = await send('POST', '/api/admin/webhooks', admin, { url, events: ['message.created'] });
      expect(res.status, url).toBe(400);
      expect(await errorOf(res), url).toMatchObject({ code, field: 'url' });
    }
    for (const [body, field] of [
      [{ url: 'https://hooks.test/x', events: [] }, 'events'],
      [{ url: 'https://hooks.test/x', events: ['message.deleted'] }, 'events.0'],
      [{ events: ['message.created'] }, 'url'],
    ] as const) {
      const res = await send('POST', '/api/admin/webhooks', admin, body);
      expect(res.status).toBe(400);
      expect(await errorOf(res)).toMatchObject({ field });
    }
    expect((await send('POST', '/api/admin/webhooks', await signIn(AGENT), { url: 'https://hooks.test/x', events: ['message.created'] })).status).toBe(403);
    expect((await send('PATCH', '/api/admin/webhooks/nope', admin, { enabled: true })).status).toBe(404);
    expect((await send('PATCH', '/api/admin/webhooks/nope', admin, { enabled: 'yes' })).status).toBe(400);
    expect((await send('DELETE', '/api/admin/webhooks/nope', admin)).status).toBe(404);
    expect((await send('GET', '/api/admin/webhooks/nope/deliveries', admin)).status).toBe(404);
    const made = await endpoint('https://hooks.test/ok', ['message.created']);
    expect((await send('GET', `/api/admin/webhooks/${made.webhook.id}/deliveries?before=zzz`, admin)).status).toBe(400);
    expect((await send('DELETE', `/api/admin/webhooks/${made.webhook.id}`, admin)).status).toBe(204);
    expect((await auditActions()).map((a) => a.action)).toEqual(expect.arrayContaining(['webhook.created', 'webhook.deleted']));
  });
});
