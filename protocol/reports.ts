/**
 * Reports (docs/reports.md): the figures the Worker answers under `/api/admin/reports`, and the
 * query schemas it checks. Every duration is in milliseconds; every count is of chats.
 */
import * as v from 'valibot';
import { validDate, validTimeZone } from './admin-api';
import { id, languageTag } from './fields';
import type { AgentStatus } from './chat';

/** A year and a day: a leap year's "last 365 days" plus today. */
export const MAX_RANGE_DAYS = 366;

export const BREAKDOWNS = ['agent', 'queue', 'site', 'language', 'label'] as const;
export type Breakdown = (typeof BREAKDOWNS)[number];

export const REPORT_TABLES = ['overview', 'over-time', 'heatmap', 'breakdown'] as const;
export type ReportTable = (typeof REPORT_TABLES)[number];

const date = v.pipe(v.string(), v.check(validDate, 'must be a date YYYY-MM-DD'));

const rangeEntries = {
  /** First and last day, both included, in `timeZone`. */
  from: date,
  to: date,
  /** The owner's zone; by default the site's business hours' zone, else UTC. */
  timeZone: v.optional(v.pipe(v.string(), v.maxLength(64), v.check(validTimeZone, 'must be a time zone such as Europe/Oslo'))),
  site: v.optional(id),
  queue: v.optional(id),
  agent: v.optional(id),
  language: v.optional(languageTag),
};

const inOrder = (q: { from: string; to: string }) => q.from <= q.to;
const notTooLong = (q: { from: string; to: string }) => (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 < MAX_RANGE_DAYS;

const inOrderMessage = 'must not be before from';
const tooLongMessage = `must be at most ${MAX_RANGE_DAYS} days after from`;
const by = v.picklist(BREAKDOWNS, `must be one of ${BREAKDOWNS.join(', ')}`);

export const ReportQuery = v.pipe(
  v.object(rangeEntries),
  v.forward(v.partialCheck([['from'], ['to']], inOrder, inOrderMessage), ['to']),
  v.forward(v.partialCheck([['from'], ['to']], notTooLong, tooLongMessage), ['to']),
);
export const BreakdownQuery = v.pipe(
  v.object({ ...rangeEntries, by }),
  v.forward(v.partialCheck([['from'], ['to']], inOrder, inOrderMessage), ['to']),
  v.forward(v.partialCheck([['from'], ['to']], notTooLong, tooLongMessage), ['to']),
);
export const ExportQuery = v.pipe(
  v.object({ ...rangeEntries, table: v.picklist(REPORT_TABLES, `must be one of ${REPORT_TABLES.join(', ')}`), by: v.optional(by) }),
  v.forward(v.partialCheck([['from'], ['to']], inOrder, inOrderMessage), ['to']),
  v.forward(v.partialCheck([['from'], ['to']], notTooLong, tooLongMessage), ['to']),
);
export type ReportQueryValue = v.InferOutput<typeof ReportQuery>;
export type BreakdownQueryValue = v.InferOutput<typeof BreakdownQuery>;
export type ExportQueryValue = v.InferOutput<typeof ExportQuery>;

/** The figures of a set of chats (docs/reports.md defines each one). */
export interface Figures {
  conversations: number;
  accepted: number;
  missed: number;
  transferred: number;
  reopened: number;
  waitMedianMs: number | null;
  waitP90Ms: number | null;
  firstResponseMedianMs: number | null;
  firstResponseP90Ms: number | null;
  handleMedianMs: number | null;
  /** Ratings 1–5: how many, their average, and how many of each. */
  rated: number;
  csat: number | null;
  ratings: [number, number, number, number, number];
  /**
   * Hours agents were online (console open, status online), to one decimal, and the chats they
   * took per such hour: null where agents' time does not divide (by site, language or label).
   */
  agentHours: number | null;
  chatsPerAgentHour: number | null;
}

export interface ReportRange {
  from: string;
  to: string;
  timeZone: string;
  /** The UTC instants the range covers, [start, end). */
  startMs: number;
  endMs: number;
}

export interface RatingComment {
  conversationId: string;
  rating: number;
  comment: string;
  at: number;
  agentName: string | null;
}

export interface OverviewResponse {
  range: ReportRange;
  /** The same number of days just before. */
  previousRange: ReportRange;
  current: Figures & { tickets: number };
  previous: Figures & { tickets: number };
  comments: RatingComment[];
}

export interface SeriesPoint {
  /** Start of the hour or day, UTC ms; `label` is it on the owner's clock. */
  startMs: number;
  label: string;
  conversations: number;
  missed: number;
  waitMedianMs: number | null;
}

export interface SeriesResponse {
  range: ReportRange;
  /** Hours for a range of up to two days, else days. */
  step: 'hour' | 'day';
  points: SeriesPoint[];
  /** Incoming chats by weekday (0 = Sunday) and hour of the day on the owner's clock: `[weekday][hour]`. */
  heatmap: number[][];
  /** Agents online on average in the same slots, to one decimal (hours still to come are left out). */
  agentsOnline: number[][];
}

export interface BreakdownRow extends Figures {
  key: string;
  name: string;
}

export interface BreakdownResponse {
  range: ReportRange;
  by: Breakdown;
  rows: BreakdownRow[];
}

export interface LiveQueue {
  id: string;
  name: string;
  waiting: number;
  longestWaitMs: number | null;
}

export interface LiveAgent {
  id: string;
  name: string;
  status: AgentStatus;
  chats: number;
  capacity: number;
}

export interface LiveResponse {
  waiting: number;
  longestWaitMs: number | null;
  queues: LiveQueue[];
  agents: LiveAgent[];
}
