/** The one access rule beyond single chats: live visitors by site, supervisors everywhere, the directory. */
import { env, SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { DEMO_SITE } from '../demo/demo-data';
import { supervisorCookie } from './admin-helpers';
import { call, errorOf, json, ORIGIN, Probe, refusedUpgrade, signIn } from './helpers';
import { aliceHasChat, anotherShop, get, inD1, post } from './workspace-fixtures';

/** A second shop with its own queue and agent, Tove; its visitor Ylva has the widget open. */
async function teaHouse() {
  await anotherShop({ siteId: 'tea-house', siteName: 'Tea house', queueId: 'tea', agent: 'Tove' });
  const session = await call('/api/visitor/session', { method: 'POST', body: json({ siteId: 'tea-house' }) });
  const { token, visitorId } = (await session.json()) as { token: string; visitorId: string };
  const res = await SELF.fetch(new URL(`/ws/visitor/site?token=${token}`, ORIGIN), { headers: { Upgrade: 'websocket', Origin: ORIGIN } });
  await new Probe(res.webSocket!).waitFor((f) => f.type === 'settings');
  return { visitorId };
}

const sitesOf = async (cookie: string) => ((await (await get(cookie, '/api/console/sites')).json()) as { sites: Array<{ id: string }> }).sites.map((s) => s.id);

async function watch(cookie: string, siteId: string) {
  const res = await SELF.fetch(new URL(`/ws/agent/sites/${siteId}`, ORIGIN), { headers: { Upgrade: 'websocket', Origin: ORIGIN, Cookie: cookie } });
  const probe = new Probe(res.webSocket!);
  return (await probe.waitFor((f) => f.type === 'visitors')).visitors as Array<{ visitorId: string }>;
}

describe('live visitors', () => {
  it("are shown to the agents of the site's queues and to staff, and to no one else", async () => {
    const { visitorId } = await teaHouse();
    const alice = await signIn('alice@example.com');
    const tove = await signIn('tove@example.com');
    expect(await sitesOf(alice)).toEqual([DEMO_SITE.id]);
    expect(await sitesOf(tove)).toEqual(['tea-house']);
    expect(await refusedUpgrade('/ws/agent/sites/tea-house', { cookie: alice })).toEqual({
      status: 404,
      body: { error: { code: 'not_found', message: 'No site "tea-house"' } },
    });
    const invite = await post(alice, `/api/console/sites/tea-house/visitors/${visitorId}/invite`, { message: 'Hi' });
    expect(invite.status).toBe(404);
    expect(await errorOf(invite)).toEqual({ code: 'not_found', message: 'No site "tea-house"' });

    expect((await watch(tove, 'tea-house')).map((v) => v.visitorId)).toEqual([visitorId]);
    for (const staff of [await signIn('admin@example.com'), await supervisorCookie()]) {
      expect(await sitesOf(staff)).toEqual([DEMO_SITE.id, 'tea-house']);
      expect((await watch(staff, 'tea-house')).map((v) => v.visitorId)).toEqual([visitorId]);
    }
  });
});

describe('supervisors', () => {
  it('see every queue by the one rule: conversations, their panels, history and search', async () => {
    const { id, socket } = await aliceHasChat('Where is my teapot?');
    await inD1(id, 2);
    // Bob supervises but answers no queue of this chat.
    await env.DB.prepare("DELETE FROM queue_members WHERE agent_id = 'agent-bob'").run();
    const bob = await supervisorCookie();
    expect((await get(bob, `/api/console/conversations/${id}`)).status).toBe(200);
    expect((await get(bob, `/api/console/chats/${id}/visitor`)).status).toBe(200);
    expect((await get(bob, `/api/console/chats/${id}/history`)).status).toBe(200);
    const { hits } = (await (await get(bob, '/api/console/search?q=teapot')).json()) as { hits: Array<{ conversationId: string }> };
    expect(hits.map((h) => h.conversationId)).toEqual([id]);
    socket.close();
  });
});

describe('the directory', () => {
  it('leaves deactivated agents out', async () => {
    await env.DB.prepare("UPDATE agents SET active = 0 WHERE id = 'agent-bob'").run();
    const res = await get(await signIn('alice@example.com'), '/api/console/directory');
    const { agents } = (await res.json()) as { agents: Array<{ id: string }> };
    expect(agents.map((a) => a.id)).toEqual(['agent-admin', 'agent-alice']);
  });
});
