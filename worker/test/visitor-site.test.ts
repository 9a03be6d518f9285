/** What the widget reads before a chat: status with settings, the survey check, agents' public faces. */
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import type { SurveyField } from '../../protocol/chat';
import { DEMO_SITE } from '../demo/demo-data';
import { call, errorOf, json, newVisitor } from './helpers';

const SURVEY: SurveyField[] = [
  { name: 'topic', label: 'Topic', kind: 'choice', required: true, options: ['Orders', 'Returns'] },
  { name: 'email', label: 'Email', kind: 'email', required: true },
  { name: 'account', label: 'Account number', kind: 'account', required: false },
];

const setSite = (column: string, value: unknown) =>
  env.DB.prepare(`UPDATE sites SET ${column} = ? WHERE id = ?`).bind(JSON.stringify(value), DEMO_SITE.id).run();

describe('status', () => {
  it('carries the site settings with defaults, and the closed message', async () => {
    await setSite('widget', { color: '#aa3300', title: 'Ask the potters', position: 'left' });
    await setSite('survey', SURVEY);
    await setSite('business_hours', { timeZone: 'UTC', days: {}, closedMessage: 'Back on Monday at 9.' });
    const body = await (await call(`/api/visitor/sites/${DEMO_SITE.id}/status`)).json();
    expect(body).toMatchObject({
      chatEnabled: true,
      canChat: false,
      withinHours: false,
      closedMessage: 'Back on Monday at 9.',
      settings: { widget: { color: '#aa3300', title: 'Ask the potters', position: 'left', language: 'en', soundOn: true }, survey: SURVEY, proactiveRules: [] },
    });
  });

  it('answers 404 for an unknown site', async () => {
    const res = await call('/api/visitor/sites/nope/status');
    expect(res.status).toBe(404);
    expect((await errorOf(res)).code).toBe('not_found');
  });
});

describe('pre-chat survey', () => {
  const start = (token: string, answers: Record<string, string>) =>
    call('/api/visitor/conversation', { method: 'POST', token, body: json({ answers }) });

  it('stores valid answers and the email on the conversation', async () => {
    await setSite('survey', SURVEY);
    const { token } = await newVisitor();
    const res = await start(token, { topic: 'Returns', email: 'sam@example.org', account: 'AC-1001' });
    expect(res.status).toBe(201);
    const { conversation } = (await res.json()) as { conversation: { id: string } };
    const row = await env.DB.prepare('SELECT answers, email FROM conversations WHERE id = ?').bind(conversation.id).first<{ answers: string; email: string }>();
    expect(JSON.parse(row!.answers)).toEqual({ topic: 'Returns', email: 'sam@example.org', account: 'AC-1001' });
    expect(row!.email).toBe('sam@example.org');
  });

  it('names the answer at fault: missing, bad email, unknown choice, bad account, unknown field', async () => {
    await setSite('survey', SURVEY);
    const { token } = await newVisitor();
    const cases: Array<[Record<string, string>, string, string]> = [
      [{ email: 'sam@example.org' }, 'answers.topic', 'answers.topic: Topic is required'],
      [{ topic: 'Orders', email: 'sam' }, 'answers.email', 'answers.email: Email must be an email address'],
      [{ topic: 'Cakes', email: 'sam@example.org' }, 'answers.topic', 'answers.topic: Topic must be one of: Orders, Returns'],
      [{ topic: 'Orders', email: 'sam@example.org', account: 'a b' }, 'answers.account', 'answers.account: Account number must be 3 to 40 letters, digits or dashes'],
      [{ topic: 'Orders', email: 'sam@example.org', colour: 'red' }, 'answers.colour', 'answers.colour: is not a question of this survey'],
    ];
    for (const [answers, field, message] of cases) {
      const res = await start(token, answers);
      expect(res.status).toBe(400);
      expect(await errorOf(res)).toEqual({ code: 'invalid_request', field, message });
    }
  });
});

describe('agents as visitors see them', () => {
  it('gives name, department and whether there is a photo, and streams the photo', async () => {
    await env.DB.prepare("UPDATE agents SET department = 'Orders', photo_key = 'photos/agent-alice' WHERE id = 'agent-alice'").run();
    await env.FILES.put('photos/agent-alice', new Uint8Array([1, 2, 3]), { httpMetadata: { contentType: 'image/png' } });
    expect(await (await call('/api/visitor/agents/agent-alice')).json()).toEqual({ name: 'Alice', department: 'Orders', hasPhoto: true });
    const photo = await call('/api/visitor/agents/agent-alice/photo');
    expect(photo.headers.get('Content-Type')).toBe('image/png');
    expect(new Uint8Array(await photo.arrayBuffer())).toEqual(new Uint8Array([1, 2, 3]));
    expect(await (await call('/api/visitor/agents/agent-bob')).json()).toEqual({ name: 'Bob', department: null, hasPhoto: false });
  });

  it('tells nothing of unknown or deactivated agents, and no email ever', async () => {
    await env.DB.prepare("UPDATE agents SET active = 0 WHERE id = 'agent-bob'").run();
    for (const path of ['/api/visitor/agents/agent-bob', '/api/visitor/agents/nobody', '/api/visitor/agents/agent-alice/photo']) {
      const res = await call(path);
      expect(res.status).toBe(404);
      expect(JSON.stringify(await res.json())).not.toContain('@');
    }
  });
});
