/** The Queue and Agent DOs together: timeouts, languages, races, and the line visitors see. */
import { env, runDurableObjectAlarm } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { queueStub } from '../env';
import { accept, call, newVisitor, offerFor, onlineAgent, systemLine, visitorWrites } from './helpers';

const setLanguages = (id: string, primary: string, secondary: string[] = []) =>
  env.DB.prepare('UPDATE agents SET primary_language = ?, secondary_languages = ? WHERE id = ?')
    .bind(primary, JSON.stringify(secondary), id)
    .run();

describe('queues', () => {
  it('gives an unanswered offer to the next agent when it times out', async () => {
    await env.DB.prepare('UPDATE queues SET offer_timeout_seconds = 1').run();
    const alice = await onlineAgent('alice@example.com');
    const bob = await onlineAgent('bob@example.com');
    const { id } = await visitorWrites('Anyone?');
    const first = await Promise.race([offerFor(alice.inbox, id).then(() => alice), offerFor(bob.inbox, id).then(() => bob)]);
    const second = first === alice ? bob : alice;

    await new Promise((r) => setTimeout(r, 1100));
    await runDurableObjectAlarm(queueStub(env, 'general'));
    expect(await first.inbox.waitFor((f) => f.type === 'offer_withdrawn')).toMatchObject({ conversationId: id, reason: 'expired' });
    await offerFor(second.inbox, id);
    expect((await accept(first.cookie, id)).status).toBe(409);
    expect((await accept(second.cookie, id)).status).toBe(200);
  });

  it('offers a chat to a speaker of the visitor’s language first', async () => {
    await setLanguages('agent-alice', 'en');
    await setLanguages('agent-bob', 'de', ['nb']);
    const alice = await onlineAgent('alice@example.com');
    const bob = await onlineAgent('bob@example.com');

    const norwegian = await visitorWrites('Hei!', { language: 'nb-NO' });
    await offerFor(bob.inbox, norwegian.id); // secondary speaker beats a non-speaker
    const english = await visitorWrites('Hello!', { language: 'en-GB' });
    await offerFor(alice.inbox, english.id);
    expect(alice.inbox.frames.some((f) => f.type === 'offer' && f.offer.conversationId === norwegian.id)).toBe(false);
  });

  it('gives a chat to one agent only, however many accepts race', async () => {
    const alice = await onlineAgent('alice@example.com');
    const bob = await onlineAgent('bob@example.com');
    const { id, socket } = await visitorWrites('Hello?');
    const offered = await Promise.race([offerFor(alice.inbox, id).then(() => alice), offerFor(bob.inbox, id).then(() => bob)]);
    const results = await Promise.all([accept(alice.cookie, id), accept(bob.cookie, id), accept(offered.cookie, id)]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409]);
    await new Promise((r) => setTimeout(r, 200));
    expect(socket.frames.filter((f) => f.type === 'message' && f.message.event === 'agent_joined')).toHaveLength(1);
  });

  it('tells waiting visitors their place in line, live', async () => {
    const first = await visitorWrites('first');
    const second = await visitorWrites('second');
    expect(await first.socket.waitFor((f) => f.type === 'queue')).toMatchObject({ position: 1 });
    const queued = await second.socket.waitFor((f) => f.type === 'queue');
    expect(queued).toMatchObject({ position: 2 });
    expect(queued.estimatedWaitMs).toBeGreaterThan(0);

    const alice = await onlineAgent('alice@example.com');
    await offerFor(alice.inbox, first.id);
    await accept(alice.cookie, first.id);
    await second.socket.waitFor((f) => f.type === 'queue' && f.position === 1);
    await systemLine(first.socket, 'Alice joined the chat');
  });

  it('keeps an invisible agent out of routing, like an away one', async () => {
    const alice = await onlineAgent('alice@example.com');
    await call('/api/console/status', { method: 'PUT', cookie: alice.cookie, body: JSON.stringify({ status: 'invisible' }) });
    const { id } = await visitorWrites('Hello');
    await expect(offerFor(alice.inbox, id, 0, 1000)).rejects.toThrow(/no matching frame/);
  });
});

describe('which queue a chat joins', () => {
  it('follows the site’s routing rules in order, by pre-chat answer or language, else the first queue', async () => {
    const now = Date.now();
    await env.DB.batch([
      env.DB.prepare("INSERT INTO queues (id, site_id, name, created_at) VALUES ('sales', 'demo-shop', 'Sales', ?)").bind(now),
      env.DB.prepare("INSERT INTO queues (id, site_id, name, created_at) VALUES ('norsk', 'demo-shop', 'Norsk', ?)").bind(now),
      env.DB.prepare("INSERT INTO routing_rules (id, site_id, position, field, value, queue_id) VALUES ('r1', 'demo-shop', 1, 'topic', 'buying', 'sales')"),
      env.DB.prepare("INSERT INTO routing_rules (id, site_id, position, field, value, queue_id) VALUES ('r2', 'demo-shop', 2, 'language', 'nb', 'norsk')"),
    ]);
    const queueOf = async (body: Record<string, unknown>) => (await visitorWrites('hi', body)).id;
    const chats = {
      sales: await queueOf({ answers: { topic: 'buying' }, language: 'nb' }), // the first rule wins
      norsk: await queueOf({ language: 'nb-NO', answers: { topic: 'returns' } }),
      general: await queueOf({ language: 'en', answers: { topic: 'returns' } }),
    };
    for (const [queue, id] of Object.entries(chats)) {
      const row = await env.DB.prepare('SELECT queue_id FROM conversations WHERE id = ?').bind(id).first();
      expect(row, queue).toEqual({ queue_id: queue });
    }
  });

  it('refuses malformed pre-chat answers and languages', async () => {
    const { token } = await newVisitor();
    for (const [body, field] of [
      [{ language: 'not a language' }, 'language'],
      [{ answers: { topic: 42 } }, 'answers.topic'],
      [{ answers: Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`q${i}`, 'a'])) }, 'answers'],
    ] as const) {
      const res = await call('/api/visitor/conversation', { method: 'POST', token, body: JSON.stringify(body) });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { field?: string } }).error.field).toBe(field);
    }
  });
});
