/**
 * Frames on a conversation socket (visitor and agents alike). Clients send the `Client*`
 * frames, which the server validates; the server sends the `Server*` frames.
 */
import * as v from 'valibot';
import type { ErrorCode } from './errors';
import type { ChatMessage, ConversationSummary, ParticipantRole, Receipts } from './chat';
import { ULID_PATTERN } from './ids';
import { MAX_ATTACHMENTS, MAX_CHOICE_CHARS, MAX_CHOICES, MAX_FRAME_BYTES, MAX_MESSAGE_CHARS } from './limits';
import { parseWith, trimmedText, type Parsed } from './parse';

export const HelloFrame = v.object({
  type: v.literal('hello'),
  /** The last sequence number this client holds; the server replays everything after it. */
  after: v.pipe(v.number(), v.integer(), v.minValue(0)),
});

const httpUrl = v.pipe(v.string(), v.maxLength(2048), v.url('must be a URL'), v.regex(/^https?:/, 'must be an http(s) URL'));

export const SendFrame = v.pipe(
  v.object({
    type: v.literal('message'),
    clientId: v.pipe(v.string(), v.regex(ULID_PATTERN, 'must be a ULID')),
    /** May be empty only when the message carries attachments or a card. */
    text: v.pipe(v.string(), v.trim(), v.maxLength(MAX_MESSAGE_CHARS, `must be at most ${MAX_MESSAGE_CHARS} characters`)),
    /** Agents only: a note for the other agents in the chat. */
    private: v.optional(v.boolean()),
    /** Ids of files this sender uploaded to this conversation. */
    attachments: v.optional(
      v.pipe(
        v.array(v.pipe(v.string(), v.regex(ULID_PATTERN, 'must be a file id'))),
        v.minLength(1, 'must not be empty'),
        v.maxLength(MAX_ATTACHMENTS, `must have at most ${MAX_ATTACHMENTS} files`),
      ),
    ),
    /** Agents only: the visitor answers by picking one; `text` is the question. */
    choices: v.optional(
      v.pipe(
        v.array(trimmedText(MAX_CHOICE_CHARS)),
        v.minLength(2, 'must have at least 2 choices'),
        v.maxLength(MAX_CHOICES, `must have at most ${MAX_CHOICES} choices`),
      ),
    ),
    /** The seq of the choices message this answers; `text` must be one of its choices. */
    replyTo: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
    /** Agents only: a link or product card. */
    card: v.optional(
      v.object({
        url: httpUrl,
        title: trimmedText(300),
        image: v.optional(httpUrl),
        price: v.optional(v.pipe(v.string(), v.maxLength(40))),
        description: v.optional(v.pipe(v.string(), v.maxLength(500))),
      }),
    ),
  }),
  v.forward(
    v.check((f) => f.text.length > 0 || f.attachments !== undefined || f.card !== undefined, 'must not be empty'),
    ['text'],
  ),
);

export const TypingFrame = v.object({
  type: v.literal('typing'),
  typing: v.boolean(),
});

const seq = v.pipe(v.number(), v.integer(), v.minValue(1));

/** "My client has received everything up to `seq`." Sent automatically on arrival. */
export const DeliveredFrame = v.object({ type: v.literal('delivered'), seq });

/** "I have seen everything up to `seq`." Sent while the conversation is on screen. */
export const ReadFrame = v.object({ type: v.literal('read'), seq });

const CLIENT_FRAMES = {
  hello: HelloFrame,
  message: SendFrame,
  typing: TypingFrame,
  delivered: DeliveredFrame,
  read: ReadFrame,
} as const;

export type ClientFrame = v.InferOutput<(typeof CLIENT_FRAMES)[keyof typeof CLIENT_FRAMES]>;

export type ServerFrame =
  | {
      type: 'welcome';
      you: { role: ParticipantRole; id: string; name: string };
      conversation: ConversationSummary;
      /** Every message after the `after` of the hello, in order. */
      messages: ChatMessage[];
      receipts: Receipts;
    }
  | {
      type: 'message';
      message: ChatMessage;
      /** The seq of the message before this one that this recipient can see; a gap if not theirs. */
      prev: number;
    }
  | {
      type: 'queue';
      /** 1 when next in line; 0 once no longer waiting. */
      position: number;
      estimatedWaitMs: number;
    }
  | { type: 'ack'; clientId: string; seq: number; at: number }
  | { type: 'typing'; role: ParticipantRole; name: string; typing: boolean }
  | { type: 'conversation'; conversation: ConversationSummary }
  | { type: 'receipts'; receipts: Receipts }
  /** To the visitor: the chat ends for inactivity at `endsAt` unless someone writes. */
  | { type: 'idle_warning'; endsAt: number }
  | {
      type: 'error';
      code: ErrorCode;
      message: string;
      /** The field of the frame at fault, when one is. */
      field?: string;
      /** Set when the error concerns a message the client sent; it was not stored. */
      clientId?: string;
      /** With `rate_limited`: when sending again will be accepted. */
      retryAfterMs?: number;
    };

/** The text sent and expected for heartbeats; answered without waking the DO. */
export const PING = 'ping';
export const PONG = 'pong';

/** Turns raw socket data into a valid client frame, or the error frame to answer with. */
export function parseClientFrame(raw: string | ArrayBuffer): Parsed<ClientFrame> {
  if (typeof raw !== 'string') return fail('invalid_frame', 'Frames are JSON text, not binary');
  if (raw.length > MAX_FRAME_BYTES) return fail('frame_too_large', `Frames are at most ${MAX_FRAME_BYTES} bytes`);
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return fail('bad_json', 'Frame is not valid JSON');
  }
  if (typeof data !== 'object' || data === null || typeof (data as { type?: unknown }).type !== 'string') {
    return fail('invalid_frame', 'Frame must be an object with a string "type"');
  }
  const type = (data as { type: string }).type;
  const schema = Object.hasOwn(CLIENT_FRAMES, type) ? CLIENT_FRAMES[type as keyof typeof CLIENT_FRAMES] : undefined;
  if (!schema) return fail('unknown_frame', `Unknown frame type "${type.slice(0, 40)}"`);
  return parseWith(schema, data, 'invalid_frame') as Parsed<ClientFrame>;
}

function fail(code: ErrorCode, message: string): Parsed<never> {
  return { ok: false, error: { code, message } };
}
