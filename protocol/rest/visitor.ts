/**
 * The widget's endpoints, under `/api/visitor` (`worker/routes/visitor/`). Called cross-origin from
 * the sites that embed the widget; the visitor's token goes as a Bearer where a route needs one.
 */
import type { ContinueResponse, ConversationResponse, VisitorSessionResponse } from '../api';
import type { PublicAgent, RatingResponse, VisitorProfileResponse, WidgetStatusResponse } from '../visitor-bodies';
import { get, post, put } from './endpoint';

export const visitor = {
  /** Takes no token: every page view asks it, and a plain GET needs no CORS preflight. */
  siteStatus: get('/api/visitor/sites/:siteId/status').answers<WidgetStatusResponse>(),
  startSession: post('/api/visitor/session', { body: 'VisitorSessionBody' }).answers<VisitorSessionResponse>(),
  /** The message form for when no one can chat; a token, if sent, links the ticket to the visitor. */
  leaveMessage: post('/api/visitor/tickets', { body: 'TicketBody' }).answers<{ ticket: { id: string } }>(),
  conversation: get('/api/visitor/conversation').answers<ConversationResponse>(),
  startConversation: post('/api/visitor/conversation', { body: 'StartConversationBody' }).answers<ConversationResponse>(),
  endConversation: post('/api/visitor/conversation/end').answers<ConversationResponse>(),
  /** A continuation link from a mail: the visitor it was for, back in that conversation (reopened if it had ended). */
  continueChat: post('/api/visitor/continue', { body: 'ContinueBody' }).answers<ContinueResponse>(),
  profile: get('/api/visitor/profile').answers<VisitorProfileResponse>(),
  saveProfile: put('/api/visitor/profile', { body: 'ProfileBody' }).answers<VisitorProfileResponse>(),
  identify: post('/api/visitor/identify', { body: 'IdentifyBody' }).answers<VisitorProfileResponse>(),
  rateChat: post('/api/visitor/conversations/:id/rating', { body: 'RatingBody' }).answers<RatingResponse>(),
  mailTranscript: post('/api/visitor/conversations/:id/transcript', { body: 'TranscriptBody' }).answers<{ sent: { to: string } }>(),
  agent: get('/api/visitor/agents/:id').answers<PublicAgent>(),
  agentPhoto: get('/api/visitor/agents/:id/photo').answers<Blob>(),
};
