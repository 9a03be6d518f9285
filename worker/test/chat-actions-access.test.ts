/** Ending, leaving, transferring and inviting: who asks is checked before anything is answered or created. */
import { env, listDurableObjectIds } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { ulid } from '../../protocol/ids';
import { refusedUpgrade, signIn } from './helpers';
import { aliceHasChat, carolOfBilling, post } from './workspace-fixtures';

const ACTIONS: Array<[string, unknown]> = [
  ['end', undefined],
  ['leave', undefined],
  ['transfer', { queueId: 'general' }],
  ['invite', { agentId: 'agent-bob' }],
];

const notFound = { error: { code: 'not_found', message: 'No such conversation' } };

describe('chat actions by someone who may not see the chat', () => {
  it('answer 404 to an agent of another queue, even once the chat has ended, and say nothing of it', async () => {
    const { alice, id } = await aliceHasChat();
    const carol = await carolOfBilling();
    for (const [action, body] of ACTIONS) {
      const res = await post(carol, `/api/console/chats/${id}/${action}`, body);
      expect(res.status, action).toBe(404);
      expect(await res.json(), action).toEqual(notFound);
    }
    expect((await post(alice.cookie, `/api/console/chats/${id}/end`)).status).toBe(200);
    const ended = await post(carol, `/api/console/chats/${id}/end`);
    expect(ended.status).toBe(404);
    expect(await ended.json()).toEqual(notFound);
  });

  it('tell a colleague of the queue who is not in an ended chat that they are not in it, not who was', async () => {
    const { alice, id } = await aliceHasChat();
    expect((await post(alice.cookie, `/api/console/chats/${id}/end`)).status).toBe(200);
    const bob = await signIn('bob@example.com');
    const res = await post(bob, `/api/console/chats/${id}/end`);
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ error: { code: 'not_in_chat', message: 'You are not in this chat' } });
    // The agent who was in it may ask again and hears it is over.
    expect(await (await post(alice.cookie, `/api/console/chats/${id}/end`)).json()).toMatchObject({ chat: { id, status: 'ended' } });
  });
});

describe('chat actions on an id no conversation has', () => {
  it('answer 404 and create no Durable Object for it', async () => {
    const cookie = await signIn('admin@example.com');
    const id = ulid();
    for (const [action, body] of ACTIONS) {
      const res = await post(cookie, `/api/console/chats/${id}/${action}`, body);
      expect(res.status, action).toBe(404);
      expect(await res.json(), action).toEqual(notFound);
    }
    const created = (await listDurableObjectIds(env.CONVERSATION)).map((d) => d.toString());
    expect(created).not.toContain(env.CONVERSATION.idFromName(id).toString());
  });

  it('refuse an agent socket to it with 404, also without making an object', async () => {
    const id = ulid();
    expect(await refusedUpgrade(`/ws/agent/conversations/${id}`, { cookie: await signIn('alice@example.com') })).toEqual({ status: 404, body: notFound });
    const created = (await listDurableObjectIds(env.CONVERSATION)).map((d) => d.toString());
    expect(created).not.toContain(env.CONVERSATION.idFromName(id).toString());
  });
});
