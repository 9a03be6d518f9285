/**
 * What the customer wrote in a reply, without what they replied to: the quoted history under the
 * reply header ("On Monday, Alice wrote:", "Am … schrieb …:", Outlook's "From:/Sent:" block and
 * "Original Message" line), lines quoted with ">", and the signature after "-- ". A forwarded
 * message is kept: the customer sent it for us to read. Reasonable, not perfect: mail clients
 * vary without end, and keeping too much is better than losing what the customer said.
 */

/** Reply headers of the common clients, in the languages the console speaks; may wrap over two lines. */
const REPLY_HEADER = [
  /^On\b.{0,200}\bwrote:\s*$/is,
  /^Am\b.{0,200}\bschrieb\b.{0,200}:\s*$/is,
  /^Le\b.{0,200}\ba écrit\s*:\s*$/is,
  /^El\b.{0,200}\bescribió:\s*$/is,
  /^-{2,}\s*(Original Message|Ursprüngliche Nachricht|Message d'origine|Mensaje original)\s*-{2,}\s*$/i,
];
/** Outlook quotes under a block of headers: "From: …" then "Sent: …" (or its translations). */
const OUTLOOK_FROM = /^(From|Von|De):\s/;
const OUTLOOK_SENT = /^(Sent|Gesendet|Envoyé|Enviado|Date):\s/;
const SIGNATURE = /^(-- ?|Sent from my \w+.*|Von meinem \w+ gesendet.*)$/;
/** A forwarded message is what the customer wants us to see: nothing below it is cut. */
const FORWARDED = /^-{2,}\s*(Forwarded message|Weitergeleitete Nachricht|Message transféré|Mensaje reenviado)\s*-{2,}\s*$|^Begin forwarded message:\s*$/i;

export function replyText(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const kept: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const trimmed = line.trim();
    if (FORWARDED.test(trimmed)) {
      kept.push(...lines.slice(i));
      break;
    }
    const twoLines = `${trimmed} ${lines[i + 1]?.trim() ?? ''}`;
    if (REPLY_HEADER.some((re) => re.test(trimmed) || re.test(twoLines))) break;
    if (OUTLOOK_FROM.test(trimmed) && OUTLOOK_SENT.test(lines[i + 1]?.trim() ?? '')) break;
    if (/^_{10,}$/.test(trimmed)) break;
    if (SIGNATURE.test(line.trimEnd()) || SIGNATURE.test(trimmed)) break;
    if (trimmed.startsWith('>')) continue;
    kept.push(line);
  }
  return kept.join('\n').replace(/\n{3,}/g, '\n\n').trim();
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/**
 * An HTML-only mail as the plain text a person would read in it: blocks become lines, quoted
 * blocks (`<blockquote>`, Gmail's `gmail_quote`) go, as do styles and scripts; entities decoded.
 * Only for reading, never shown as HTML.
 */
export function htmlText(html: string): string {
  return html
    .replace(/<(style|script|head)\b[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<blockquote\b[\s\S]*?<\/blockquote\s*>/gi, '')
    .replace(/<div[^>]*class="[^"]*gmail_quote[\s\S]*$/i, '')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|li|tr|h[1-6])\s*>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
      if (name[0] === '#') {
        const code = name[1]?.toLowerCase() === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
        return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : whole;
      }
      return ENTITIES[name.toLowerCase()] ?? whole;
    })
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
