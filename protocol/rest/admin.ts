/**
 * The admin API, under `/api/admin` (`worker/routes/admin/`, docs/admin.md): a session, and Parley's
 * own origin for every change; each endpoint's roles are the router's (`requireRole`).
 */
import type { AdminAgent, AdminBan, AdminQueue, AdminSite, AuditEntry, InviteResponse, SiteSecretResponse } from '../admin-api';
import type { ApiToken, NewApiToken, NewWebhook, Webhook, WebhookDelivery } from '../public-api';
import type { Label, PredefinedMessage } from '../workspace';
import { del, get, patch, post, put } from './endpoint';

export const admin = {
  agents: get('/api/admin/agents').answers<{ agents: AdminAgent[] }>(),
  inviteAgent: post('/api/admin/agents/invites', { body: 'InviteAgentBody' }).answers<InviteResponse>(),
  updateAgent: patch('/api/admin/agents/:id', { body: 'UpdateAgentBody' }).answers<{ agent: AdminAgent }>(),
  resetPassword: post('/api/admin/agents/:id/password', { body: 'ResetPasswordBody' }).answers<void>(),
  /** multipart/form-data with one image `photo`. */
  setAgentPhoto: put('/api/admin/agents/:id/photo').answers<{ agent: AdminAgent }>(),
  agentPhoto: get('/api/admin/agents/:id/photo').answers<Blob>(),

  queues: get('/api/admin/queues').answers<{ queues: AdminQueue[] }>(),
  createQueue: post('/api/admin/queues', { body: 'QueueBody' }).answers<{ queue: AdminQueue }>(),
  updateQueue: patch('/api/admin/queues/:id', { body: 'UpdateQueueBody' }).answers<{ queue: AdminQueue }>(),
  setQueueMembers: put('/api/admin/queues/:id/members', { body: 'QueueMembersBody' }).answers<{ queue: AdminQueue }>(),
  deleteQueue: del('/api/admin/queues/:id').answers<void>(),

  sites: get('/api/admin/sites').answers<{ sites: AdminSite[] }>(),
  site: get('/api/admin/sites/:id').answers<{ site: AdminSite }>(),
  createSite: post('/api/admin/sites', { body: 'SiteBody' }).answers<SiteSecretResponse>(),
  updateSite: patch('/api/admin/sites/:id', { body: 'UpdateSiteBody' }).answers<{ site: AdminSite }>(),
  /** The new secret is in this answer only. */
  rotateIdentitySecret: post('/api/admin/sites/:id/identity-secret').answers<SiteSecretResponse>(),
  setWidget: put('/api/admin/sites/:id/widget', { body: 'WidgetSettingsBody' }).answers<{ site: AdminSite }>(),
  setSurvey: put('/api/admin/sites/:id/survey', { body: 'SurveyBody' }).answers<{ site: AdminSite }>(),
  setProactiveRules: put('/api/admin/sites/:id/proactive', { body: 'ProactiveRulesBody' }).answers<{ site: AdminSite }>(),
  setBusinessHours: put('/api/admin/sites/:id/hours', { body: 'BusinessHoursBody' }).answers<{ site: AdminSite }>(),
  setRetention: put('/api/admin/sites/:id/retention', { body: 'RetentionBody' }).answers<{ site: AdminSite }>(),
  setLifecycle: put('/api/admin/sites/:id/lifecycle', { body: 'LifecycleBody' }).answers<{ site: AdminSite }>(),

  predefined: get('/api/admin/predefined').answers<{ messages: PredefinedMessage[] }>(),
  createPredefined: post('/api/admin/predefined', { body: 'PredefinedBody' }).answers<{ message: PredefinedMessage }>(),
  updatePredefined: put('/api/admin/predefined/:id', { body: 'PredefinedBody' }).answers<{ message: PredefinedMessage }>(),
  deletePredefined: del('/api/admin/predefined/:id').answers<void>(),

  labels: get('/api/admin/labels').answers<{ labels: Label[] }>(),
  createLabel: post('/api/admin/labels', { body: 'LabelBody' }).answers<{ label: Label }>(),
  updateLabel: put('/api/admin/labels/:id', { body: 'LabelBody' }).answers<{ label: Label }>(),
  deleteLabel: del('/api/admin/labels/:id').answers<void>(),

  bans: get('/api/admin/bans').answers<{ bans: AdminBan[] }>(),
  liftBan: del('/api/admin/bans/:id').answers<void>(),

  /** Tokens of the public API in force; `createApiToken`'s answer is the one place a token is shown. */
  apiTokens: get('/api/admin/api-tokens').answers<{ apiTokens: ApiToken[] }>(),
  createApiToken: post('/api/admin/api-tokens', { body: 'ApiTokenBody' }).answers<NewApiToken>(),
  revokeApiToken: del('/api/admin/api-tokens/:id').answers<void>(),

  webhooks: get('/api/admin/webhooks').answers<{ webhooks: Webhook[] }>(),
  /** The signing secret is in this answer only. */
  createWebhook: post('/api/admin/webhooks', { body: 'WebhookBody' }).answers<NewWebhook>(),
  /** Events, or on/off: turning a disabled endpoint on again starts its failure count afresh. */
  updateWebhook: patch('/api/admin/webhooks/:id', { body: 'UpdateWebhookBody' }).answers<{ webhook: Webhook }>(),
  deleteWebhook: del('/api/admin/webhooks/:id').answers<void>(),
  /** The endpoint's delivery log, newest first, 50 a page (`before`: the last id of the page before). */
  webhookDeliveries: get('/api/admin/webhooks/:id/deliveries', { query: 'DeliveriesQuery' }).answers<{ deliveries: WebhookDelivery[] }>(),
  /** Sends the delivery again, as a new round of attempts. */
  redeliver: post('/api/admin/webhooks/:id/deliveries/:deliveryId/redeliver').answers<{ delivery: WebhookDelivery }>(),

  /** Newest first, 100 a page. */
  audit: get('/api/admin/audit', { query: 'AuditQuery' }).answers<{ entries: AuditEntry[] }>(),
};
