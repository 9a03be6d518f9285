/** What the loader and the lazily loaded app agree on; types only, so the loader stays tiny. */
import type { WidgetSettings } from '../protocol/chat';
import type { WidgetStatusResponse } from '../protocol/visitor-bodies';

export interface MountOptions {
  /** The shadow root the loader made; the app draws its panel in it. */
  root: ShadowRoot;
  siteId: string;
  /** Parley's origin, where the API and the socket live (the script's own origin). */
  base: string;
  /** What the loader was told at idle; the app asks again when the panel opens. */
  status: WidgetStatusResponse;
  /** Tells the loader whether the panel is open, so the launcher can say so. */
  onOpenChange(open: boolean): void;
  /** Messages from the business the visitor has not seen yet, for the launcher's badge. */
  onUnread(count: number): void;
  /** Each message as it arrives, for `Parley.on('message', …)`. */
  onMessage(message: { text: string; author: { role: string; name: string } }): void;
  /** New look from the admin (colour, side), for the launcher too. */
  onSettings(status: WidgetStatusResponse): void;
  /** The visitor was banned: the loader takes the launcher away for good. */
  onBanned(): void;
  /** In the console's preview frame only: the admin's unsaved settings, shown instead of the saved ones. */
  preview?: WidgetSettings;
}

/** The site's user, as its server vouches for them: `hash` is hex HMAC-SHA256 of `id` with the site's identity secret. */
export interface Identity {
  id: string;
  name?: string;
  email?: string;
  hash: string;
}

/** What `window.Parley` offers the page. */
export interface ParleyApi {
  open(): void;
  close(): void;
  /** Resolves once verified; rejects (fields kept, unverified) when the hash does not match. Runs when the chat app has loaded. */
  identify(identity: Identity): Promise<void>;
  on(event: 'open' | 'close' | 'message' | 'unread', handler: (detail?: unknown) => void): void;
}

export interface WidgetHandle {
  open(): void;
  close(): void;
  identify(identity: Identity): Promise<void>;
  /** The console's preview frame has new unsaved settings to show. */
  preview(settings: WidgetSettings): void;
}

export type MountWidget = (options: MountOptions) => WidgetHandle;

/** The app script registers itself here; the loader picks it up once the script has run. */
export const APP_GLOBAL = '__parleyWidgetApp';
export const tokenKey = (siteId: string) => `parley:${siteId}:visitor`;
/** How many page views this browser has had on the site: more than one is a returning visitor. */
export const visitsKey = (siteId: string) => `parley:${siteId}:visits`;
