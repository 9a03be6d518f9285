/** REST request schemas (validated by the server) and response bodies. */
import * as v from 'valibot';
import type { AgentStatus, ConversationSummary } from './chat';
import { MAX_NAME_CHARS } from './limits';
import { trimmedText } from './parse';

export const SignInBody = v.object({
  email: v.pipe(v.string(), v.trim(), v.toLowerCase(), v.email('must be an email address')),
  password: v.pipe(v.string(), v.minLength(1, 'must not be empty'), v.maxLength(200)),
});

export const StatusBody = v.object({
  status: v.picklist(['online', 'away', 'offline'] satisfies AgentStatus[], 'must be online, away or offline'),
});

export const VisitorSessionBody = v.object({
  siteId: v.pipe(v.string(), v.minLength(1, 'must not be empty'), v.maxLength(64)),
});

export const StartConversationBody = v.object({
  name: v.optional(trimmedText(MAX_NAME_CHARS)),
});

export interface AgentProfile {
  id: string;
  email: string;
  name: string;
  role: 'admin' | 'agent';
}

export interface SignInResponse {
  agent: AgentProfile;
}

export interface VisitorSessionResponse {
  token: string;
  visitorId: string;
}

export interface ConversationResponse {
  conversation: ConversationSummary | null;
}
