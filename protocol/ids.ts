/**
 * ULIDs: 48-bit time + 80 random bits in Crockford base32. Sortable by creation time,
 * made by whoever creates the thing (a client makes its message ids, so a resend after a
 * lost ack carries the same id and the server can recognise it).
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export const ULID_PATTERN = /^[0-9A-HJKMNP-TV-Z]{26}$/;

export function ulid(now: number = Date.now()): string {
  let time = '';
  let t = now;
  for (let i = 0; i < 10; i++) {
    time = ALPHABET[t % 32] + time;
    t = Math.floor(t / 32);
  }
  const random = crypto.getRandomValues(new Uint8Array(16));
  let rest = '';
  for (let i = 0; i < 16; i++) rest += ALPHABET[random[i]! % 32];
  return time + rest;
}
