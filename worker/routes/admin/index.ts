/**
 * The admin API: every route needs a session, every change Parley's own origin; each sub-router
 * says which roles may use it (admins everything, supervisors predefined messages, bans and their queues' reports).
 */
import { createMiddleware } from 'hono/factory';
import { requireAgent } from '../../auth/session';
import type { AppEnv } from '../../http/app-env';
import { requireOwnOrigin } from '../../http/origin';
import { Routes } from '../../http/route';
import { agentAdminRoutes } from './agents';
import { apiTokenRoutes } from './api-tokens';
import { auditRoutes } from './audit';
import { banRoutes } from './bans';
import { labelRoutes } from './labels';
import { predefinedRoutes } from './predefined';
import { queueAdminRoutes } from './queues';
import { reportRoutes } from './reports';
import { siteAdminRoutes } from './sites';
import { webhookRoutes } from './webhooks';

const changesFromOwnOrigin = createMiddleware<AppEnv>(async (c, next) => {
  if (c.req.method !== 'GET') requireOwnOrigin(c.req.raw);
  await next();
});

export const adminRoutes = new Routes('/api/admin')
  .use(requireAgent, changesFromOwnOrigin)
  .route('/agents', agentAdminRoutes)
  .route('/queues', queueAdminRoutes)
  .route('/sites', siteAdminRoutes)
  .route('/predefined', predefinedRoutes)
  .route('/bans', banRoutes)
  .route('/labels', labelRoutes)
  .route('/audit', auditRoutes)
  .route('/reports', reportRoutes)
  .route('/api-tokens', apiTokenRoutes)
  .route('/webhooks', webhookRoutes);
