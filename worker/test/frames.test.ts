import { describe, expect, it } from 'vitest';
import { ulid } from '../../protocol/ids';
import { MAX_MESSAGE_CHARS } from '../../protocol/limits';
import { connect, newVisitor, signIn, startConversation } from './helpers';

async function visitorSocket() {
  const { token } = await newVisitor();
  const { id } = await startConversation(token);
  return connect(`/ws/visitor/conversations/${id}?token=${token}`);
}

describe('bad frames on a conversation socket', () => {
  // [case, frame, code, message, field named in the error]
  const cases: Array<[string, unknown, string, string, string?]> = [
    ['not JSON', '{"type": "message",', 'bad_json', 'Frame is not valid JSON'],
    ['a JSON string', '"hello"', 'invalid_frame', 'Frame must be an object with a string "type"'],
    ['no type', { text: 'hi' }, 'invalid_frame', 'Frame must be an object with a string "type"'],
    ['an unknown type', { type: 'shout' }, 'unknown_frame', 'Unknown frame type "shout"'],
    ['a prototype key as type', { type: '__proto__' }, 'unknown_frame', 'Unknown frame type "__proto__"'],
    ['a message without text', { type: 'message', clientId: ulid() }, 'invalid_frame', 'text: Invalid key: Expected "text" but received undefined', 'text'],
    ['a message without a ULID', { type: 'message', clientId: 'abc', text: 'hi' }, 'invalid_frame', 'clientId: must be a ULID', 'clientId'],
    ['blank text', { type: 'message', clientId: ulid(), text: '   ' }, 'invalid_frame', 'text: must not be empty', 'text'],
    ['oversize text', { type: 'message', clientId: ulid(), text: 'x'.repeat(MAX_MESSAGE_CHARS + 1) }, 'invalid_frame', `text: must be at most ${MAX_MESSAGE_CHARS} characters`, 'text'],
    ['hello with a negative seq', { type: 'hello', after: -1 }, 'invalid_frame', 'after: Invalid value: Expected >=0 but received -1', 'after'],
    ['typing that is not boolean', { type: 'typing', typing: 'yes' }, 'invalid_frame', 'typing: Invalid type: Expected boolean but received "yes"', 'typing'],
    ['a frame over 16 KB', 'x'.repeat(17_000), 'frame_too_large', 'Frames are at most 16384 bytes'],
  ];

  it.each(cases)('answers %s with an error frame and keeps the socket open', async (_, frame, code, message, field) => {
    const socket = await visitorSocket();
    socket.send(frame);
    const expected = field ? { type: 'error', code, message, field } : { type: 'error', code, message };
    expect(await socket.waitFor((f) => f.type === 'error')).toEqual(expected);

    const clientId = ulid();
    socket.send({ type: 'message', clientId, text: 'still here' });
    expect(await socket.waitFor((f) => f.type === 'ack')).toMatchObject({ clientId, seq: 1 });
  });

  it('refuses binary frames', async () => {
    const socket = await visitorSocket();
    socket.ws.send(new Uint8Array([1, 2, 3]));
    expect(await socket.waitFor((f) => f.type === 'error')).toMatchObject({ code: 'invalid_frame' });
  });

  it('stores nothing from a stream of malformed frames', async () => {
    const socket = await visitorSocket();
    for (const [, frame] of cases) socket.send(frame);
    await socket.waitFor(() => socket.frames.filter((f) => f.type === 'error').length === cases.length);
    socket.send({ type: 'hello', after: 0 });
    expect((await socket.waitFor((f) => f.type === 'welcome')).messages).toEqual([]);
  });

  it('answers heartbeats', async () => {
    const socket = await visitorSocket();
    socket.send('ping');
    expect(await socket.waitFor((f) => f === 'pong')).toBe('pong');
  });
});

describe('the inbox socket', () => {
  it('takes no frames from the console, answering each with an error and staying open', async () => {
    const inbox = await connect('/ws/agent/inbox', { cookie: await signIn('alice@example.com') });
    await inbox.waitFor((f) => f.type === 'inbox');
    inbox.send({ type: 'accept' });
    expect(await inbox.waitFor((f) => f.type === 'error')).toMatchObject({ code: 'unknown_frame' });
    inbox.send('ping');
    expect(await inbox.waitFor((f) => f === 'pong')).toBe('pong');
  });
});
