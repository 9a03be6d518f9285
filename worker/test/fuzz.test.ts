/**
 * Hundreds of generated malformed frames, each broken by construction in a known way, from many
 * tabs of one visitor at once. Every one gets an error frame; nothing is stored; the
 * conversation still works afterwards.
 */
import { expect, it } from 'vitest';
import { ulid } from '../../protocol/ids';
import { FRAME_BURST, MAX_MESSAGE_CHARS } from '../../protocol/limits';
import { connect, newVisitor, startConversation } from './helpers';

/** A small seeded generator, so a failure can be replayed exactly. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const VALID: Record<string, () => Record<string, unknown>> = {
  hello: () => ({ type: 'hello', after: 0 }),
  message: () => ({ type: 'message', clientId: ulid(), text: 'hi' }),
  typing: () => ({ type: 'typing', typing: true }),
  delivered: () => ({ type: 'delivered', seq: 1 }),
  read: () => ({ type: 'read', seq: 1 }),
};
const WRONG_VALUES: unknown[] = [null, 42, -1, 1.5, 'text', '', true, [], {}, [1, 2], { nested: 'x' }];

function malformedFrame(next: () => number): string {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const types = Object.keys(VALID);
  const frame = VALID[pick(types)]!();
  const fields = Object.keys(frame).filter((k) => k !== 'type');
  switch (pick(['truncated', 'not-object', 'unknown-type', 'missing', 'wrong-type', 'bad-value'] as const)) {
    case 'truncated': {
      const json = JSON.stringify(frame);
      return json.slice(0, 1 + Math.floor(next() * (json.length - 1)));
    }
    case 'not-object':
      return JSON.stringify(pick([null, 7, 'message', [frame], true]));
    case 'unknown-type':
      return JSON.stringify({ ...frame, type: pick(['msg', 'MESSAGE', 'constructor', 'toString', '', 'hello ', 'x'.repeat(60)]) });
    case 'missing':
      delete frame[pick(fields)];
      return JSON.stringify(frame);
    case 'wrong-type': {
      const field = pick(fields);
      // A value of another type than the field takes, so never accidentally valid.
      const wrong = WRONG_VALUES.filter((v) => typeof v !== typeof frame[field] || Array.isArray(v) || v === null);
      return JSON.stringify({ ...frame, [field]: pick(wrong) });
    }
    case 'bad-value':
      return JSON.stringify(
        pick([
          { type: 'message', clientId: 'not-a-ulid', text: 'hi' },
          { type: 'message', clientId: ulid().toLowerCase(), text: 'hi' },
          { type: 'message', clientId: ulid(), text: ' \n\t ' },
          { type: 'message', clientId: ulid(), text: 'x'.repeat(MAX_MESSAGE_CHARS + 1 + Math.floor(next() * 100)) },
          { type: 'hello', after: -1 - Math.floor(next() * 10) },
          { type: 'hello', after: 0.5 },
          { type: 'read', seq: 0 },
          { type: 'delivered', seq: -3 },
        ]),
      );
  }
}

it('answers 500 generated malformed frames with errors, stores nothing, and keeps working', async () => {
  const { token } = await newVisitor();
  const { id } = await startConversation(token);
  const next = random(20261121);
  const tabs = 25;
  const perTab = 20; // below the burst size, so every answer is about the frame, not the rate
  expect(perTab).toBeLessThan(FRAME_BURST);

  const sockets = await Promise.all(Array.from({ length: tabs }, () => connect(`/ws/visitor/conversations/${id}?token=${token}`)));
  for (const socket of sockets) for (let i = 0; i < perTab; i++) socket.send(malformedFrame(next));

  for (const socket of sockets) {
    await socket.waitFor(() => socket.frames.filter((f) => f.type === 'error').length === perTab);
    const errors = socket.frames.filter((f) => f.type === 'error');
    for (const { code } of errors) expect(['bad_json', 'invalid_frame', 'unknown_frame', 'frame_too_large']).toContain(code);
    expect(errors.every((f) => f.message.length > 0)).toBe(true);
    // Besides the errors, only news of the conversation itself (a tab came online).
    expect(socket.frames.filter((f) => f.type !== 'error').every((f) => f.type === 'conversation')).toBe(true);
  }

  const last = sockets.at(-1)!;
  const clientId = ulid();
  last.send({ type: 'message', clientId, text: 'Still works?' });
  expect(await last.waitFor((f) => f.type === 'ack')).toMatchObject({ clientId, seq: 1 });
  const fresh = await connect(`/ws/visitor/conversations/${id}?token=${token}`);
  fresh.send({ type: 'hello', after: 0 });
  const welcome = await fresh.waitFor((f) => f.type === 'welcome');
  expect(welcome.messages.map((m: { text: string }) => m.text)).toEqual(['Still works?']);
}, 30_000);
