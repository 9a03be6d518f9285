/** Who the visitor is: the name and email they give, and the identity the site vouches for. */
import { visitor } from '../../../protocol/rest/visitor';
import type { VisitorProfileResponse } from '../../../protocol/visitor-bodies';
import { requireVisitor } from '../../auth/visitor';
import { HttpError } from '../../http/errors';
import { requireSiteOrigin } from '../../http/origin';
import { Routes } from '../../http/route';
import { requireSite } from '../../site/sites';
import { refuseBanned } from '../../site/bans';
import { verifyIdentity } from '../../visitor/identify';
import { readVisitor, saveVisitor } from '../../visitor/visitor-records';

export const visitorProfileRoutes = new Routes('/api/visitor')
  .on(visitor.profile, requireVisitor, refuseBanned, async (c) => c.json<VisitorProfileResponse>({ visitor: await readVisitor(c.env.DB, c.var.visitor.visitorId) }))
  /** Typed by the visitor, so no longer what the site vouched for. */
  .on(visitor.saveProfile, requireVisitor, refuseBanned, async (c, checked) => {
    requireSiteOrigin(c.req.raw, (await requireSite(c.env.DB, c.var.visitor.siteId)).allowedOrigins);
    const body = await checked.body();
    const visitor = await saveVisitor(c.env, c.var.visitor, { ...body, verified: false });
    return c.json<VisitorProfileResponse>({ visitor });
  })
  /**
   * A bad hash keeps the name and email, unverified, and says so with a 403 the page's
   * `identify()` promise rejects with.
   */
  .on(visitor.identify, requireVisitor, refuseBanned, async (c, checked) => {
    const site = await requireSite(c.env.DB, c.var.visitor.siteId);
    requireSiteOrigin(c.req.raw, site.allowedOrigins);
    const { id, name, email, hash } = await checked.body();
    const verified = await verifyIdentity(id, hash, site.identitySecret);
    const visitor = await saveVisitor(c.env, c.var.visitor, { name, email, externalId: id, verified });
    if (!verified) {
      throw new HttpError(403, {
        code: 'identity_not_verified',
        message: site.identitySecret
          ? 'hash: does not match the id signed with this site’s identity secret; name and email were kept as unverified'
          : 'hash: this site has no identity secret yet; name and email were kept as unverified',
        field: 'hash',
      });
    }
    return c.json<VisitorProfileResponse>({ visitor });
  });
