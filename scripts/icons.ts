/**
 * The console's app icons, drawn at build time: a white speech bubble on the console's blue, as
 * PNGs (the manifest's 192 and 512 px, maskable, since the bubble keeps inside the safe circle) and
 * the notification badge (the bubble alone, white on transparent, which phones tint themselves).
 * Drawn in code, so no image is committed and the sizes never go stale.
 */
import { deflateSync, crc32 } from 'node:zlib';

type Rgba = [number, number, number, number];

const BLUE: Rgba = [0x1f, 0x5f, 0xd6, 255];
const WHITE: Rgba = [255, 255, 255, 255];
const CLEAR: Rgba = [0, 0, 0, 0];

/** Whether the point (x, y), in 0..1 of the icon, is on the bubble: an ellipse with a tail. */
function bubble(x: number, y: number): boolean {
  const inBody = ((x - 0.5) / 0.3) ** 2 + ((y - 0.46) / 0.22) ** 2 <= 1;
  // The tail: a triangle from under the body's left to its lower edge.
  const inTail = y >= 0.58 && y <= 0.76 && x >= 0.3 && x <= 0.46 && (x - 0.3) / 0.16 >= (y - 0.58) / 0.18;
  return inBody || inTail;
}

/** Each pixel sampled 4×4 times, so the edges are smooth. */
function draw(size: number, colour: (x: number, y: number) => Rgba): Uint8Array {
  const pixels = new Uint8Array(size * size * 4);
  const samples = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const c = colour((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size);
          // Colours are summed weighted by alpha, so a transparent sample adds no colour.
          for (let i = 0; i < 3; i++) sum[i]! += c[i]! * c[3];
          sum[3]! += c[3];
        }
      }
      const at = (py * size + px) * 4;
      const alpha = sum[3]!;
      for (let i = 0; i < 3; i++) pixels[at + i] = alpha ? Math.round(sum[i]! / alpha) : 0;
      pixels[at + 3] = Math.round(alpha / (samples * samples));
    }
  }
  return pixels;
}

function png(size: number, rgba: Uint8Array): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8 bits per channel, RGBA, no interlace
  // Each row starts with filter type 0 (none).
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) rows.set(rgba.subarray(y * size * 4, (y + 1) * size * 4), y * (size * 4 + 1) + 1);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}

/** File name to PNG bytes, for dist/console/icons/. */
export function consoleIcons(): Record<string, Buffer> {
  const appIcon = (size: number) => png(size, draw(size, (x, y) => (bubble(x, y) ? WHITE : BLUE)));
  return {
    'icon-192.png': appIcon(192),
    'icon-512.png': appIcon(512),
    'badge-96.png': png(96, draw(96, (x, y) => (bubble(x, y) ? WHITE : CLEAR))),
  };
}
