/**
 * The OpenAPI document: built from the very schemas the routes check with, and its reference page.
 * Its validity as OpenAPI 3.1 is checked in e2e/public-api.test.ts, in Node: the validator reads its
 * meta-schemas from disk and compiles them with code generation, neither of which workerd allows.
 */
import { describe, expect, it } from 'vitest';
import { v1 } from '../../protocol/rest/v1';
import { api, apiToken } from './api-helpers';
import { call } from './helpers';

type Json = Record<string, any>;

describe('the OpenAPI document', () => {
  it('is served without a token, and lists every v1 endpoint with its scope', async () => {
    const res = await call('/api/v1/openapi.json');
    expect(res.status).toBe(200);
    const doc = (await res.json()) as Json;
    expect(doc.openapi).toBe('3.1.0');

    const operations = Object.entries(doc.paths as Json).flatMap(([path, item]) => Object.entries(item as Json).map(([method, op]) => ({ path, method, op: op as Json })));
    expect(operations.map((o) => `${o.method.toUpperCase()} ${o.path}`).sort()).toEqual(
      Object.values(v1).map((e) => `${e.method} ${e.path.replace(/:(\w+)/g, '{$1}')}`).sort(),
    );
    const post = doc.paths['/api/v1/conversations/{id}/messages'].post as Json;
    expect(post.security).toEqual([{ bearerAuth: ['conversations:write'] }]);
    expect(post.requestBody.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/ApiMessageBody' });
    const messageBody = doc.components.schemas.ApiMessageBody as Json;
    expect(messageBody.required).toEqual(['text']);
    expect(messageBody.properties.text).toMatchObject({ type: 'string', minLength: 1, maxLength: 4000 });
    expect(Object.keys(post.responses)).toEqual(expect.arrayContaining(['201', '400', '401', '403', '404', '429']));
  });

  it('describes what the routes accept: a body the document allows is taken, one it forbids is refused', async () => {
    const doc = (await (await call('/api/v1/openapi.json')).json()) as Json;
    const tokenBody = doc.components.schemas.ApiContactBody as Json;
    expect(tokenBody.required.sort()).toEqual(['name', 'siteId']);
    const { token } = await apiToken(['contacts:write']);
    expect((await api('POST', '/api/v1/contacts', token, { siteId: 'demo-shop', name: 'Ann' })).status).toBe(201);
    expect((await api('POST', '/api/v1/contacts', token, { siteId: 'demo-shop' })).status).toBe(400);
  });

  it('has a readable reference page drawn from it, with nothing loaded from elsewhere', async () => {
    const res = await call('/api/v1/docs');
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toMatch(/^text\/html/);
    const page = await res.text();
    expect(page).toContain('<h1>Parley API v1</h1>');
    expect(page).toContain('/api/v1/conversations/{id}/messages');
    expect(page).toContain('Post a message as the site, or as an agent in the chat');
    expect(page).toContain('conversations:write');
    expect(page).not.toMatch(/<script|https?:\/\/(?!parley\.test)[^"'\s]*\.(js|css)/);
  });
});
