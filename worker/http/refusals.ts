/**
 * What a Durable Object's refusal means over HTTP. DOs answer "not now, because…" as data
 * (`Outcome`); this one table turns each reason into a status for every route.
 */
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ConversationSummary } from '../../protocol/chat';
import type { ApiError, ErrorCode } from '../../protocol/errors';
import type { Outcome } from '../conversation/outcome';
import { HttpError } from './errors';

const STATUS: Partial<Record<ErrorCode, ContentfulStatusCode>> = {
  not_found: 404,
  not_in_chat: 403,
  forbidden: 403,
  offer_gone: 409,
  already_in_chat: 409,
  invitation_pending: 409,
  last_agent: 409,
  agent_unavailable: 409,
  chat_closed: 409,
};

/** The chat the DO answered with, or its refusal thrown as an HTTP error. */
export function unwrap(outcome: Outcome): ConversationSummary {
  if (outcome.ok) return outcome.conversation;
  throw refusal(outcome.error);
}

/** A DO's refusal as the HTTP error to throw. */
export const refusal = (error: ApiError) => new HttpError(STATUS[error.code] ?? 400, error);
