/**
 * The Reports page's figures over the public API (docs/reports.md), for the admin the token acts
 * as: the same functions, scope and time zone rules as `routes/admin/reports.ts`.
 */
import { Routes } from '../../http/route';
import { breakdown, overTime, overview } from '../../reports/figures';
import { reportRequest } from '../../reports/scope';
import { scoped } from './scoped';

export const v1ReportRoutes = new Routes('/api/v1')
  .on(...scoped('reportOverview'), async (c, checked) => {
    const { db, scope, range } = await reportRequest(c.env.DB, c.var.agent, checked.query());
    return c.json(await overview(db, scope, range));
  })
  .on(...scoped('reportOverTime'), async (c, checked) => {
    const { db, scope, range } = await reportRequest(c.env.DB, c.var.agent, checked.query());
    return c.json(await overTime(db, scope, range));
  })
  .on(...scoped('reportBreakdown'), async (c, checked) => {
    const q = checked.query();
    const { db, scope, range } = await reportRequest(c.env.DB, c.var.agent, q);
    return c.json(await breakdown(db, scope, range, q.by));
  });
