import type { AgentDO } from './agent/agent-do';
import type { ConversationDO } from './conversation/conversation-do';
import type { QueueDO } from './queue/queue-do';
import type { SiteDO } from './site/site-do';
import type { DeliveryMessage } from './webhooks/delivery';

export interface Env {
  DB: D1Database;
  ASSETS: Fetcher;
  CONVERSATION: DurableObjectNamespace<ConversationDO>;
  QUEUE: DurableObjectNamespace<QueueDO>;
  AGENT: DurableObjectNamespace<AgentDO>;
  SITE: DurableObjectNamespace<SiteDO>;
  /** Webhook deliveries, one message each (`worker/webhooks/`); its consumer is this Worker's `queue()`. */
  WEBHOOKS: Queue<DeliveryMessage>;
  /** "allowed" in local dev only (scripts/local-app.ts): webhooks may post to http://localhost receivers. */
  LOCAL_WEBHOOKS?: string;
  /** Tests only: the first retry's delay in seconds (10 unless set), doubling after. */
  WEBHOOK_RETRY_BASE_SECONDS?: string;
  /** Attachments and agent photos. */
  FILES: R2Bucket;
  /** Cloudflare Email Routing's `send_email` binding; without it mails are kept in D1 (local dev). */
  MAIL?: SendEmail;
  /** The sender address for mails, e.g. "chat@shop.example". */
  MAIL_FROM?: string;
  /** `mailgun` sends through Mailgun's HTTP API instead of the `MAIL` binding (docs/email.md). */
  MAIL_PROVIDER?: string;
  /** Mailgun's API key (`wrangler secret put MAILGUN_API_KEY`), sending domain, and API base (the EU region's, say). */
  MAILGUN_API_KEY?: string;
  MAILGUN_DOMAIN?: string;
  MAILGUN_API_BASE?: string;
  /** The domain whose mail Email Routing hands to the Worker, for reply addresses; defaults to MAIL_FROM's. */
  MAIL_REPLY_DOMAIN?: string;
  /** Signs visitor tokens. `wrangler secret put PARLEY_SECRET` in a deploy; `.dev.vars` locally. */
  PARLEY_SECRET: string;
  /** Lets the first visitor to a fresh deployment create the first admin. `wrangler secret put SETUP_TOKEN`. */
  SETUP_TOKEN?: string;
  /**
   * Web Push's VAPID key pair (base64url), if the owner keeps it as secrets; without both, the
   * Worker makes one on first need and keeps it in D1. See docs/notifications.md.
   */
  VAPID_PUBLIC_KEY?: string;
  VAPID_PRIVATE_KEY?: string;
  /** The contact push services see on our pushes, "mailto:…" or "https://…"; defaults to MAIL_FROM. */
  VAPID_SUBJECT?: string;
  /** Cloudflare Turnstile's site key (a `[vars]` entry) and secret key (`wrangler secret put TURNSTILE_SECRET_KEY`). */
  TURNSTILE_SITE_KEY?: string;
  TURNSTILE_SECRET_KEY?: string;
  /** Tests only: an offline Turnstile that passes one known token (`worker/auth/turnstile.ts`). */
  TURNSTILE_FAKE?: string;
  /** Tests only: the names the card fetcher resolves, instead of DNS over HTTPS (`worker/cards/dns.ts`). */
  FAKE_DNS?: Record<string, string[]>;
}

export const conversationStub = (env: Env, id: string) => env.CONVERSATION.get(env.CONVERSATION.idFromName(id));
export const queueStub = (env: Env, id: string) => env.QUEUE.get(env.QUEUE.idFromName(id));
export const agentStub = (env: Env, id: string) => env.AGENT.get(env.AGENT.idFromName(id));
export const siteStub = (env: Env, id: string) => env.SITE.get(env.SITE.idFromName(id));
