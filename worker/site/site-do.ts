/**
 * One site's live side: a socket from every open widget and from agents watching live visitors.
 * It pushes settings to widgets when an admin changes them, and bans to the banned.
 *
 * Skeleton: the workspace work (live visitors) fills in the socket handling.
 */
import { DurableObject } from 'cloudflare:workers';
import type { SiteSettings, SiteToVisitorFrame } from '../../protocol/site-frames';
import type { Env } from '../env';
import { send } from '../sockets/identity';

export class SiteDO extends DurableObject<Env> {
  /** An admin changed the site's settings: every open widget gets them now. */
  settingsChanged(settings: SiteSettings): void {
    this.toVisitors({ type: 'settings', settings });
  }

  /** Closes the widget of a banned visitor, in every tab they have open. */
  banned(visitorId: string): void {
    for (const ws of this.ctx.getWebSockets(`visitor:${visitorId}`)) send(ws, { type: 'banned' } satisfies SiteToVisitorFrame);
  }

  private toVisitors(frame: SiteToVisitorFrame): void {
    for (const ws of this.ctx.getWebSockets('visitor')) send(ws, frame);
  }
}
