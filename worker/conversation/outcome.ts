import type { ConversationSummary } from '../../protocol/chat';
import type { ApiError, ErrorCode } from '../../protocol/errors';

/** What a Durable Object answers when asked to change a chat: the new state, or why not. */
export type Outcome = { ok: true; conversation: ConversationSummary } | { ok: false; error: ApiError };

export const refuse = (code: ErrorCode, message: string): Outcome => ({ ok: false, error: { code, message } });
