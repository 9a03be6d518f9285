import { Hono } from 'hono';
import type { AppEnv } from './http/app-env';
import { withConsoleHeaders } from './http/console-headers';
import { errorResponse, onError } from './http/errors';
import { adminRoutes } from './routes/admin';
import { authRoutes } from './routes/auth';
import { consoleRoutes } from './routes/console';
import { fileRoutes } from './routes/files';
import { setupRoutes } from './routes/setup';
import { socketRoutes } from './routes/sockets';
import { v1Routes } from './routes/v1';
import { visitorRoutes } from './routes/visitor';

export const app = new Hono<AppEnv>()
  .route('/api/setup', setupRoutes.router)
  .route('/api/auth', authRoutes.router)
  .route('/api/console', consoleRoutes.router)
  .route('/api/visitor', visitorRoutes.router)
  .route('/api/files', fileRoutes.router)
  .route('/api/admin', adminRoutes.router)
  .route('/api/v1', v1Routes.router)
  .route('/ws', socketRoutes)
  // The console is a single-page app: its own routes all load its one page.
  .get('/console/*', async (c) => {
    const asset = await c.env.ASSETS.fetch(c.req.raw);
    return withConsoleHeaders(asset.status === 404 ? await c.env.ASSETS.fetch(new URL('/console/', c.req.url)) : asset, c.req.url);
  })
  .notFound(() => errorResponse(404, { code: 'not_found', message: 'No such endpoint' }))
  .onError(onError);
