/** Contacts (screen pop), predefined messages, cards and live visitor invitations. */
import { env, SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { DEMO_SITE } from '../demo/demo-data';
import { readCard } from '../cards/open-graph';
import { call, errorOf, newVisitor, ORIGIN, Probe, signIn } from './helpers';
import { aliceHasChat, carolOfBilling, get, post } from './workspace-fixtures';

const accountSurvey = JSON.stringify([{ name: 'customer_no', label: 'Customer number', kind: 'account', required: false }]);

describe('contact screen pop', () => {
  it('opens the contact whose account number the visitor gave in the survey', async () => {
    const { alice, id } = await aliceHasChat();
    await env.DB.batch([
      env.DB.prepare('UPDATE sites SET survey = ? WHERE id = ?').bind(accountSurvey, DEMO_SITE.id),
      env.DB.prepare('UPDATE conversations SET answers = ? WHERE id = ?').bind(JSON.stringify({ customer_no: 'C-42' }), id),
      env.DB.prepare("INSERT INTO contacts (id, site_id, name, email, account_number, created_at) VALUES ('c1', ?, 'Kim Lee', 'kim@example.com', 'C-42', 0)").bind(DEMO_SITE.id),
      env.DB.prepare("INSERT INTO contacts (id, site_id, name, account_number, created_at) VALUES ('c2', ?, 'Someone Else', 'C-43', 0)").bind(DEMO_SITE.id),
    ]);
    const res = await get(alice.cookie, `/api/console/chats/${id}/contact`);
    expect(await res.json()).toMatchObject({ matchedBy: 'account', match: { contact: { id: 'c1', name: 'Kim Lee' }, notes: [], cases: [] } });
  });

  it('falls back to the email, then offers a draft filled from the chat', async () => {
    const { alice, id } = await aliceHasChat();
    await env.DB.prepare("UPDATE conversations SET email = 'kim@example.com', answers = ? WHERE id = ?").bind(JSON.stringify({ account: 'N-1' }), id).run();
    const draft = (await (await get(alice.cookie, `/api/console/chats/${id}/contact`)).json()) as any;
    expect(draft).toEqual({ match: null, draft: { name: '', email: 'kim@example.com', accountNumber: 'N-1' } });

    await env.DB.prepare("INSERT INTO contacts (id, site_id, name, email, created_at) VALUES ('c1', ?, 'Kim Lee', 'kim@example.com', 0)").bind(DEMO_SITE.id).run();
    expect(await (await get(alice.cookie, `/api/console/chats/${id}/contact`)).json()).toMatchObject({ matchedBy: 'email', match: { contact: { id: 'c1' } } });
  });

  it('creates a contact from the chat, links it, and keeps notes and cases', async () => {
    const { alice, id } = await aliceHasChat();
    const created = await post(alice.cookie, '/api/console/contacts', { conversationId: id, name: 'Kim Lee', email: 'Kim@Example.com', accountNumber: 'C-7' });
    expect(created.status).toBe(201);
    const record = (await created.json()) as any;
    expect(record.contact).toMatchObject({ name: 'Kim Lee', email: 'kim@example.com', accountNumber: 'C-7', siteId: DEMO_SITE.id });
    expect(await (await get(alice.cookie, `/api/console/chats/${id}/contact`)).json()).toMatchObject({ match: { contact: { id: record.contact.id } } });

    const noted = (await (await post(alice.cookie, `/api/console/contacts/${record.contact.id}/notes`, { text: 'Prefers email' })).json()) as any;
    expect(noted.notes).toEqual([expect.objectContaining({ text: 'Prefers email', agentName: 'Alice' })]);
    const withCase = (await (await post(alice.cookie, `/api/console/contacts/${record.contact.id}/cases`, { title: 'Broken teapot' })).json()) as any;
    expect(withCase.cases).toEqual([expect.objectContaining({ title: 'Broken teapot', status: 'open' })]);

    const twice = await post(alice.cookie, '/api/console/contacts', { conversationId: id, name: 'Other', accountNumber: 'C-7' });
    expect(twice.status).toBe(409);
    expect(await errorOf(twice)).toEqual({ code: 'invalid_request', message: 'accountNumber: another contact has this account number', field: 'accountNumber' });
  });

  it('refuses bad contact input, unknown contacts and chats of other queues', async () => {
    const { alice, id } = await aliceHasChat();
    expect(await errorOf(await post(alice.cookie, '/api/console/contacts', { conversationId: id, name: ' ' }))).toMatchObject({ field: 'name', message: 'name: must not be empty' });
    expect(await errorOf(await post(alice.cookie, '/api/console/contacts', { conversationId: id, name: 'Kim', email: 'kim' }))).toMatchObject({ field: 'email' });
    expect(await errorOf(await post(alice.cookie, '/api/console/contacts', { name: 'Kim' }))).toMatchObject({ field: 'conversationId' });
    expect((await post(await carolOfBilling(), '/api/console/contacts', { conversationId: id, name: 'Kim' })).status).toBe(403);
    expect(await errorOf(await get(alice.cookie, '/api/console/contacts/nope'))).toEqual({ code: 'not_found', message: 'No such contact' });
    expect((await post(alice.cookie, '/api/console/contacts/nope/notes', { text: 'x' })).status).toBe(404);
    const created = (await (await post(alice.cookie, '/api/console/contacts', { conversationId: id, name: 'Kim' })).json()) as any;
    expect(await errorOf(await post(alice.cookie, `/api/console/contacts/${created.contact.id}/cases`, { title: '' }))).toMatchObject({ field: 'title' });
  });
});

describe('predefined messages', () => {
  it("lists the shared ones and those of the agent's queues, by title", async () => {
    // The demo has two shared ones, "Greeting" and "Shipping times".
    const carol = await carolOfBilling();
    await env.DB.batch([
      env.DB.prepare("INSERT INTO predefined_messages (id, queue_id, title, text, created_by, created_at) VALUES ('p2', 'general', 'Opening hours', 'We answer 9 to 17.', 'agent-admin', 0)"),
      env.DB.prepare("INSERT INTO predefined_messages (id, queue_id, title, text, created_by, created_at) VALUES ('p3', 'billing', 'Refunds', 'Refunds take 5 days.', 'agent-admin', 0)"),
    ]);
    const alice = (await (await get(await signIn('alice@example.com'), '/api/console/predefined')).json()) as any;
    expect(alice.predefined).toEqual([
      { id: 'demo-greeting', title: 'Greeting', text: 'Hi! Thanks for reaching out. How can I help you today?', queueId: null },
      { id: 'p2', title: 'Opening hours', text: 'We answer 9 to 17.', queueId: 'general' },
      expect.objectContaining({ title: 'Shipping times', queueId: null }),
    ]);
    const ofCarol = (await (await get(carol, '/api/console/predefined')).json()) as any;
    expect(ofCarol.predefined.map((p: any) => p.title)).toEqual(['Greeting', 'Refunds', 'Shipping times']);
    const admin = (await (await get(await signIn('admin@example.com'), '/api/console/predefined')).json()) as any;
    expect(admin.predefined.map((p: any) => p.title)).toEqual(['Greeting', 'Opening hours', 'Refunds', 'Shipping times']);
    expect((await call('/api/console/predefined')).status).toBe(401);
  });
});

describe('link cards', () => {
  it('reads title, image and price from Open Graph and product tags', async () => {
    const html = `<html><head><title>Fallback</title>
      <meta property="og:title" content="Blue teapot">
      <meta property="og:image" content="/img/teapot.png">
      <meta property="product:price:amount" content="39.00">
      <meta property="product:price:currency" content="EUR">
      <meta property="og:description" content="Holds a litre.">
      </head><body></body></html>`;
    expect(await readCard(html, 'https://shop.example/teapot')).toEqual({
      url: 'https://shop.example/teapot',
      title: 'Blue teapot',
      image: 'https://shop.example/img/teapot.png',
      price: '39.00 EUR',
      description: 'Holds a litre.',
    });
    // No Open Graph: the page title; a javascript: image is dropped.
    expect(await readCard('<title> Plain page </title><meta property="og:image" content="javascript:alert(1)">', 'https://a.example/')).toEqual({ url: 'https://a.example/', title: 'Plain page' });
  });

  it('refuses non-web URLs and private or loopback hosts, naming the field', async () => {
    const cookie = await signIn('alice@example.com');
    const cases: Array<[string, string]> = [
      ['', 'url: must be a URL'],
      ['not a url', 'url: must be a URL'],
      ['ftp://shop.example/file', 'url: must be an http or https URL'],
      ['http://127.0.0.1:8080/admin', 'url: points to a private or local address'],
      ['http://localhost/', 'url: points to a private or local address'],
      ['http://10.1.2.3/', 'url: points to a private or local address'],
      ['http://192.168.0.1/', 'url: points to a private or local address'],
      ['http://169.254.169.254/latest/meta-data', 'url: points to a private or local address'],
      ['http://[::1]/', 'url: points to a private or local address'],
      ['http://localhost./', 'url: points to a private or local address'],
      ['http://[::ffff:127.0.0.1]/', 'url: points to a private or local address'],
      ['http://[::7f00:1]/', 'url: points to a private or local address'],
      ['http://[64:ff9b::a00:1]/', 'url: points to a private or local address'],
    ];
    for (const [url, message] of cases) {
      const res = await get(cookie, `/api/console/cards?url=${encodeURIComponent(url)}`);
      expect(res.status, url).toBe(400);
      expect(await errorOf(res), url).toEqual({ code: 'invalid_request', message, field: 'url' });
    }
    expect((await call('/api/console/cards?url=https://shop.example/')).status).toBe(401);
  });
});

describe('inviting a browsing visitor', () => {
  it("shows the agent's invitation in the visitor's widget", async () => {
    const { token, visitorId } = await newVisitor();
    const res = await SELF.fetch(new URL(`/ws/visitor/site?token=${token}`, ORIGIN), { headers: { Upgrade: 'websocket', Origin: ORIGIN } });
    const widget = new Probe(res.webSocket!);
    await widget.waitFor((f) => f.type === 'settings');
    const cookie = await signIn('alice@example.com');
    expect(await (await get(cookie, '/api/console/sites')).json()).toEqual({ sites: [{ id: DEMO_SITE.id, name: 'Demo shop' }] });
    const sent = await post(cookie, `/api/console/sites/${DEMO_SITE.id}/visitors/${visitorId}/invite`, { message: 'Can I help you find a teapot?' });
    expect(sent.status).toBe(204);
    expect(await widget.waitFor((f) => f.type === 'invite')).toEqual({ type: 'invite', agentName: 'Alice', message: 'Can I help you find a teapot?' });

    expect(await errorOf(await post(cookie, `/api/console/sites/${DEMO_SITE.id}/visitors/${visitorId}/invite`, { message: '' }))).toMatchObject({ field: 'message' });
    expect(await errorOf(await post(cookie, `/api/console/sites/${DEMO_SITE.id}/visitors/gone/invite`, { message: 'Hi' }))).toEqual({
      code: 'not_found',
      message: 'That visitor is no longer on the site',
    });
    expect((await post(cookie, `/api/console/sites/nowhere/visitors/${visitorId}/invite`, { message: 'Hi' })).status).toBe(404);
  });
});
