/**
 * Every schema an endpoint checks its body or query with, by the name it is exported under.
 *
 * Endpoints name their schemas instead of holding them so that a client can hold the contract
 * without them: clients only send, the server alone checks (`worker/http/route.ts` looks the names
 * up here). Holding them would put valibot and the visitor's schemas, about 2.2 KB gzipped, in the
 * widget every page of every site downloads. Only the server imports this file's value.
 */
import { BusinessHoursBody, ChangePasswordBody, InviteAgentBody, JoinBody, PredefinedBody, ProactiveRulesBody, QueueBody, QueueMembersBody, ResetPasswordBody, RetentionBody, SiteBody, SurveyBody, UpdateAgentBody, UpdateQueueBody, UpdateSiteBody, WidgetSettingsBody, AuditQuery, LifecycleBody } from '../admin-api';
import { ContinueBody, InviteBody, SearchQuery, SetupBody, SignInBody, StartConversationBody, StatusBody, TicketBody, TicketReplyBody, TicketStatusBody, TicketsQuery, TransferBody, VisitorSessionBody } from '../api';
import { ApiContactBody, ApiContactUpdateBody, ApiEndBody, ApiLabelsBody, ApiMessageBody, ApiTicketBody, ApiTicketReplyBody, ApiTokenBody, ContactsQuery, ConversationsQuery, DeliveriesQuery, UpdateWebhookBody, WebhookBody } from '../public-api';
import { NotificationPreferencesBody, PushSubscriptionBody, PushUnsubscribeBody } from '../notifications';
import { IdentifyBody, ProfileBody, RatingBody, TranscriptBody } from '../visitor-bodies';
import { BreakdownQuery, ExportQuery, ReportQuery } from '../reports';
import { BanBody, CardQuery, ContactCaseBody, ContactNoteBody, CreateContactBody, CreateTicketBody, EmailTranscriptBody, InviteVisitorBody, LabelBody, SetLabelsBody } from '../workspace';

export const schemas = {
  // Signing in and the first run
  SignInBody,
  JoinBody,
  ChangePasswordBody,
  SetupBody,
  // The widget
  VisitorSessionBody,
  TicketBody,
  StartConversationBody,
  ContinueBody,
  ProfileBody,
  IdentifyBody,
  RatingBody,
  TranscriptBody,
  // The console
  StatusBody,
  TransferBody,
  InviteBody,
  SearchQuery,
  EmailTranscriptBody,
  CreateTicketBody,
  BanBody,
  CreateContactBody,
  ContactNoteBody,
  ContactCaseBody,
  CardQuery,
  InviteVisitorBody,
  TicketReplyBody,
  TicketStatusBody,
  TicketsQuery,
  SetLabelsBody,
  NotificationPreferencesBody,
  PushSubscriptionBody,
  PushUnsubscribeBody,
  // Administration
  InviteAgentBody,
  UpdateAgentBody,
  ResetPasswordBody,
  QueueBody,
  UpdateQueueBody,
  QueueMembersBody,
  SiteBody,
  UpdateSiteBody,
  WidgetSettingsBody,
  SurveyBody,
  ProactiveRulesBody,
  BusinessHoursBody,
  RetentionBody,
  LifecycleBody,
  LabelBody,
  PredefinedBody,
  AuditQuery,
  // Reports
  ReportQuery,
  BreakdownQuery,
  ExportQuery,
  // API tokens and webhooks
  ApiTokenBody,
  WebhookBody,
  UpdateWebhookBody,
  DeliveriesQuery,
  // The public API (/api/v1)
  ConversationsQuery,
  ApiMessageBody,
  ApiEndBody,
  ApiLabelsBody,
  ContactsQuery,
  ApiContactBody,
  ApiContactUpdateBody,
  ApiTicketBody,
  ApiTicketReplyBody,
};

export type Schemas = typeof schemas;
export type SchemaName = keyof Schemas;
