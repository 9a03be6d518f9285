/** The REST contract and the router agree: every endpoint the clients call is served, and nothing is served beside it. */
import { expect, it } from 'vitest';
import { admin } from '../../protocol/rest/admin';
import { auth } from '../../protocol/rest/auth';
import { console } from '../../protocol/rest/console';
import type { Endpoint } from '../../protocol/rest/endpoint';
import { files } from '../../protocol/rest/files';
import { reports } from '../../protocol/rest/reports';
import { setup } from '../../protocol/rest/setup';
import { v1, v1Document } from '../../protocol/rest/v1';
import { visitor } from '../../protocol/rest/visitor';
import { app } from '../app';
import { call, signIn } from './helpers';

const groups: Record<string, Record<string, Endpoint>> = { visitor, console, admin, reports, auth, setup, files, v1, v1Document };
const endpoints = Object.entries(groups).flatMap(([group, list]) => Object.entries(list).map(([name, endpoint]) => ({ name: `${group}.${name}`, endpoint })));

it('serves every endpoint of the contract', async () => {
  const notServed = await (await call('/api/nowhere', { cookie: await signIn('admin@example.com') })).text();
  const cookie = await signIn('admin@example.com');
  for (const { name, endpoint } of endpoints) {
    // As an admin, so no role stops a request before the router has found its route; every body
    // is broken JSON and every id a dummy, so nothing changes. Signing out ends its own session.
    const res = await call(endpoint.path.replace(/:\w+/g, 'x'), {
      method: endpoint.method,
      cookie: endpoint === auth.signOut ? await signIn('admin@example.com') : cookie,
      ...(endpoint.method === 'GET' ? {} : { body: '{' }),
    });
    expect(await res.text(), `${name}: ${endpoint.method} ${endpoint.path}`).not.toBe(notServed);
  }
  // One request per endpoint, a hundred and more of them: past the default 5 s on a busy machine.
}, 30_000);

it('serves no /api route that the contract leaves out', () => {
  const listed = new Set(endpoints.map(({ endpoint }) => `${endpoint.method} ${endpoint.path}`));
  const served = app.routes.filter((route) => route.method !== 'ALL' && route.path.startsWith('/api/')).map((route) => `${route.method} ${route.path}`);
  expect(served.filter((route) => !listed.has(route))).toEqual([]);
});
