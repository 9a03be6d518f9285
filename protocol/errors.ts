/** Every error the server reports, on REST (`{ error }` body) and on sockets (`error` frame). */
export type ErrorCode =
  | 'bad_json'
  | 'invalid_request'
  | 'invalid_frame'
  | 'unknown_frame'
  | 'frame_too_large'
  | 'rate_limited'
  | 'unauthenticated'
  | 'invalid_credentials'
  | 'forbidden'
  | 'origin_not_allowed'
  | 'not_found'
  | 'conversation_closed'
  | 'offer_gone'
  | 'not_in_chat'
  | 'already_in_chat'
  | 'invitation_pending'
  | 'last_agent'
  | 'agent_unavailable'
  | 'chat_closed'
  | 'already_set_up'
  | 'setup_disabled'
  | 'banned'
  | 'file_too_large'
  | 'unsupported_file_type'
  | 'too_many_files'
  | 'throttled'
  | 'challenge_required'
  | 'already_exists'
  | 'queue_not_empty'
  | 'invite_invalid'
  | 'identity_not_verified'
  | 'chat_not_ended'
  /** A continuation link whose week is over. */
  | 'link_expired'
  | 'invalid_token'
  | 'token_revoked'
  | 'insufficient_scope'
  | 'webhook_url_refused'
  | 'internal';

export interface ApiError {
  code: ErrorCode;
  message: string;
  /** The request field at fault, as a dotted path, when one is. */
  field?: string;
}

export interface ApiErrorBody {
  error: ApiError;
}
