/** Reports (docs/reports.md): admins every site, supervisors their own queues. Read-only. */
import { reports } from '../../../protocol/rest/reports';
import { requireRole } from '../../auth/roles';
import { Routes } from '../../http/route';
import { breakdownCsv, heatmapCsv, overTimeCsv, overviewCsv } from '../../reports/csv';
import { breakdown, overTime, overview } from '../../reports/figures';
import { liveNow } from '../../reports/live';
import { queuesInScope, reportRequest } from '../../reports/scope';

export const reportRoutes = new Routes('/api/admin/reports')
  .use(requireRole('admin', 'supervisor'))
  .on(reports.overview, async (c, checked) => {
    const { db, scope, range } = await reportRequest(c.env.DB, c.var.agent, checked.query());
    return c.json(await overview(db, scope, range));
  })
  .on(reports.overTime, async (c, checked) => {
    const { db, scope, range } = await reportRequest(c.env.DB, c.var.agent, checked.query());
    return c.json(await overTime(db, scope, range));
  })
  .on(reports.breakdown, async (c, checked) => {
    const q = checked.query();
    const { db, scope, range } = await reportRequest(c.env.DB, c.var.agent, q);
    return c.json(await breakdown(db, scope, range, q.by));
  })
  .on(reports.exportCsv, async (c, checked) => {
    const q = checked.query();
    const { db, scope, range } = await reportRequest(c.env.DB, c.var.agent, q);
    const by = q.by ?? 'agent';
    const csv =
      q.table === 'overview'
        ? overviewCsv(await overview(db, scope, range))
        : q.table === 'breakdown'
          ? breakdownCsv(await breakdown(db, scope, range, by))
          : (q.table === 'heatmap' ? heatmapCsv : overTimeCsv)(await overTime(db, scope, range));
    const name = `parley-${q.table}${q.table === 'breakdown' ? `-by-${by}` : ''}-${q.from}-to-${q.to}.csv`;
    return c.body(csv, 200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${name}"` });
  })
  .on(reports.live, async (c) => {
    return c.json(await liveNow(c.env, { queueIds: await queuesInScope(c.env.DB, c.var.agent) }));
  });
