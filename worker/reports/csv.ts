/** The reports' tables as CSV (RFC 4180): the same rows the page shows, for a spreadsheet. */
import type { BreakdownResponse, Figures, OverviewResponse, SeriesResponse } from '../../protocol/reports';

type Cell = string | number | null;

const cell = (value: Cell) => {
  if (value === null) return '';
  const text = String(value);
  // A leading = + - @ would be a formula in a spreadsheet: a visitor's comment must stay text.
  const safe = /^[=+\-@\t\r]/.test(text) && typeof value === 'string' ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
};

export const toCsv = (header: string[], rows: Cell[][]) => [header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';

const seconds = (ms: number | null) => (ms === null ? null : Math.round(ms / 1000));

export const FIGURE_HEADER = ['conversations', 'accepted', 'missed', 'transferred', 'reopened', 'wait_median_s', 'wait_p90_s', 'first_response_median_s', 'first_response_p90_s', 'handle_median_s', 'rated', 'csat', 'rating_1', 'rating_2', 'rating_3', 'rating_4', 'rating_5', 'agent_hours', 'chats_per_agent_hour'];

const figureCells = (f: Figures): Cell[] => [
  f.conversations, f.accepted, f.missed, f.transferred, f.reopened,
  seconds(f.waitMedianMs), seconds(f.waitP90Ms), seconds(f.firstResponseMedianMs), seconds(f.firstResponseP90Ms), seconds(f.handleMedianMs),
  f.rated, f.csat, ...f.ratings, f.agentHours, f.chatsPerAgentHour,
];

export const overviewCsv = (o: OverviewResponse) =>
  toCsv(['period', 'from', 'to', ...FIGURE_HEADER, 'tickets'], [
    ['current', o.range.from, o.range.to, ...figureCells(o.current), o.current.tickets],
    ['previous', o.previousRange.from, o.previousRange.to, ...figureCells(o.previous), o.previous.tickets],
  ]);

export const overTimeCsv = (s: SeriesResponse) =>
  toCsv([s.step === 'hour' ? 'hour' : 'day', 'conversations', 'missed', 'wait_median_s'], s.points.map((p) => [p.label, p.conversations, p.missed, seconds(p.waitMedianMs)]));

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** Both grids, a row per weekday and measure: incoming chats, and agents online on average. */
export const heatmapCsv = (s: SeriesResponse) =>
  toCsv(['measure', 'weekday', ...Array.from({ length: 24 }, (_, h) => `${String(h).padStart(2, '0')}:00`)], [
    ...s.heatmap.map((hours, d) => ['chats', WEEKDAYS[d]!, ...hours]),
    ...s.agentsOnline.map((hours, d) => ['agents_online', WEEKDAYS[d]!, ...hours]),
  ]);

export const breakdownCsv = (b: BreakdownResponse) => toCsv([b.by, `${b.by}_id`, ...FIGURE_HEADER], b.rows.map((r) => [r.name, r.key, ...figureCells(r)]));
