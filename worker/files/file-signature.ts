/**
 * Whether a file's bytes are the kind its declared type says. The type is the client's word; a
 * page saved as `cat.png` must not travel as an image. Images and PDF are known by the magic
 * numbers their formats begin with; text by holding no control characters a text never has (a
 * binary file nearly always does), whatever its 8-bit encoding.
 */

/** What a file of each type begins with, and what the type is called in a refusal. */
const KINDS: Record<string, { what: string; is(head: Uint8Array): boolean }> = {
  'image/png': { what: 'PNG image', is: (h) => startsWith(h, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  'image/jpeg': { what: 'JPEG image', is: (h) => startsWith(h, [0xff, 0xd8, 0xff]) },
  'image/gif': { what: 'GIF image', is: (h) => startsWith(h, ascii('GIF87a')) || startsWith(h, ascii('GIF89a')) },
  'image/webp': { what: 'WebP image', is: (h) => startsWith(h, ascii('RIFF')) && startsWith(h.subarray(8), ascii('WEBP')) },
  'application/pdf': { what: 'PDF document', is: (h) => startsWith(h, ascii('%PDF-')) },
  'text/plain': { what: 'text', is: isText },
  'text/csv': { what: 'text', is: isText },
};

/** Enough to see any signature, and a fair sample of a text. */
const HEAD_BYTES = 4096;

/** Null when the bytes are the declared kind; otherwise what the file claimed to be. */
export async function wrongKind(file: File): Promise<string | null> {
  const kind = KINDS[file.type];
  if (!kind) return file.type;
  const head = new Uint8Array(await file.slice(0, HEAD_BYTES).arrayBuffer());
  return kind.is(head) ? null : kind.what;
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);
}

function ascii(text: string): number[] {
  return [...text].map((ch) => ch.charCodeAt(0));
}

/** No C0 controls but tab, line feed, form feed and carriage return, and no DEL. */
function isText(head: Uint8Array): boolean {
  return head.every((b) => (b >= 0x20 && b !== 0x7f) || b === 0x09 || b === 0x0a || b === 0x0c || b === 0x0d);
}
