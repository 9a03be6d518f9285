/**
 * Parley as the bench's work counts see it: the same Worker and Durable Objects, each given its
 * bindings and storage wrapped in counters (./counted-env.ts, ./counted-storage.ts). Built and run
 * only by the bench (`bench/work-counts.ts`), never deployed. `GET /__bench/counts` answers what
 * was counted since the last `?reset`.
 */
import parley from '../../worker/index';
import { AgentDO as Agent } from '../../worker/agent/agent-do';
import { ConversationDO as Conversation } from '../../worker/conversation/conversation-do';
import { QueueDO as Queue } from '../../worker/queue/queue-do';
import { SiteDO as Site } from '../../worker/site/site-do';
import type { Env } from '../../worker/env';
import { countedEnv } from './counted-env';
import { countStorage } from './counted-storage';
import { count, take } from './tally';

type DurableObjectClass = new (ctx: DurableObjectState, env: Env) => {
  alarm?(): void | Promise<void>;
  webSocketMessage?(ws: WebSocket, raw: string | ArrayBuffer): void | Promise<void>;
};

/** The class under its own name (wrangler.toml binds by class name), counted. */
function counted<C extends DurableObjectClass>(Base: C, name: string): C {
  // @ts-expect-error A mixin over a class with a fixed constructor signature, which TypeScript cannot type.
  return class extends Base {
    constructor(ctx: DurableObjectState, env: Env) {
      super(countStorage(ctx, name), countedEnv(env, name));
    }
    override async alarm(): Promise<void> {
      count('alarms', name);
      return super.alarm?.();
    }
    override async webSocketMessage(ws: WebSocket, raw: string | ArrayBuffer): Promise<void> {
      count('wsIn', name);
      return super.webSocketMessage?.(ws, raw);
    }
  };
}

export const ConversationDO = counted(Conversation, 'ConversationDO');
export const QueueDO = counted(Queue, 'QueueDO');
export const AgentDO = counted(Agent, 'AgentDO');
export const SiteDO = counted(Site, 'SiteDO');

export default {
  async fetch(request, env, ctx) {
    const url = new URL(request.url);
    if (url.pathname === '/__bench/counts') return Response.json(take(url.searchParams.has('reset')));
    count('http', `${request.method} ${url.pathname.replace(/[0-9A-HJKMNP-TV-Z]{26}/g, ':id')}`);
    return parley.fetch(request, countedEnv(env, 'Worker'), ctx);
  },
  scheduled: (controller, env, ctx) => parley.scheduled(controller, countedEnv(env, 'Worker'), ctx),
} satisfies ExportedHandler<Env>;
