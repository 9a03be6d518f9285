/** Attachments and rich messages: files in R2, agents' choices answered by the visitor, cards. */
import { describe, expect, it } from 'vitest';
import { ulid } from '../../protocol/ids';
import { MAX_FILE_BYTES } from '../../protocol/limits';
import { accept, agentSocket, call, errorOf, newVisitor, offerFor, onlineAgent, visitorWrites } from './helpers';

const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function upload(conversationId: string, files: File[], auth: { token?: string; cookie?: string }, extra: Record<string, string> = {}) {
  const form = new FormData();
  for (const file of files) form.append('files', file);
  for (const [k, v] of Object.entries(extra)) form.append(k, v);
  return call(`/api/files/conversations/${conversationId}`, { method: 'POST', body: form, ...auth });
}

async function chatWithAlice() {
  const alice = await onlineAgent('alice@example.com');
  const visitor = await visitorWrites('Here is a photo of the damage');
  await offerFor(alice.inbox, visitor.id);
  await accept(alice.cookie, visitor.id);
  const agent = await agentSocket(alice.cookie, visitor.id);
  await visitor.socket.waitFor((f) => f.type === 'conversation' && f.conversation.status === 'active');
  return { alice, visitor, agent };
}

describe('attachments', () => {
  it('a visitor uploads an image and sends it; the agent receives it and can download it', async () => {
    const { visitor, agent, alice } = await chatWithAlice();
    const res = await upload(visitor.id, [new File([png], 'damage.png', { type: 'image/png' })], { token: visitor.token });
    expect(res.status).toBe(201);
    const { files } = (await res.json()) as { files: Array<{ id: string; name: string; type: string; size: number }> };
    expect(files).toEqual([{ id: expect.any(String), name: 'damage.png', type: 'image/png', size: png.length }]);

    visitor.socket.send({ type: 'message', clientId: ulid(), text: '', attachments: [files[0]!.id] });
    const { message } = await agent.waitFor((f) => f.type === 'message' && f.message.attachments);
    expect(message.attachments).toEqual(files);

    const download = await call(`/api/files/${files[0]!.id}`, { cookie: alice.cookie });
    expect(download.status).toBe(200);
    expect(download.headers.get('Content-Type')).toBe('image/png');
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(png);
  });

  it('refuses wrong types, oversize files and more than five, naming the file', async () => {
    const { visitor } = await chatWithAlice();
    const exe = await upload(visitor.id, [new File(['MZ'], 'setup.exe', { type: 'application/x-msdownload' })], { token: visitor.token });
    expect(exe.status).toBe(415);
    expect(await errorOf(exe)).toMatchObject({ code: 'unsupported_file_type', field: 'files.0' });

    const big = await upload(visitor.id, [new File([new Uint8Array(MAX_FILE_BYTES + 1)], 'big.png', { type: 'image/png' })], { token: visitor.token });
    expect(big.status).toBe(413);
    expect(await errorOf(big)).toEqual({ code: 'file_too_large', message: 'big.png: files may be at most 20 MB', field: 'files.0' });

    const six = Array.from({ length: 6 }, (_, i) => new File(['x'], `note${i}.txt`, { type: 'text/plain' }));
    const many = await upload(visitor.id, six, { token: visitor.token });
    expect(many.status).toBe(400);
    expect((await errorOf(many)).code).toBe('too_many_files');

    const none = await upload(visitor.id, [], { token: visitor.token });
    expect(await errorOf(none)).toMatchObject({ code: 'invalid_request', field: 'files' });
  });

  it("keeps a conversation's files from other visitors, and private files from the visitor", async () => {
    const { visitor, alice } = await chatWithAlice();
    const stranger = await newVisitor();
    const foreign = await upload(visitor.id, [new File(['hi'], 'a.txt', { type: 'text/plain' })], { token: stranger.token });
    expect(foreign.status).toBe(404);

    const own = await upload(visitor.id, [new File(['hi'], 'a.txt', { type: 'text/plain' })], { token: visitor.token });
    const [file] = ((await own.json()) as { files: Array<{ id: string }> }).files;
    expect((await call(`/api/files/${file!.id}`, { token: stranger.token })).status).toBe(404);
    const text = await call(`/api/files/${file!.id}`, { token: visitor.token });
    // Text downloads rather than opening as a page on Parley's origin.
    expect(text.headers.get('Content-Disposition')).toMatch(/^attachment/);

    const privateFile = await upload(visitor.id, [new File(['notes'], 'internal.txt', { type: 'text/plain' })], { cookie: alice.cookie }, { private: 'true' });
    expect(privateFile.status).toBe(201);
    const [hidden] = ((await privateFile.json()) as { files: Array<{ id: string }> }).files;
    expect((await call(`/api/files/${hidden!.id}`, { token: visitor.token })).status).toBe(404);
    expect((await call(`/api/files/${hidden!.id}`, { cookie: alice.cookie })).status).toBe(200);

    const visitorPrivate = await upload(visitor.id, [new File(['x'], 'x.txt', { type: 'text/plain' })], { token: visitor.token }, { private: 'true' });
    expect(visitorPrivate.status).toBe(403);
  });

  it('refuses a banned visitor both ways', async () => {
    const { visitor, alice } = await chatWithAlice();
    const own = await upload(visitor.id, [new File(['hi'], 'a.txt', { type: 'text/plain' })], { token: visitor.token });
    const [file] = ((await own.json()) as { files: Array<{ id: string }> }).files;
    const ban = await call(`/api/console/chats/${visitor.id}/ban`, { method: 'POST', cookie: alice.cookie, body: JSON.stringify({}) });
    expect(ban.status).toBeLessThan(300);
    const again = await upload(visitor.id, [new File(['hi'], 'b.txt', { type: 'text/plain' })], { token: visitor.token });
    expect(again.status).toBe(403);
    expect((await errorOf(again)).code).toBe('banned');
    expect((await call(`/api/files/${file!.id}`, { token: visitor.token })).status).toBe(403);
  });

  it("refuses a message naming a file the sender did not upload, and keeps the socket", async () => {
    const { visitor, alice } = await chatWithAlice();
    const agentUpload = await upload(visitor.id, [new File(['x'], 'x.txt', { type: 'text/plain' })], { cookie: alice.cookie });
    const [file] = ((await agentUpload.json()) as { files: Array<{ id: string }> }).files;
    const clientId = ulid();
    visitor.socket.send({ type: 'message', clientId, text: 'look', attachments: [file!.id] });
    const error = await visitor.socket.waitFor((f) => f.type === 'error');
    expect(error).toMatchObject({ code: 'not_found', field: 'attachments', clientId });
    visitor.socket.send({ type: 'message', clientId: ulid(), text: 'still here' });
    await visitor.socket.waitFor((f) => f.type === 'ack');
  });
});

describe('choices and cards', () => {
  it("an agent's choices are answered by the visitor with one of them", async () => {
    const { visitor, agent } = await chatWithAlice();
    agent.send({ type: 'message', clientId: ulid(), text: 'Which order?', choices: ['#1001', '#1002'] });
    const asked = await visitor.socket.waitFor((f) => f.type === 'message' && f.message.choices);
    expect(asked.message).toMatchObject({ text: 'Which order?', choices: ['#1001', '#1002'] });

    visitor.socket.send({ type: 'message', clientId: ulid(), text: '#9999', replyTo: asked.message.seq });
    expect(await visitor.socket.waitFor((f) => f.type === 'error')).toMatchObject({ code: 'invalid_frame', field: 'text' });
    visitor.socket.send({ type: 'message', clientId: ulid(), text: '#1002', replyTo: asked.message.seq });
    const answer = await agent.waitFor((f) => f.type === 'message' && f.message.replyTo);
    expect(answer.message).toMatchObject({ text: '#1002', replyTo: asked.message.seq, author: { role: 'visitor' } });
  });

  it('refuses choices and cards from a visitor, and a card with a script URL', async () => {
    const { visitor, agent } = await chatWithAlice();
    visitor.socket.send({ type: 'message', clientId: ulid(), text: 'Pick', choices: ['a', 'b'] });
    expect(await visitor.socket.waitFor((f) => f.type === 'error')).toMatchObject({ code: 'forbidden', field: 'choices' });
    agent.send({ type: 'message', clientId: ulid(), text: '', card: { url: 'javascript:alert(1)', title: 'x' } });
    expect(await agent.waitFor((f) => f.type === 'error')).toMatchObject({ code: 'invalid_frame', field: 'card.url' });
    agent.send({ type: 'message', clientId: ulid(), text: '', card: { url: 'https://shop.example/p/1', title: 'Blue mug', price: '€12' } });
    const card = await visitor.socket.waitFor((f) => f.type === 'message' && f.message.card);
    expect(card.message.card).toEqual({ url: 'https://shop.example/p/1', title: 'Blue mug', price: '€12' });
  });
});
