import { createMiddleware } from 'hono/factory';
import type { AgentRole } from '../../protocol/chat';
import type { AppEnv } from '../http/app-env';
import { HttpError } from '../http/errors';

/** After `requireAgent`: refuses agents whose role is not one of `roles`. */
export const requireRole = (...roles: AgentRole[]) =>
  createMiddleware<AppEnv>(async (c, next) => {
    if (!roles.includes(c.var.agent.role)) {
      throw new HttpError(403, { code: 'forbidden', message: `Only ${roles.join(' or ')} accounts may do this` });
    }
    await next();
  });
