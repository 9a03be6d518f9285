/** What visitors are told before they chat, and the message form when no one can answer. */
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { isWithinHours } from '../site/business-hours';
import { DEMO_SITE } from '../demo/demo-data';
import { accept, call, connect, json, newVisitor, offerFor, onlineAgent, signIn, visitorWrites } from './helpers';

const status = async () => (await (await call(`/api/visitor/sites/${DEMO_SITE.id}/status`)).json()) as Record<string, unknown>;

async function setStatus(cookie: string, value: string) {
  expect((await call('/api/console/status', { method: 'PUT', cookie, body: json({ status: value }) })).status).toBe(200);
}

describe('site availability', () => {
  it('is offline with no agent, online once one is signed in with the console open', async () => {
    expect(await status()).toMatchObject({ chatEnabled: true, availability: 'offline', withinHours: true, canChat: false });
    const cookie = await signIn('alice@example.com');
    expect((await status()).availability).toBe('offline'); // signed in, but no console open
    const inbox = await connect('/ws/agent/inbox', { cookie });
    await inbox.waitFor((f) => f.type === 'inbox');
    expect(await status()).toMatchObject({ chatEnabled: true, availability: 'online', withinHours: true, canChat: true });
  });

  it('tells the expected wait once the queue has answered chats, and not before', async () => {
    const { cookie, inbox } = await onlineAgent('alice@example.com');
    expect((await status()).expectedWaitMs).toBeNull();
    const chat = await visitorWrites('Hello');
    await offerFor(inbox, chat.id);
    await accept(cookie, chat.id);
    const { expectedWaitMs } = await status();
    // One chat answered: a chat started now waits about as long as that one did (one place).
    expect(typeof expectedWaitMs).toBe('number');
    expect(expectedWaitMs as number).toBeLessThan(5_000);
  });

  it('says away for an away agent, and offline for an invisible one', async () => {
    const cookie = await signIn('alice@example.com');
    const inbox = await connect('/ws/agent/inbox', { cookie });
    await inbox.waitFor((f) => f.type === 'inbox');
    await setStatus(cookie, 'away');
    expect(await status()).toMatchObject({ availability: 'away', canChat: false });
    await setStatus(cookie, 'invisible');
    expect(await status()).toMatchObject({ availability: 'offline', canChat: false });
    inbox.close();
  });

  it('hides the widget when the site switches chat off, and refuses to start a chat', async () => {
    await env.DB.prepare('UPDATE sites SET chat_enabled = 0 WHERE id = ?').bind(DEMO_SITE.id).run();
    expect(await status()).toMatchObject({ chatEnabled: false, canChat: false });
    const { token } = await newVisitor();
    const res = await call('/api/visitor/conversation', { method: 'POST', token, body: json({}) });
    expect(res.status).toBe(409);
    expect(await res.json()).toEqual({ error: { code: 'chat_closed', message: 'Chat is switched off on this site' } });
  });

  it('is closed outside business hours even with agents online', async () => {
    const cookie = await signIn('alice@example.com');
    const inbox = await connect('/ws/agent/inbox', { cookie });
    await inbox.waitFor((f) => f.type === 'inbox');
    const never = { timeZone: 'Europe/Oslo', days: {} };
    await env.DB.prepare('UPDATE sites SET business_hours = ? WHERE id = ?').bind(JSON.stringify(never), DEMO_SITE.id).run();
    expect(await status()).toMatchObject({ chatEnabled: true, availability: 'online', withinHours: false, canChat: false });
  });

  it('answers 404 for an unknown site', async () => {
    const res = await call('/api/visitor/sites/nope/status');
    expect(res.status).toBe(404);
  });
});

describe('business hours', () => {
  const weekdays = { timeZone: 'Europe/Oslo', days: { '1': [['09:00', '17:00']] as Array<[string, string]> } };
  it('reads the time on the site’s own clock', () => {
    // Monday 2026-11-23, 08:30 UTC is 09:30 in Oslo (UTC+1 in winter).
    expect(isWithinHours(weekdays, new Date('2026-11-23T08:30:00Z'))).toBe(true);
    expect(isWithinHours(weekdays, new Date('2026-11-23T07:30:00Z'))).toBe(false); // 08:30 in Oslo
    expect(isWithinHours(weekdays, new Date('2026-11-23T16:00:00Z'))).toBe(false); // 17:00: closed
    expect(isWithinHours(weekdays, new Date('2026-11-24T10:00:00Z'))).toBe(false); // Tuesday
  });
  it('is always open without a schedule', () => {
    expect(isWithinHours(null, new Date('2026-11-22T03:00:00Z'))).toBe(true);
  });
});

describe('the message form', () => {
  it('turns a message into a ticket agents can read', async () => {
    const res = await call('/api/visitor/tickets', {
      method: 'POST',
      body: json({ siteId: DEMO_SITE.id, name: 'Dana', email: 'dana@example.com', message: 'Do you ship to Iceland?' }),
    });
    expect(res.status).toBe(201);
    const cookie = await signIn('bob@example.com');
    const { tickets } = (await (await call('/api/console/tickets', { cookie })).json()) as { tickets: unknown[] };
    expect(tickets).toEqual([
      expect.objectContaining({ name: 'Dana', email: 'dana@example.com', message: 'Do you ship to Iceland?', status: 'open' }),
    ]);
  });

  it('refuses a bad form with the field named, and from a foreign origin', async () => {
    const bad = await call('/api/visitor/tickets', { method: 'POST', body: json({ siteId: DEMO_SITE.id, name: 'D', email: 'nope', message: 'x' }) });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: 'invalid_request', field: 'email' } });
    const empty = await call('/api/visitor/tickets', { method: 'POST', body: json({ siteId: DEMO_SITE.id, name: 'D', email: 'd@example.com', message: '  ' }) });
    expect(await empty.json()).toMatchObject({ error: { field: 'message' } });
    const foreign = await call('/api/visitor/tickets', {
      method: 'POST',
      headers: { Origin: 'https://evil.example' },
      body: json({ siteId: DEMO_SITE.id, name: 'D', email: 'd@example.com', message: 'hi' }),
    });
    expect(foreign.status).toBe(403);
    const cookie = await signIn('bob@example.com');
    expect(((await (await call('/api/console/tickets', { cookie })).json()) as { tickets: unknown[] }).tickets).toEqual([]);
  });
});
