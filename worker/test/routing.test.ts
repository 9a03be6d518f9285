import { describe, expect, it } from 'vitest';
import { call, json, offerFor, onlineAgent, visitorWrites } from './helpers';

describe('routing', () => {
  it('offers a rejected chat to the next agent, and the first agent can no longer take it', async () => {
    const alice = await onlineAgent('alice@example.com');
    const bob = await onlineAgent('bob@example.com');
    const { id } = await visitorWrites('Hello?');

    // Either may be asked first; whoever is asked rejects, and the other gets the offer.
    const first = await Promise.race([offerFor(alice.inbox, id).then(() => alice), offerFor(bob.inbox, id).then(() => bob)]);
    const second = first === alice ? bob : alice;
    const rejected = await call(`/api/console/offers/${id}/reject`, { method: 'POST', cookie: first.cookie });
    expect(rejected.status).toBe(204);
    await offerFor(second.inbox, id);

    const late = await call(`/api/console/offers/${id}/accept`, { method: 'POST', cookie: first.cookie });
    expect(late.status).toBe(409);
    expect(await late.json()).toEqual({ error: { code: 'offer_gone', message: 'This chat is no longer offered to you' } });
    expect((await call(`/api/console/offers/${id}/accept`, { method: 'POST', cookie: second.cookie })).status).toBe(200);
  });

  it('offers nothing to an agent who is away, and routes to them once they are back online', async () => {
    const alice = await onlineAgent('alice@example.com');
    const away = await call('/api/console/status', { method: 'PUT', cookie: alice.cookie, body: json({ status: 'away' }) });
    expect(await away.json()).toEqual({ status: 'away' });
    await alice.inbox.waitFor((f) => f.type === 'status' && f.status === 'away');

    const { id } = await visitorWrites('Anyone there?');
    const inbox = await (await call('/api/console/inbox', { cookie: alice.cookie })).json();
    expect(inbox).toMatchObject({ status: 'away', offers: [] });

    await call('/api/console/status', { method: 'PUT', cookie: alice.cookie, body: json({ status: 'online' }) });
    await offerFor(alice.inbox, id);
  });

  it('stops offering chats to an agent at capacity', async () => {
    const bob = await onlineAgent('bob@example.com');
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const { id } = await visitorWrites(`chat ${i}`);
      await offerFor(bob.inbox, id);
      expect((await call(`/api/console/offers/${id}/accept`, { method: 'POST', cookie: bob.cookie })).status).toBe(200);
      ids.push(id);
    }
    const offersBefore = bob.inbox.frames.length;
    const { id: fourth } = await visitorWrites('one too many');
    await expect(offerFor(bob.inbox, fourth, offersBefore, 1500)).rejects.toThrow(/no matching frame/);
    const inbox = (await (await call('/api/console/inbox', { cookie: bob.cookie })).json()) as { chats: Array<{ id: string }> };
    expect(inbox.chats.map((c) => c.id)).toEqual(ids);

    // The chat waits in the queue for an agent with room.
    const alice = await onlineAgent('alice@example.com');
    await offerFor(alice.inbox, fourth);
  }, 15_000);

  it('rejects a bad status with the field named', async () => {
    const { cookie } = await onlineAgent('alice@example.com');
    const res = await call('/api/console/status', { method: 'PUT', cookie, body: json({ status: 'sleeping' }) });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: { code: 'invalid_request', field: 'status', message: 'status: must be online, away, invisible or offline' },
    });
  });
});
