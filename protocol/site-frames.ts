/**
 * Frames on a site socket. Every open widget holds one (`/ws/visitor/site`), so the site knows
 * who is browsing now and can reach them; agents watch the site's live visitors on theirs
 * (`/ws/agent/sites/:siteId`).
 */
import * as v from 'valibot';
import type { ProactiveRule, SurveyField, WidgetSettings } from './chat';

/** An http(s) page address, or empty: agents open these as links, so no other scheme gets in. */
const pageUrl = v.pipe(v.string(), v.maxLength(2048), v.regex(/^(https?:\/\/|$)/i, 'must be an http(s) URL'));

/** The widget tells the site where the visitor is, on connect and on each page change. */
export const PageFrame = v.object({
  type: v.literal('page'),
  url: pageUrl,
  title: v.pipe(v.string(), v.maxLength(300)),
  referrer: pageUrl,
  /** The visitor is typing in the widget or waiting for an answer. */
  state: v.picklist(['browsing', 'writing', 'waiting', 'chatting']),
  /** The browser's IANA time zone, so agents see the visitor's local time. */
  timeZone: v.optional(v.pipe(v.string(), v.maxLength(64), v.regex(/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/, 'must be an IANA time zone'))),
});

export type VisitorSiteFrame = v.InferOutput<typeof PageFrame>;

/** What the widget needs to look right: pushed on connect and whenever an admin changes it. */
export interface SiteSettings {
  widget: WidgetSettings;
  survey: SurveyField[];
  proactiveRules: ProactiveRule[];
}

/** Sent to a widget's site socket. */
export type SiteToVisitorFrame =
  | { type: 'settings'; settings: SiteSettings }
  /** The visitor was banned: the widget closes and stays closed. */
  | { type: 'banned' }
  /** An agent invites this visitor to chat (from the live visitors view). */
  | { type: 'invite'; agentName: string; message: string }
  | { type: 'error'; code: string; message: string };

/** One visitor on the site now, as agents see them. */
export interface LiveVisitor {
  visitorId: string;
  name: string;
  url: string;
  title: string;
  referrer: string;
  state: VisitorSiteFrame['state'];
  language: string | null;
  country: string | null;
  /** IANA time zone from the widget, for the visitor's local time; null until it says. */
  timeZone?: string | null;
  userAgent: string;
  /** Unix ms of this visit's first page. */
  since: number;
  pages: Array<{ url: string; title: string; at: number }>;
}

export type SiteToAgentFrame =
  | { type: 'visitors'; visitors: LiveVisitor[] }
  | { type: 'visitor'; visitor: LiveVisitor }
  | { type: 'visitor_left'; visitorId: string };
