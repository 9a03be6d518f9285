/**
 * What agents hear of while away from the desk, and who hears it: offers, messages in their chats,
 * tickets, mentions in private notes, missed chats. Pushes go to the local push service, which
 * checks and decrypts each one; mails are the rows the mailer keeps.
 */
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PREFERENCES, type NotificationPreferences } from '../../protocol/notifications';
import { ulid } from '../../protocol/ids';
import { DEMO_SITE } from '../demo/demo-data';
import { notifyAgents, type MissedChatEvent } from '../notifications/notify';
import { conversationStub } from '../env';
import { fastForward } from './deadlines';
import { accept, agentSocket, call, json, offerFor, onlineAgent, signIn, visitorWrites } from './helpers';
import { newDevice, pushDeviceOf, pushesTo, received, settle } from './push-devices';
import { aliceHasChat, agentSays, anotherShop, carolOfBilling, post } from './workspace-fixtures';

async function choose(cookie: string, change: (p: NotificationPreferences) => void) {
  const preferences = structuredClone(DEFAULT_PREFERENCES);
  change(preferences);
  const res = await call('/api/console/notifications', { method: 'PUT', cookie, body: json(preferences) });
  expect(res.status).toBe(200);
}

/** Dave answers another site's chats: the demo shop's tickets are none of his. */
const daveOfAnotherSite = () => anotherShop({ siteId: 'other-shop', siteName: 'Other shop', queueId: 'other', agent: 'Dave' });

const mails = async () => (await env.DB.prepare('SELECT "to", subject, text FROM mails ORDER BY created_at').all<{ to: string; subject: string; text: string }>()).results;

const aTicket = (id = 't1') => ({ kind: 'ticket', ticket: { id, siteName: 'Demo shop', name: 'Kim', email: 'kim@example.com', message: 'Hello?' } }) as const;

describe('a new offer', () => {
  it('reaches the devices of the agent it is offered to, at once and briefly', async () => {
    const alice = await onlineAgent('alice@example.com');
    const phone = await pushDeviceOf(alice.cookie);
    const bobsPhone = await pushDeviceOf(await signIn('bob@example.com'));
    const { id } = await visitorWrites('Do you ship to Norway?');
    await offerFor(alice.inbox, id);
    const [push] = await pushesTo(phone);
    expect(push).toEqual({
      kind: 'offer',
      title: expect.stringMatching(/^Chat request from /),
      body: 'Do you ship to Norway?',
      url: '/console/',
      tag: `offer:${id}`,
      ttl: '60',
      urgency: 'high',
    });
    // Bob is not online, so the queue offered him nothing.
    expect(await received(bobsPhone)).toEqual([]);
  });

  it('tells an invited colleague who invites them', async () => {
    const { alice, id } = await aliceHasChat();
    const bob = await onlineAgent('bob@example.com');
    const phone = await pushDeviceOf(bob.cookie);
    expect((await post(alice.cookie, `/api/console/chats/${id}/invite`, { agentId: 'agent-bob' })).status).toBe(200);
    expect((await pushesTo(phone))[0]).toMatchObject({ kind: 'offer', title: 'Alice invites you to a chat', tag: `offer:${id}` });
  });
});

describe('a new message in my chat', () => {
  it('reaches an agent in the chat only while they have no socket open to it', async () => {
    const { alice, visitor, socket, id } = await aliceHasChat();
    const phone = await pushDeviceOf(alice.cookie);
    visitor.socket.send({ type: 'message', clientId: ulid(), text: 'Seen at once' });
    await socket.waitFor((f) => f.type === 'message' && f.message.text === 'Seen at once');
    socket.close();
    await settle();
    visitor.socket.send({ type: 'message', clientId: ulid(), text: 'Are you\n still   there?' });
    const [push] = await pushesTo(phone);
    expect(push).toEqual({
      kind: 'message',
      title: expect.stringMatching(/^New message from /),
      body: 'Are you still there?',
      url: `/console/chats/${id}`,
      tag: `chat:${id}`,
      ttl: '3600',
      urgency: 'high',
    });
    await settle();
    expect(await received(phone)).toHaveLength(1);
  });

  it('is not pushed to an agent who turned that off, nor for the agent’s own messages', async () => {
    const alice = await onlineAgent('alice@example.com');
    const phone = await pushDeviceOf(alice.cookie);
    await choose(alice.cookie, (p) => (p.push.message = false));
    const visitor = await visitorWrites('Hello');
    await offerFor(alice.inbox, visitor.id);
    expect((await accept(alice.cookie, visitor.id)).status).toBe(200);
    visitor.socket.send({ type: 'message', clientId: ulid(), text: 'Anyone?' });
    await pushesTo(phone);
    await settle();
    expect((await pushesTo(phone)).map((p) => p.kind)).toEqual(['offer']);
  });
});

describe('a new ticket', () => {
  it('reaches the site’s agents, admins and supervisors, by push and, for those who chose it, by mail', async () => {
    const alice = await signIn('alice@example.com');
    const [alicesPhone, bobsPhone, adasPhone, davesPhone] = await Promise.all([
      pushDeviceOf(alice),
      signIn('bob@example.com').then((c) => pushDeviceOf(c)),
      signIn('admin@example.com').then((c) => pushDeviceOf(c)),
      daveOfAnotherSite().then((c) => pushDeviceOf(c)),
    ]);
    await choose(alice, (p) => (p.email.ticket = true));
    const res = await call('/api/visitor/tickets', { method: 'POST', body: json({ siteId: DEMO_SITE.id, name: 'Kim', email: 'kim@example.com', message: 'Is the teapot back in stock?' }) });
    expect(res.status).toBe(201);
    const { ticket } = (await res.json()) as { ticket: { id: string } };
    for (const phone of [alicesPhone, bobsPhone, adasPhone]) {
      expect(await pushesTo(phone)).toEqual([
        { kind: 'ticket', title: 'New ticket from Kim', body: 'Is the teapot back in stock?', url: '/console/tickets', tag: `ticket:${ticket.id}`, ttl: '86400', urgency: 'normal' },
      ]);
    }
    await settle();
    expect(await received(davesPhone)).toEqual([]);
    expect(await mails()).toEqual([
      {
        to: 'alice@example.com',
        subject: 'New ticket from Kim on Demo shop',
        text: 'Kim <kim@example.com> left a message on Demo shop:\n\nIs the teapot back in stock?\n\nAnswer it under Tickets in the Parley console.\n',
      },
    ]);
  });

  it('filed from a chat, reaches the team but the agent who filed it', async () => {
    const { alice, id } = await aliceHasChat('My parcel never came');
    const alicesPhone = await pushDeviceOf(alice.cookie);
    const bobsPhone = await pushDeviceOf(await signIn('bob@example.com'));
    expect((await post(alice.cookie, `/api/console/chats/${id}/ticket`, { message: 'Parcel lost; call the carrier' })).status).toBe(201);
    expect((await pushesTo(bobsPhone))[0]).toMatchObject({ kind: 'ticket', body: 'Parcel lost; call the carrier' });
    await settle();
    expect(await received(alicesPhone)).toEqual([]);
  });
});

describe('a mention in a private note', () => {
  it('reaches the named agents who may see the chat, and never comes from a public message', async () => {
    const { socket } = await aliceHasChat();
    const bobsPhone = await pushDeviceOf(await signIn('bob@example.com'));
    const adasPhone = await pushDeviceOf(await signIn('admin@example.com'));
    const carolsPhone = await pushDeviceOf(await carolOfBilling());
    await agentSays(socket, '@Bob can you check order 42? cc @ada, @Carol; mail bob@alice.example', { private: true });
    expect(await pushesTo(bobsPhone)).toEqual([expect.objectContaining({ kind: 'mention', title: 'Alice mentioned you', body: expect.stringMatching(/^@Bob can you check order 42\?/) })]);
    expect((await pushesTo(adasPhone))[0]).toMatchObject({ kind: 'mention' });
    await agentSays(socket, 'Thanks @Bob', {});
    await settle();
    // Carol answers another queue: she cannot open this chat, so her name reaches nobody.
    expect(await received(carolsPhone)).toEqual([]);
    expect(await received(bobsPhone)).toHaveLength(1);
  });

  it('is told instead of "new message" to a mentioned agent in the chat with no socket open to it', async () => {
    const { alice, socket, id } = await aliceHasChat();
    const bob = await onlineAgent('bob@example.com');
    const phone = await pushDeviceOf(bob.cookie);
    expect((await post(alice.cookie, `/api/console/chats/${id}/invite`, { agentId: 'agent-bob' })).status).toBe(200);
    await offerFor(bob.inbox, id);
    expect((await accept(bob.cookie, id)).status).toBe(200);
    await agentSays(socket, 'Over to you, @Bob', { private: true });
    await pushesTo(phone, 2);
    await agentSays(socket, 'Bob will help you now');
    expect((await pushesTo(phone, 3)).map((p) => `${p.kind}: ${p.body}`)).toEqual([
      expect.stringMatching(/^offer: /),
      'mention: Over to you, @Bob',
      'message: Bob will help you now',
    ]);
    const bobInChat = await agentSocket(bob.cookie, id);
    await agentSays(socket, 'Now he is here, @Bob', { private: true });
    await bobInChat.waitFor((f) => f.type === 'message' && f.message.text === 'Now he is here, @Bob');
    await settle();
    expect(await received(phone)).toHaveLength(3);
  });
});

describe('a missed chat', () => {
  it('reaches everyone who could have taken it when its wait runs out, and no one of another site', async () => {
    const alice = await signIn('alice@example.com');
    const [alicesPhone, bobsPhone] = [await pushDeviceOf(alice), await pushDeviceOf(await signIn('bob@example.com'))];
    const davesPhone = await pushDeviceOf(await daveOfAnotherSite());
    const { id } = await visitorWrites('Is the blue jug back in stock?');
    await fastForward(conversationStub(env, id), 'missed');
    const expected = { kind: 'missed_chat', title: expect.stringMatching(/^Missed chat from /), body: 'Is the blue jug back in stock?', url: '/console/tickets', tag: `missed:${id}` };
    expect(await pushesTo(alicesPhone)).toEqual([expect.objectContaining(expected)]);
    expect(await pushesTo(bobsPhone)).toEqual([expect.objectContaining(expected)]);
    expect(await received(davesPhone)).toEqual([]);
  });

  const missed: MissedChatEvent = {
    kind: 'missed_chat',
    conversationId: 'c1',
    visitorName: 'Kim',
    queueName: 'General',
    preview: 'Is anyone there?',
    visitorEmail: 'kim@example.com',
  };

  it('is pushed, and mailed to those who chose mail for it', async () => {
    const alice = await signIn('alice@example.com');
    const bob = await signIn('bob@example.com');
    const [alicesPhone, bobsPhone] = [await pushDeviceOf(alice), await pushDeviceOf(bob)];
    await choose(alice, (p) => (p.email.missed_chat = true));
    await choose(bob, (p) => (p.push.missed_chat = false));
    await notifyAgents(env, ['agent-alice', 'agent-bob'], missed);
    expect(await pushesTo(alicesPhone)).toEqual([
      { kind: 'missed_chat', title: 'Missed chat from Kim', body: 'Is anyone there?', url: '/console/tickets', tag: 'missed:c1', ttl: '86400', urgency: 'normal' },
    ]);
    expect(await received(bobsPhone)).toEqual([]);
    expect(await mails()).toEqual([
      {
        to: 'alice@example.com',
        subject: 'Missed chat from Kim',
        text: "Nobody answered Kim's chat in General.\n\nThey wrote:\nIs anyone there?\n\nTheir email: kim@example.com\n\nIt waits as a ticket under Tickets in the Parley console.\n",
      },
    ]);
  });
});

describe('delivery', () => {
  it('forgets a device the push service says is gone (404, 410) and keeps the others', async () => {
    const alice = await signIn('alice@example.com');
    const [gone, unknown, live] = [await pushDeviceOf(alice, 410), await pushDeviceOf(alice, 404), await pushDeviceOf(alice)];
    await notifyAgents(env, ['agent-alice'], aTicket());
    expect(await pushesTo(live)).toHaveLength(1);
    const rows = await env.DB.prepare('SELECT endpoint FROM push_subscriptions').all<{ endpoint: string }>();
    expect(rows.results.map((r) => r.endpoint)).toEqual([live.endpoint]);
    expect(await pushesTo(gone)).toHaveLength(1);
    expect(await pushesTo(unknown)).toHaveLength(1);
  });

  it('never throws into the caller: a broken device leaves the rest to go out, a failing database is logged', async () => {
    const alice = await signIn('alice@example.com');
    const live = await pushDeviceOf(alice);
    const broken = await newDevice();
    await env.DB.prepare("INSERT INTO push_subscriptions (endpoint, agent_id, p256dh, auth, origin, created_at) VALUES (?, 'agent-alice', 'not-a-key', 'x', 'https://parley.test', 0)")
      .bind(broken.endpoint)
      .run();
    await expect(notifyAgents(env, ['agent-alice', 'nobody'], aTicket())).resolves.toBeUndefined();
    expect(await pushesTo(live)).toHaveLength(1);
    await expect(notifyAgents({ ...env, DB: undefined as unknown as D1Database }, ['agent-alice'], aTicket('t2'))).resolves.toBeUndefined();
  });

  it('reaches no deactivated agent', async () => {
    const alicesPhone = await pushDeviceOf(await signIn('alice@example.com'));
    const bobsPhone = await pushDeviceOf(await signIn('bob@example.com'));
    await env.DB.prepare("UPDATE agents SET active = 0 WHERE id = 'agent-bob'").run();
    await notifyAgents(env, ['agent-alice', 'agent-bob'], aTicket());
    expect(await pushesTo(alicesPhone)).toHaveLength(1);
    expect(await received(bobsPhone)).toEqual([]);
  });
});
