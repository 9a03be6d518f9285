/** Sites: origins, identity secret, chat on/off, widget settings, survey and its routing, invitations, hours, retention. */
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { ADMIN, AGENT, auditActions, send, supervisorCookie } from './admin-helpers';
import { call, errorOf, newVisitor, signIn } from './helpers';

const widget = { color: '#AA3300', title: 'Ask the potter', greeting: 'Hello!', position: 'left', language: 'de', showAgentPhoto: false, showDepartment: true, soundOn: false };

describe('sites', () => {
  it('creates a site with a General queue; its identity secret is shown once, then only as set', async () => {
    const admin = await signIn(ADMIN);
    const res = await send('POST', '/api/admin/sites', admin, { name: 'Nordic Pottery', allowedOrigins: ['https://pottery.example'] });
    expect(res.status).toBe(201);
    const { site, identitySecret } = (await res.json()) as { site: { id: string; identitySecretSet: boolean }; identitySecret: string };
    expect(site).toMatchObject({ name: 'Nordic Pottery', allowedOrigins: ['https://pottery.example'], chatEnabled: true, identitySecretSet: true, retentionDays: 0 });
    expect(identitySecret).toMatch(/^[\w-]{43}$/);
    const listed = JSON.stringify(await (await send('GET', '/api/admin/sites', admin)).json());
    expect(listed).toContain('"identitySecretSet":true');
    expect(listed).not.toContain(identitySecret);
    expect(await env.DB.prepare('SELECT name FROM queues WHERE site_id = ?').bind(site.id).first()).toEqual({ name: 'General' });

    const rotated = await send('POST', `/api/admin/sites/${site.id}/identity-secret`, admin);
    const next = ((await rotated.json()) as { identitySecret: string }).identitySecret;
    expect(next).not.toBe(identitySecret);
    expect(await env.DB.prepare('SELECT identity_secret AS s FROM sites WHERE id = ?').bind(site.id).first()).toEqual({ s: next });
    const audit = await auditActions();
    expect(audit.map((a) => a.action)).toEqual(['site.created', 'site.identity_secret_rotated']);
    expect(JSON.stringify(await env.DB.prepare('SELECT detail FROM audit_log').all())).not.toContain(next);
  });

  it('validates origins and names, and turns chat off', async () => {
    const admin = await signIn(ADMIN);
    for (const origin of ['pottery.example', 'https://pottery.example/', 'https://pottery.example/shop', 'ftp://pottery.example']) {
      const res = await send('PATCH', '/api/admin/sites/demo-shop', admin, { allowedOrigins: [origin] });
      expect(res.status).toBe(400);
      expect(await errorOf(res)).toMatchObject({ code: 'invalid_request', field: 'allowedOrigins.0' });
    }
    expect((await errorOf(await send('PATCH', '/api/admin/sites/demo-shop', admin, { name: ' ' }))).field).toBe('name');
    const off = await send('PATCH', '/api/admin/sites/demo-shop', admin, { chatEnabled: false, allowedOrigins: ['http://localhost:8080'] });
    expect(await off.json()).toMatchObject({ site: { chatEnabled: false, allowedOrigins: ['http://localhost:8080'] } });
    expect(await (await call('/api/visitor/sites/demo-shop/status')).json()).toMatchObject({ chatEnabled: false, canChat: false });
    expect((await send('PATCH', '/api/admin/sites/nowhere', admin, { chatEnabled: false })).status).toBe(404);
  });

  it('is for admins only', async () => {
    for (const cookie of [await signIn(AGENT), await supervisorCookie()]) {
      expect((await send('GET', '/api/admin/sites', cookie)).status).toBe(403);
      expect((await send('PUT', '/api/admin/sites/demo-shop/widget', cookie, widget)).status).toBe(403);
      expect((await send('PUT', '/api/admin/sites/demo-shop/retention', cookie, { retentionDays: 1 })).status).toBe(403);
    }
    expect(await auditActions()).toEqual([]);
  });
});

describe('widget settings', () => {
  it('are saved and audited', async () => {
    const admin = await signIn(ADMIN);
    const res = await send('PUT', '/api/admin/sites/demo-shop/widget', admin, widget);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ site: { widget: { ...widget, color: '#aa3300' } } });
    expect(await auditActions()).toEqual([{ agent_id: 'agent-admin', action: 'site.widget_changed', target: 'demo-shop' }]);
  });

  it('refuses bad values with the field at fault', async () => {
    const admin = await signIn(ADMIN);
    for (const [change, field] of [
      [{ color: 'red' }, 'color'],
      [{ position: 'top' }, 'position'],
      [{ language: 'xx' }, 'language'],
      [{ title: '' }, 'title'],
      [{ soundOn: 'yes' }, 'soundOn'],
    ] as const) {
      const res = await send('PUT', '/api/admin/sites/demo-shop/widget', admin, { ...widget, ...change });
      expect(res.status).toBe(400);
      expect((await errorOf(res)).field).toBe(field);
    }
  });
});

describe('pre-chat survey and routing', () => {
  const survey = {
    fields: [
      { name: 'topic', label: 'What is it about?', kind: 'choice', required: true, options: ['Orders', 'Wholesale'] },
      { name: 'email', label: 'Email', kind: 'email', required: false },
    ],
    rules: [{ field: 'topic', value: 'Wholesale', queueId: 'wholesale' }],
  };

  async function withWholesaleQueue() {
    await env.DB.prepare("INSERT INTO queues (id, site_id, name, created_at) SELECT 'wholesale', 'demo-shop', 'Wholesale', created_at + 1 FROM queues WHERE id = 'general'").run();
  }

  it('routes a chat by its answer to the queue the admin chose', async () => {
    await withWholesaleQueue();
    const admin = await signIn(ADMIN);
    const res = await send('PUT', '/api/admin/sites/demo-shop/survey', admin, survey);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ site: { survey: survey.fields, routingRules: survey.rules } });

    const start = async (topic: string) => {
      const { token } = await newVisitor();
      const r = await call('/api/visitor/conversation', { method: 'POST', token, body: JSON.stringify({ answers: { topic } }) });
      return ((await r.json()) as { conversation: { queueId: string } }).conversation.queueId;
    };
    expect(await start('Wholesale')).toBe('wholesale');
    expect(await start('Orders')).toBe('general');
    expect((await auditActions()).map((a) => a.action)).toEqual(['site.survey_changed']);
  });

  it('refuses rules naming unknown fields or other sites’ queues, and bad fields', async () => {
    await withWholesaleQueue();
    await env.DB.prepare("INSERT INTO sites (id, name, created_at) VALUES ('other', 'Other', 1)").run();
    await env.DB.prepare("INSERT INTO queues (id, site_id, name, created_at) VALUES ('foreign', 'other', 'Foreign', 1)").run();
    const admin = await signIn(ADMIN);
    for (const [body, field] of [
      [{ ...survey, rules: [{ field: 'colour', value: 'x', queueId: 'wholesale' }] }, 'rules'],
      [{ ...survey, rules: [{ field: 'topic', value: 'x', queueId: 'foreign' }] }, 'rules.0.queueId'],
      [{ ...survey, fields: [{ name: 'topic', label: 'Topic', kind: 'choice', required: true }] }, 'fields.0.options'],
      [{ ...survey, fields: [{ name: 'Topic!', label: 'Topic', kind: 'text', required: true }] }, 'fields.0.name'],
      [{ ...survey, fields: [...survey.fields, survey.fields[0]] }, 'fields'],
      [{ ...survey, fields: [{ name: 'x', label: 'X', kind: 'date', required: true }] }, 'fields.0.kind'],
    ] as const) {
      const res = await send('PUT', '/api/admin/sites/demo-shop/survey', admin, body);
      expect(res.status).toBe(400);
      expect((await errorOf(res)).field).toBe(field);
    }
    expect(await auditActions()).toEqual([]);
  });
});

describe('proactive invitations', () => {
  it('saves rules with ids and refuses bad ones', async () => {
    const admin = await signIn(ADMIN);
    const rules = [{ message: 'Need help choosing?', afterSeconds: 30, urlPattern: '*/products/*', returningOnly: true }];
    const res = await send('PUT', '/api/admin/sites/demo-shop/proactive', admin, { rules });
    const saved = ((await res.json()) as { site: { proactiveRules: Array<{ id: string }> } }).site.proactiveRules;
    expect(saved).toEqual([{ id: expect.stringMatching(/^[0-9A-Z]{26}$/), ...rules[0] }]);
    // Saved again with its id and a new one, the first keeps its id.
    const again = await send('PUT', '/api/admin/sites/demo-shop/proactive', admin, { rules: [saved[0], { message: 'Back again?', returningOnly: true }] });
    const next = ((await again.json()) as { site: { proactiveRules: Array<{ id: string }> } }).site.proactiveRules;
    expect(next[0]!.id).toBe(saved[0]!.id);
    expect(next[1]!.id).not.toBe(saved[0]!.id);
    const bad = await send('PUT', '/api/admin/sites/demo-shop/proactive', admin, { rules: [{ message: 'Hi', afterSeconds: -1 }] });
    expect((await errorOf(bad)).field).toBe('rules.0.afterSeconds');
    const empty = await send('PUT', '/api/admin/sites/demo-shop/proactive', admin, { rules: [{ message: ' ' }] });
    expect((await errorOf(empty)).field).toBe('rules.0.message');
  });
});

describe('business hours', () => {
  it('closing hours and today as a holiday close the chat', async () => {
    const admin = await signIn(ADMIN);
    const allWeek = Object.fromEntries(['0', '1', '2', '3', '4', '5', '6'].map((d) => [d, [['00:00', '24:00']]]));
    const open = await send('PUT', '/api/admin/sites/demo-shop/hours', admin, { hours: { timeZone: 'Europe/Oslo', days: allWeek, closedMessage: 'Back tomorrow' } });
    expect(open.status).toBe(200);
    expect(await (await call('/api/visitor/sites/demo-shop/status')).json()).toMatchObject({ withinHours: true });

    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Oslo' }).format(new Date());
    await send('PUT', '/api/admin/sites/demo-shop/hours', admin, { hours: { timeZone: 'Europe/Oslo', days: allWeek, holidays: [today] } });
    expect(await (await call('/api/visitor/sites/demo-shop/status')).json()).toMatchObject({ withinHours: false, canChat: false });

    await send('PUT', '/api/admin/sites/demo-shop/hours', admin, { hours: { timeZone: 'Europe/Oslo', days: {} } });
    expect(await (await call('/api/visitor/sites/demo-shop/status')).json()).toMatchObject({ withinHours: false });
    await send('PUT', '/api/admin/sites/demo-shop/hours', admin, { hours: null });
    expect(await (await call('/api/visitor/sites/demo-shop/status')).json()).toMatchObject({ withinHours: true });
    expect((await auditActions()).map((a) => a.action)).toEqual(Array(4).fill('site.hours_changed'));
  });

  it('refuses unknown time zones, bad times and dates', async () => {
    const admin = await signIn(ADMIN);
    for (const [hours, field] of [
      [{ timeZone: 'Mars/Olympus', days: {} }, 'hours.timeZone'],
      [{ timeZone: 'UTC', days: { '1': [['09:00', '25:00']] } }, 'hours.days.1.0.1'],
      [{ timeZone: 'UTC', days: { '1': [['17:00', '09:00']] } }, 'hours.days.1.0'],
      [{ timeZone: 'UTC', days: { '7': [] } }, 'hours.days.7'],
      [{ timeZone: 'UTC', days: {}, holidays: ['2026-02-30'] }, 'hours.holidays.0'],
      [{ timeZone: 'UTC', days: {}, holidays: ['2026-13-01'] }, 'hours.holidays.0'],
    ] as const) {
      const res = await send('PUT', '/api/admin/sites/demo-shop/hours', admin, { hours });
      expect(res.status).toBe(400);
      expect((await errorOf(res)).field).toBe(field);
    }
  });
});
