/**
 * The public API, under `/api/v1` (`worker/routes/v1/`, docs/api.md): a Bearer API token, and the
 * scope each endpoint names in `V1_SCOPES`. The OpenAPI document is built from this list and
 * the schemas it names (`worker/api/openapi.ts`).
 */
import type { ChatMessage } from '../chat';
import type { ApiConversation, ApiConversationWithMessages, ApiScope, ApiVisitor, Page } from '../public-api';
import type { Ticket, TicketPage } from '../api';
import type { BreakdownResponse, OverviewResponse, SeriesResponse } from '../reports';
import type { Contact, ContactRecord, Label } from '../workspace';
import { get, patch, post, put } from './endpoint';

export const v1 = {
  conversations: get('/api/v1/conversations', { query: 'ConversationsQuery' }).answers<Page<ApiConversation>>(),
  conversation: get('/api/v1/conversations/:id').answers<ApiConversationWithMessages>(),
  postMessage: post('/api/v1/conversations/:id/messages', { body: 'ApiMessageBody' }).answers<{ message: ChatMessage }>(),
  endConversation: post('/api/v1/conversations/:id/end', { body: 'ApiEndBody' }).answers<{ conversation: ApiConversation }>(),
  /** Adds the labels to those the conversation has. */
  addLabels: post('/api/v1/conversations/:id/labels', { body: 'ApiLabelsBody' }).answers<{ labels: Label[] }>(),

  contacts: get('/api/v1/contacts', { query: 'ContactsQuery' }).answers<Page<Contact>>(),
  contact: get('/api/v1/contacts/:id').answers<ContactRecord>(),
  createContact: post('/api/v1/contacts', { body: 'ApiContactBody' }).answers<ContactRecord>(),
  updateContact: patch('/api/v1/contacts/:id', { body: 'ApiContactUpdateBody' }).answers<ContactRecord>(),

  tickets: get('/api/v1/tickets', { query: 'TicketsQuery' }).answers<TicketPage>(),
  ticket: get('/api/v1/tickets/:id').answers<{ ticket: Ticket }>(),
  createTicket: post('/api/v1/tickets', { body: 'ApiTicketBody' }).answers<{ ticket: Ticket }>(),
  /** Mails the answer to the ticket's address; the ticket then waits on them. */
  replyToTicket: post('/api/v1/tickets/:id/replies', { body: 'ApiTicketReplyBody' }).answers<{ ticket: Ticket; mail: { to: string; status: string } }>(),
  setTicketStatus: put('/api/v1/tickets/:id/status', { body: 'TicketStatusBody' }).answers<{ ticket: Ticket }>(),

  visitor: get('/api/v1/visitors/:id').answers<{ visitor: ApiVisitor }>(),

  /** The Reports page's figures (docs/reports.md), for the admin the token acts as. */
  reportOverview: get('/api/v1/reports/overview', { query: 'ReportQuery' }).answers<OverviewResponse>(),
  reportOverTime: get('/api/v1/reports/over-time', { query: 'ReportQuery' }).answers<SeriesResponse>(),
  reportBreakdown: get('/api/v1/reports/breakdown', { query: 'BreakdownQuery' }).answers<BreakdownResponse>(),
};

/** What describes the API; no token needed. */
export const v1Document = {
  openapi: get('/api/v1/openapi.json').answers<Record<string, unknown>>(),
  /** An HTML page. */
  docs: get('/api/v1/docs').answers<Blob>(),
};

/** The scope each endpoint asks of the token. */
export const V1_SCOPES: Record<keyof typeof v1, ApiScope> = {
  conversations: 'conversations:read',
  conversation: 'conversations:read',
  postMessage: 'conversations:write',
  endConversation: 'conversations:write',
  addLabels: 'conversations:write',
  contacts: 'contacts:read',
  contact: 'contacts:read',
  createContact: 'contacts:write',
  updateContact: 'contacts:write',
  tickets: 'tickets:read',
  ticket: 'tickets:read',
  createTicket: 'tickets:write',
  replyToTicket: 'tickets:write',
  setTicketStatus: 'tickets:write',
  visitor: 'visitors:export',
  reportOverview: 'reports:read',
  reportOverTime: 'reports:read',
  reportBreakdown: 'reports:read',
};
