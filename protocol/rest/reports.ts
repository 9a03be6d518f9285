/**
 * Reports, under `/api/admin/reports` (`worker/routes/admin/reports.ts`, docs/reports.md): admins
 * see every site, supervisors the queues they are members of. Each answers for a range of days.
 */
import type { BreakdownResponse, LiveResponse, OverviewResponse, SeriesResponse } from '../reports';
import { get } from './endpoint';

export const reports = {
  overview: get('/api/admin/reports/overview', { query: 'ReportQuery' }).answers<OverviewResponse>(),
  /** Volume and wait per hour or day, and the weekday × hour heatmap. */
  overTime: get('/api/admin/reports/over-time', { query: 'ReportQuery' }).answers<SeriesResponse>(),
  breakdown: get('/api/admin/reports/breakdown', { query: 'BreakdownQuery' }).answers<BreakdownResponse>(),
  /** One table as CSV (text/csv, a download). */
  exportCsv: get('/api/admin/reports/export', { query: 'ExportQuery' }).answers<Blob>(),
  live: get('/api/admin/reports/live').answers<LiveResponse>(),
};
