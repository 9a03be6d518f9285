/** What the loader and the lazily loaded app agree on; types only, so the loader stays tiny. */
export interface MountOptions {
  /** The shadow root the loader made; the app draws its panel in it. */
  root: ShadowRoot;
  siteId: string;
  /** Parley's origin, where the API and the socket live (the script's own origin). */
  base: string;
  /** Tells the loader whether the panel is open, so the launcher can say so. */
  onOpenChange(open: boolean): void;
  /** Messages from the business the visitor has not seen yet, for the launcher's badge. */
  onUnread(count: number): void;
  /** Each message as it arrives, for `Parley.on('message', …)`. */
  onMessage(message: { text: string; author: { role: string; name: string } }): void;
}

/** What `window.Parley` offers the page. */
export interface ParleyApi {
  open(): void;
  close(): void;
  on(event: 'open' | 'close' | 'message' | 'unread', handler: (detail?: unknown) => void): void;
}

export interface WidgetHandle {
  open(): void;
  close(): void;
}

export type MountWidget = (options: MountOptions) => WidgetHandle;

/** The app script registers itself here; the loader picks it up once the script has run. */
export const APP_GLOBAL = '__parleyWidgetApp';
export const tokenKey = (siteId: string) => `parley:${siteId}:visitor`;
