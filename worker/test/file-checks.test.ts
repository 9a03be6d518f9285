/** What a file must be to be sent: an allowed type whose bytes are that type, under a name that reads as it is. */
import { describe, expect, it } from 'vitest';
import { call, errorOf, newVisitor, startConversation } from './helpers';

const bytes = (...values: Array<number | string>) =>
  new Uint8Array(values.flatMap((v) => (typeof v === 'number' ? [v] : [...new TextEncoder().encode(v)])));

/** The first bytes of each kind we accept, followed by a little filler. */
const GOOD: Array<[string, string, Uint8Array]> = [
  ['photo.png', 'image/png', bytes(0x89, 'PNG', 0x0d, 0x0a, 0x1a, 0x0a, 'rest')],
  ['photo.jpg', 'image/jpeg', bytes(0xff, 0xd8, 0xff, 0xe0, 'rest')],
  ['anim.gif', 'image/gif', bytes('GIF89a', 'rest')],
  ['old.gif', 'image/gif', bytes('GIF87a', 'rest')],
  ['pic.webp', 'image/webp', bytes('RIFF', 0x24, 0, 0, 0, 'WEBPVP8 ')],
  ['invoice.pdf', 'application/pdf', bytes('%PDF-1.7\n')],
  ['note.txt', 'text/plain', bytes('Order 1042, two mugs')],
  ['orders.csv', 'text/csv', bytes('id,qty\n1042,2\n')],
];

function upload(conversationId: string, token: string, files: File[]) {
  const form = new FormData();
  for (const file of files) form.append('files', file);
  return call(`/api/files/conversations/${conversationId}`, { method: 'POST', body: form, token });
}

async function visitorChat() {
  const { token } = await newVisitor();
  const { id } = await startConversation(token);
  return { id, token };
}

describe('file types', () => {
  it('accept plain text and CSV among text types, and refuse HTML, scripts and SVG', async () => {
    const { id, token } = await visitorChat();
    for (const [name, type] of [
      ['page.html', 'text/html'],
      ['app.js', 'text/javascript'],
      ['feed.xml', 'text/xml'],
      ['logo.svg', 'image/svg+xml'],
    ]) {
      const res = await upload(id, token, [new File(['<script>alert(1)</script>'], name!, { type: type! })]);
      expect(res.status, type).toBe(415);
      expect(await errorOf(res), type).toMatchObject({ code: 'unsupported_file_type', field: 'files.0' });
    }
  });

  it('take a file whose bytes are what it says it is', async () => {
    const { id, token } = await visitorChat();
    const res = await upload(id, token, GOOD.slice(0, 5).map(([name, type, data]) => new File([data], name, { type })));
    expect(res.status).toBe(201);
    const more = await upload(id, token, GOOD.slice(5).map(([name, type, data]) => new File([data], name, { type })));
    expect(more.status).toBe(201);
  });

  it('refuse a file whose bytes are another kind than it says, naming it', async () => {
    const { id, token } = await visitorChat();
    const html = bytes('<html><script>alert(document.domain)</script></html>');
    const cases: Array<[string, string, Uint8Array, string]> = [
      ['cat.png', 'image/png', html, 'cat.png: the file is not the PNG image it says it is'],
      ['cat.jpg', 'image/jpeg', GOOD[0]![2], 'cat.jpg: the file is not the JPEG image it says it is'],
      ['cat.gif', 'image/gif', bytes('GIF90a'), 'cat.gif: the file is not the GIF image it says it is'],
      ['cat.webp', 'image/webp', bytes('RIFF', 0, 0, 0, 0, 'WAVEfmt '), 'cat.webp: the file is not the WebP image it says it is'],
      ['bill.pdf', 'application/pdf', html, 'bill.pdf: the file is not the PDF document it says it is'],
      ['note.txt', 'text/plain', GOOD[0]![2], 'note.txt: the file is not the text it says it is'],
      ['empty.png', 'image/png', new Uint8Array(0), 'empty.png: the file is not the PNG image it says it is'],
    ];
    for (const [name, type, data, message] of cases) {
      const res = await upload(id, token, [new File([GOOD[6]![2]], 'fine.txt', { type: 'text/plain' }), new File([data], name, { type })]);
      expect(res.status, name).toBe(415);
      expect(await errorOf(res), name).toEqual({ code: 'unsupported_file_type', message, field: 'files.1' });
    }
  });
});

describe('downloads', () => {
  it('show raster images inline and send everything else, PDF included, as an attachment', async () => {
    const { id, token } = await visitorChat();
    const res = await upload(id, token, [GOOD[0]!, GOOD[5]!].map(([name, type, data]) => new File([data], name, { type })));
    const { files } = (await res.json()) as { files: Array<{ id: string; type: string }> };
    const disposition = async (fileId: string) => (await call(`/api/files/${fileId}`, { token })).headers.get('Content-Disposition');
    expect(await disposition(files[0]!.id)).toMatch(/^inline/);
    expect(await disposition(files[1]!.id)).toMatch(/^attachment/);
  });
});

describe('file names', () => {
  it('lose bidirectional overrides, so "invoice‮fdp.exe" cannot pass for a PDF', async () => {
    const { id, token } = await visitorChat();
    const res = await upload(id, token, [new File(['hello'], 'report\u202Etxt.exe\u202C\u2066.txt', { type: 'text/plain' })]);
    expect(res.status).toBe(201);
    const { files } = (await res.json()) as { files: Array<{ name: string }> };
    expect(files[0]!.name).toBe('reporttxt.exe.txt');
  });
});
