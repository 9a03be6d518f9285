/** Every REST endpoint, given what a broken or hostile client might send. */
import { describe, expect, it } from 'vitest';
import { MAX_NAME_CHARS } from '../../protocol/limits';
import { call, errorOf, json, newVisitor, signIn } from './helpers';


describe('bad requests get a 4xx naming what is wrong, and change nothing', () => {
  it('POST /api/visitor/session', async () => {
    for (const [body, code, field] of [
      ['not json', 'bad_json', undefined],
      [json([]), 'invalid_request', 'siteId'],
      [json({ siteId: 42 }), 'invalid_request', 'siteId'],
      [json({ siteId: '' }), 'invalid_request', 'siteId'],
      [json({ siteId: 'x'.repeat(65) }), 'invalid_request', 'siteId'],
    ] as const) {
      const res = await call('/api/visitor/session', { method: 'POST', body });
      expect(res.status, body).toBe(400);
      const error = await errorOf(res);
      expect(error.code).toBe(code);
      expect(error.field).toBe(field);
      expect(error.message).toMatch(/\w/);
    }
  });

  it('POST /api/visitor/conversation', async () => {
    const { token } = await newVisitor();
    const notJson = await call('/api/visitor/conversation', { method: 'POST', token, body: '{' });
    expect(await errorOf(notJson)).toMatchObject({ code: 'bad_json' });
    const longName = await call('/api/visitor/conversation', { method: 'POST', token, body: json({ name: 'n'.repeat(MAX_NAME_CHARS + 1) }) });
    expect(longName.status).toBe(400);
    expect(await errorOf(longName)).toEqual({
      code: 'invalid_request',
      field: 'name',
      message: `name: must be at most ${MAX_NAME_CHARS} characters`,
    });
    const wrongType = await call('/api/visitor/conversation', { method: 'POST', token, body: json({ name: ['x'] }) });
    expect(await errorOf(wrongType)).toMatchObject({ code: 'invalid_request', field: 'name' });
    // None of them started a conversation.
    expect(await (await call('/api/visitor/conversation', { token })).json()).toEqual({ conversation: null });
  });

  it('PUT /api/console/status', async () => {
    const cookie = await signIn('alice@example.com');
    for (const [body, code] of [
      ['', 'bad_json'],
      [json({}), 'invalid_request'],
      [json({ status: 1 }), 'invalid_request'],
      [json({ status: 'ONLINE' }), 'invalid_request'],
    ] as const) {
      const res = await call('/api/console/status', { method: 'PUT', cookie, body });
      expect(res.status, body).toBe(400);
      expect((await errorOf(res)).code).toBe(code);
    }
    const inbox = await (await call('/api/console/inbox', { cookie })).json();
    expect(inbox).toMatchObject({ status: 'online' });
  });

  it('POST /api/console/offers/:id/accept and /reject for a chat never offered', async () => {
    const cookie = await signIn('alice@example.com');
    for (const verb of ['accept', 'reject']) {
      const res = await call(`/api/console/offers/no-such-chat/${verb}`, { method: 'POST', cookie });
      expect(res.status).toBe(409);
      expect(await errorOf(res)).toEqual({ code: 'offer_gone', message: 'This chat is no longer offered to you' });
    }
  });

  it('console changes posted from another origin', async () => {
    const cookie = await signIn('alice@example.com');
    const res = await call('/api/console/status', {
      method: 'PUT',
      cookie,
      headers: { Origin: 'https://evil.example' },
      body: json({ status: 'offline' }),
    });
    expect(res.status).toBe(403);
    expect((await errorOf(res)).code).toBe('origin_not_allowed');
    expect(await (await call('/api/console/inbox', { cookie })).json()).toMatchObject({ status: 'online' });
  });
});
