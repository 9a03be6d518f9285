/**
 * The agent console's endpoints, under `/api/console` (`worker/routes/console/`): same origin, with
 * the session cookie; every change must come from Parley's own origin.
 */
import type { ChatResponse, DirectoryResponse, Ticket, TicketPage } from '../api';
import type { AgentStatus } from '../chat';
import type { InboxFrame } from '../inbox-frames';
import type {
  CardResponse,
  ChatContactResponse,
  ContactRecord,
  KeptMail,
  Label,
  PastConversation,
  PredefinedMessage,
  ReceivedMail,
  SearchHit,
  SentMail,
  TranscriptResponse,
  VisitorPanel,
} from '../workspace';
import type { NotificationPreferences, NotificationsResponse, PushDevicesResponse } from '../notifications';
import { del, get, patch, post, put } from './endpoint';

export const console = {
  inbox: get('/api/console/inbox').answers<Extract<InboxFrame, { type: 'inbox' }>>(),
  setStatus: put('/api/console/status', { body: 'StatusBody' }).answers<{ status: AgentStatus }>(),
  acceptOffer: post('/api/console/offers/:conversationId/accept').answers<ChatResponse>(),
  rejectOffer: post('/api/console/offers/:conversationId/reject').answers<void>(),
  directory: get('/api/console/directory').answers<DirectoryResponse>(),
  transferChat: post('/api/console/chats/:id/transfer', { body: 'TransferBody' }).answers<ChatResponse>(),
  inviteToChat: post('/api/console/chats/:id/invite', { body: 'InviteBody' }).answers<ChatResponse>(),
  leaveChat: post('/api/console/chats/:id/leave').answers<ChatResponse>(),
  endChat: post('/api/console/chats/:id/end').answers<ChatResponse>(),
  /** Closes the agent's tab: an open chat is left, or ended by its last agent. */
  closeChat: post('/api/console/chats/:id/close').answers<void>(),
  search: get('/api/console/search', { query: 'SearchQuery' }).answers<{ hits: SearchHit[] }>(),

  // Beside a chat: the visitor, their history, the contact, and what can be done about them
  visitorPanel: get('/api/console/chats/:id/visitor').answers<VisitorPanel>(),
  visitorHistory: get('/api/console/chats/:id/history').answers<{ conversations: PastConversation[] }>(),
  transcript: get('/api/console/conversations/:id').answers<TranscriptResponse>(),
  emailTranscript: post('/api/console/chats/:id/transcript', { body: 'EmailTranscriptBody' }).answers<{ mail: SentMail }>(),
  createTicket: post('/api/console/chats/:id/ticket', { body: 'CreateTicketBody' }).answers<{ ticket: { id: string } }>(),
  banVisitor: post('/api/console/chats/:id/ban', { body: 'BanBody' }).answers<{ ban: { id: string; byIp: boolean }; chatEnded: boolean }>(),
  chatContact: get('/api/console/chats/:id/contact').answers<ChatContactResponse>(),
  createContact: post('/api/console/contacts', { body: 'CreateContactBody' }).answers<ContactRecord>(),
  contact: get('/api/console/contacts/:id').answers<ContactRecord>(),
  addContactNote: post('/api/console/contacts/:id/notes', { body: 'ContactNoteBody' }).answers<ContactRecord>(),
  addContactCase: post('/api/console/contacts/:id/cases', { body: 'ContactCaseBody' }).answers<ContactRecord>(),

  // Tools
  predefined: get('/api/console/predefined').answers<{ predefined: PredefinedMessage[] }>(),
  mails: get('/api/console/mails').answers<{ mails: KeptMail[]; received: ReceivedMail[] }>(),
  card: get('/api/console/cards', { query: 'CardQuery' }).answers<CardResponse>(),
  sites: get('/api/console/sites').answers<{ sites: Array<{ id: string; name: string }> }>(),
  inviteVisitor: post('/api/console/sites/:siteId/visitors/:visitorId/invite', { body: 'InviteVisitorBody' }).answers<void>(),
  tickets: get('/api/console/tickets', { query: 'TicketsQuery' }).answers<TicketPage>(),
  setTicketStatus: patch('/api/console/tickets/:id', { body: 'TicketStatusBody' }).answers<{ ticket: Ticket }>(),
  setTicketLabels: put('/api/console/tickets/:id/labels', { body: 'SetLabelsBody' }).answers<{ labels: string[] }>(),
  labels: get('/api/console/labels').answers<{ labels: Label[] }>(),
  chatLabels: get('/api/console/chats/:id/labels').answers<{ labels: Label[] }>(),
  setChatLabels: put('/api/console/chats/:id/labels', { body: 'SetLabelsBody' }).answers<{ labels: Label[] }>(),
  /** A file that came with a customer's mail to the ticket. */
  ticketFile: get('/api/console/tickets/:id/files/:fileId').answers<Blob>(),
  replyToTicket: post('/api/console/tickets/:id/reply', { body: 'TicketReplyBody' }).answers<{ ticket: Ticket; mail: SentMail }>(),

  // Notifications away from the desk (docs/notifications.md)
  notifications: get('/api/console/notifications').answers<NotificationsResponse>(),
  setNotifications: put('/api/console/notifications', { body: 'NotificationPreferencesBody' }).answers<{ preferences: NotificationPreferences }>(),
  turnOnPush: post('/api/console/push-subscriptions', { body: 'PushSubscriptionBody' }).answers<PushDevicesResponse>(),
  turnOffPush: del('/api/console/push-subscriptions', { body: 'PushUnsubscribeBody' }).answers<PushDevicesResponse>(),
};
