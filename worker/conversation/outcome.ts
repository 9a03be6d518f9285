import type { ConversationSummary } from '../../protocol/chat';
import type { ApiError, ErrorCode } from '../../protocol/errors';

/** Why a Durable Object would not do what it was asked. */
export type Refusal = { ok: false; error: ApiError };

/** What a Durable Object answers when asked to change a chat: the new state, or why not. */
export type Outcome = { ok: true; conversation: ConversationSummary } | Refusal;

export const refuse = (code: ErrorCode, message: string): Refusal => ({ ok: false, error: { code, message } });
