/**
 * Webhook receivers for the worker tests, in Node, outside the Worker: Miniflare hands it the
 * Worker's outbound requests to https://hooks.test (vitest.config.ts). Each path is a receiver that
 * records what it got and answers as told.
 *
 * The tests drive it over the same outbound fetch:
 * - `PUT https://hooks.test/<path> {statuses}`: the statuses its next deliveries are answered with,
 *   in order (then 200), e.g. `[500]` refuses the first delivery.
 * - `GET https://hooks.test/<path>`: what it received, `{headers, body, answered}` each.
 */
export const HOOKS_HOST = 'hooks.test';

interface Received {
  headers: Record<string, string>;
  body: string;
  answered: number;
}

const receivers = new Map<string, { statuses: number[]; received: Received[] }>();

const receiver = (path: string) => {
  let found = receivers.get(path);
  if (!found) receivers.set(path, (found = { statuses: [], received: [] }));
  return found;
};

export async function webhookReceiver(request: Request): Promise<Response> {
  const { pathname } = new URL(request.url);
  const r = receiver(pathname);
  if (request.method === 'PUT') {
    r.statuses = ((await request.json()) as { statuses: number[] }).statuses;
    return new Response(null, { status: 204 });
  }
  if (request.method === 'GET') return Response.json(r.received);
  const answered = r.statuses.shift() ?? 200;
  r.received.push({ headers: Object.fromEntries(request.headers), body: await request.text(), answered });
  return new Response(answered >= 300 ? 'receiver refused' : 'ok', { status: answered });
}
