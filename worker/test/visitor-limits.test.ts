/** Anonymous visitors cannot flood a site: sessions, chats, tickets, uploads and messages are limited. */
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIFECYCLE } from '../../protocol/chat';
import { ulid } from '../../protocol/ids';
import { CHAT_MESSAGE_BURST } from '../../protocol/limits';
import { DEMO_SITE } from '../demo/demo-data';
import { VISITOR_LIMITS } from '../visitor/visitor-limits';
import { call, connect, errorOf, json } from './helpers';

const from = (ip: string) => ({ 'CF-Connecting-IP': ip });

async function session(ip: string) {
  return call('/api/visitor/session', { method: 'POST', headers: from(ip), body: json({ siteId: DEMO_SITE.id }) });
}

async function visitorFrom(ip: string) {
  const res = await session(ip);
  expect(res.status).toBe(201);
  return ((await res.json()) as { token: string }).token;
}

const start = (token: string, ip: string) => call('/api/visitor/conversation', { method: 'POST', token, headers: from(ip), body: json({}) });
const end = (token: string) => call('/api/visitor/conversation/end', { method: 'POST', token, body: json({}) });
const ticket = (ip: string, token?: string) =>
  call('/api/visitor/tickets', {
    method: 'POST',
    headers: from(ip),
    ...(token ? { token } : {}),
    body: json({ siteId: DEMO_SITE.id, name: 'Sam', email: 'sam@example.com', message: 'Buy cheap watches' }),
  });

/** A 429 says what was refused and when to come back. */
async function expectLimited(res: Response, what: string) {
  expect(res.status).toBe(429);
  const error = await errorOf(res);
  expect(error.code).toBe('rate_limited');
  expect(error.message).toMatch(new RegExp(`^Too many ${what} from here; try again in \\d+ (seconds|minutes)$`));
  expect(Number(res.headers.get('Retry-After'))).toBeGreaterThan(0);
}

describe('visitor sessions', () => {
  it('are limited per IP, and other addresses go on', async () => {
    const { perIp } = VISITOR_LIMITS.session;
    for (let i = 0; i < perIp; i++) expect((await session('198.51.100.1')).status).toBe(201);
    await expectLimited(await session('198.51.100.1'), 'new visitors');
    expect((await session('198.51.100.2')).status).toBe(201);
  }, 30_000);
});

describe('chats', () => {
  it('are limited per visitor', async () => {
    // Each start a new chat, not the last one reopened.
    const lifecycle = { ...DEFAULT_LIFECYCLE, reopenMinutes: 0 };
    await env.DB.prepare('UPDATE sites SET lifecycle = ? WHERE id = ?').bind(JSON.stringify(lifecycle), DEMO_SITE.id).run();
    const token = await visitorFrom('198.51.100.3');
    for (let i = 0; i < VISITOR_LIMITS.conversation.perVisitor!; i++) {
      expect((await start(token, '198.51.100.3')).status).toBe(201);
      expect((await end(token)).status).toBe(200);
    }
    await expectLimited(await start(token, '198.51.100.3'), 'new chats');
  });

  it('are limited per IP, however many visitors it makes', async () => {
    const { perIp } = VISITOR_LIMITS.conversation;
    for (let i = 0; i < perIp; i++) expect((await start(await visitorFrom(`203.0.113.${i}`), '192.0.2.9')).status).toBe(201);
    await expectLimited(await start(await visitorFrom('203.0.113.200'), '192.0.2.9'), 'new chats');
  }, 60_000);
});

describe('the message form', () => {
  it('takes a few messages per visitor and per IP, not a flood', async () => {
    const token = await visitorFrom('198.51.100.4');
    for (let i = 0; i < VISITOR_LIMITS.ticket.perVisitor!; i++) expect((await ticket(`198.51.100.${10 + i}`, token)).status).toBe(201);
    await expectLimited(await ticket('198.51.100.20', token), 'messages left');

    const { perIp } = VISITOR_LIMITS.ticket;
    for (let i = 0; i < perIp; i++) expect((await ticket('192.0.2.10')).status).toBe(201);
    await expectLimited(await ticket('192.0.2.10'), 'messages left');
  });
});

describe('uploads', () => {
  it('are limited per visitor', async () => {
    const token = await visitorFrom('198.51.100.5');
    const { conversation } = (await (await start(token, '198.51.100.5')).json()) as { conversation: { id: string } };
    const upload = () => {
      const form = new FormData();
      form.append('files', new File(['receipt'], 'receipt.txt', { type: 'text/plain' }));
      return call(`/api/files/conversations/${conversation.id}`, { method: 'POST', token, headers: from('198.51.100.5'), body: form });
    };
    for (let i = 0; i < VISITOR_LIMITS.upload.perVisitor!; i++) expect((await upload()).status).toBe(201);
    await expectLimited(await upload(), 'uploads');
  }, 30_000);
});

describe('messages', () => {
  it('are counted per chat, summed over every socket the visitor opens to it', async () => {
    const token = await visitorFrom('198.51.100.6');
    const { conversation } = (await (await start(token, '198.51.100.6')).json()) as { conversation: { id: string } };
    const tabs = await Promise.all(Array.from({ length: 5 }, () => connect(`/ws/visitor/conversations/${conversation.id}?token=${token}`)));
    // 5 × 20 = 100 messages: each tab stays inside its own socket's burst; together they are far over the chat's.
    const sent = tabs.map(() => Array.from({ length: 20 }, () => ulid()));
    for (let i = 0; i < 20; i++) tabs.forEach((tab, t) => tab.send({ type: 'message', clientId: sent[t]![i], text: `spam ${t}.${i}` }));
    const answered = (tab: (typeof tabs)[number], t: number) => tab.frames.filter((f) => (f.type === 'ack' || f.type === 'error') && sent[t]!.includes(f.clientId));
    for (const [t, tab] of tabs.entries()) await tab.waitFor(() => answered(tab, t).length === 20);
    const all = tabs.flatMap((tab, t) => answered(tab, t));
    const acked = all.filter((f) => f.type === 'ack');
    const limited = all.filter((f) => f.code === 'rate_limited');
    // The burst, and what trickled back in while the frames arrived.
    expect(acked.length).toBeGreaterThanOrEqual(CHAT_MESSAGE_BURST);
    expect(acked.length).toBeLessThan(CHAT_MESSAGE_BURST + 10);
    expect(acked.length + limited.length).toBe(100);
    expect(limited[0]).toMatchObject({ message: 'Too many messages in this chat; slow down', retryAfterMs: expect.any(Number) });
  }, 30_000);
});
