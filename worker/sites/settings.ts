import { DEFAULT_WIDGET_SETTINGS } from '../../protocol/chat';
import type { SiteSettings } from '../../protocol/site-frames';
import { requireSite } from './sites';

/** What a site's widgets are told: the configurator's settings (or defaults), survey and proactive rules. */
export async function readSiteSettings(db: D1Database, siteId: string): Promise<SiteSettings> {
  const site = await requireSite(db, siteId);
  return {
    widget: { ...DEFAULT_WIDGET_SETTINGS, ...site.widget },
    survey: site.survey,
    proactiveRules: site.proactiveRules,
  };
}
