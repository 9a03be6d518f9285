/**
 * What Parley would cost on Cloudflare's Workers Paid plan, from the bench's own figures: the work
 * counts (requests, Durable Object calls, WebSocket messages, storage rows) and the CPU measured per
 * chat and per message. The prices are Cloudflare's published ones, as read on the date below.
 */
import { lifecycleSteps, type Totals, type WorkCounts } from './work-counts';

export const PRICES = {
  read: '2026-12-02',
  workers: {
    source: 'https://developers.cloudflare.com/workers/platform/pricing/ (Standard usage model)',
    monthly: 5,
    requestsIncluded: 10e6,
    perMillionRequests: 0.3,
    cpuMsIncluded: 30e6,
    perMillionCpuMs: 0.02,
  },
  durableObjects: {
    source: 'https://developers.cloudflare.com/durable-objects/platform/pricing/ (compute, and storage for SQLite-backed objects)',
    requestsIncluded: 1e6,
    perMillionRequests: 0.15,
    /** Incoming WebSocket messages are billed 20 to a request; pings the runtime answers are free. */
    wsMessagesPerRequest: 20,
    gbSecondsIncluded: 400_000,
    perMillionGbSeconds: 12.5,
    /** Duration is billed for 128 MB, whatever the object uses. */
    gb: 0.128,
    rowsReadIncluded: 25e9,
    perMillionRowsRead: 0.001,
    rowsWrittenIncluded: 50e6,
    perMillionRowsWritten: 1,
  },
  d1: {
    source: 'https://developers.cloudflare.com/d1/platform/pricing/',
    rowsReadIncluded: 25e9,
    perMillionRowsRead: 0.001,
    rowsWrittenIncluded: 50e6,
    perMillionRowsWritten: 1,
  },
} as const;

/** The scenario priced: chats a day, messages in each after the first, and days in a month. */
export const SCENARIO = { chatsPerDay: 1000, messagesPerChat: 20, days: 30 };
/**
 * An awaited D1 or Durable Object round trip made from inside an object keeps it active (billed
 * duration). Locally one takes well under a millisecond; on Cloudflare it is assumed to take this.
 */
export const ASSUMED_ROUND_TRIP_MS = 20;

export interface Usage {
  workerRequests: number;
  /** An upper bound: locally the Worker, every object and D1's local engine share one process. */
  workerCpuMs: number;
  doRequests: number;
  doGbSeconds: number;
  doRowsRead: number;
  doRowsWritten: number;
  d1Statements: number;
}

export interface CostLine {
  item: string;
  perMonth: number;
  included: number;
  dollars: number;
}

export interface CostEstimate {
  perChat: Usage;
  perMessage: Usage;
  lines: CostLine[];
  totalDollars: number;
}

/** Round trips an object waited for: D1 queries and calls on other objects whose caller is an object. */
function roundTripsFromObjects(detail: Record<string, number>, divideBy: number): number {
  let n = 0;
  for (const [key, count] of Object.entries(detail)) {
    const [kind, caller] = key.split(' ');
    if ((kind === 'd1' || kind === 'doCalls') && caller !== 'Worker') n += count;
  }
  return n / divideBy;
}

function usage(t: Totals, cpuMs: number, roundTrips: number): Usage {
  const activeSeconds = (cpuMs + roundTrips * ASSUMED_ROUND_TRIP_MS) / 1000;
  return {
    workerRequests: t.http,
    workerCpuMs: cpuMs,
    doRequests: t.doCalls + t.alarms + t.wsIn / PRICES.durableObjects.wsMessagesPerRequest,
    doGbSeconds: activeSeconds * PRICES.durableObjects.gb,
    doRowsRead: t.rowsRead,
    doRowsWritten: t.rowsWritten,
    d1Statements: t.d1Statements,
  };
}

const add = (a: Usage, b: Usage, times: number): Usage =>
  Object.fromEntries(Object.entries(a).map(([k, v]) => [k, v + b[k as keyof Usage] * times])) as unknown as Usage;

const overage = (used: number, included: number, perMillion: number) => (Math.max(0, used - included) / 1e6) * perMillion;

/**
 * `cpuPerChatMs` is a whole chat start (the bench's routing lifecycle: start, first message, offer,
 * accept, close); `cpuPerMessageMs` one message at steady load. Both are Parley's workerd process
 * under Miniflare. A chat is the counted lifecycle less its counted messages (the first message,
 * which starts routing, stays in it), plus the scenario's other messages at the per-message cost.
 */
export function estimateCost(counts: WorkCounts, cpuPerChatMs: number, cpuPerMessageMs: number): CostEstimate {
  const messagesStep = counts.steps.find((s) => s.step.includes('messages'))!;
  const lifecycleDetail: Record<string, number> = {};
  for (const s of lifecycleSteps(counts)) for (const [k, v] of Object.entries(s.detail)) lifecycleDetail[k] = (lifecycleDetail[k] ?? 0) + v;
  const messageRoundTrips = roundTripsFromObjects(messagesStep.detail, counts.messages);
  const perMessage = usage(counts.perMessage, cpuPerMessageMs, messageRoundTrips);
  const fixedTotals = Object.fromEntries(Object.entries(counts.lifecycle).map(([k, v]) => [k, v - counts.perMessage[k as keyof Totals] * counts.messages])) as Totals;
  const fixed = usage(fixedTotals, cpuPerChatMs, roundTripsFromObjects(lifecycleDetail, 1) - messageRoundTrips * counts.messages);
  const perChat = add(fixed, perMessage, SCENARIO.messagesPerChat - 1);
  const month = SCENARIO.chatsPerDay * SCENARIO.days;
  const m = (key: keyof Usage) => perChat[key] * month;
  const { workers: w, durableObjects: o, d1 } = PRICES;
  const lines: CostLine[] = [
    { item: 'Workers Paid plan', perMonth: 1, included: 0, dollars: w.monthly },
    { item: 'Worker requests', perMonth: m('workerRequests'), included: w.requestsIncluded, dollars: overage(m('workerRequests'), w.requestsIncluded, w.perMillionRequests) },
    { item: 'Worker CPU-ms', perMonth: m('workerCpuMs'), included: w.cpuMsIncluded, dollars: overage(m('workerCpuMs'), w.cpuMsIncluded, w.perMillionCpuMs) },
    { item: 'Durable Object requests', perMonth: m('doRequests'), included: o.requestsIncluded, dollars: overage(m('doRequests'), o.requestsIncluded, o.perMillionRequests) },
    { item: 'Durable Object duration (GB-s)', perMonth: m('doGbSeconds'), included: o.gbSecondsIncluded, dollars: overage(m('doGbSeconds'), o.gbSecondsIncluded, o.perMillionGbSeconds) },
    { item: 'Durable Object rows read', perMonth: m('doRowsRead'), included: o.rowsReadIncluded, dollars: overage(m('doRowsRead'), o.rowsReadIncluded, o.perMillionRowsRead) },
    { item: 'Durable Object rows written', perMonth: m('doRowsWritten'), included: o.rowsWrittenIncluded, dollars: overage(m('doRowsWritten'), o.rowsWrittenIncluded, o.perMillionRowsWritten) },
    // D1 bills rows, which the local D1 does not report for every query: priced as one row per statement.
    { item: 'D1 rows written (≥ 1 per statement)', perMonth: m('d1Statements'), included: d1.rowsWrittenIncluded, dollars: overage(m('d1Statements'), d1.rowsWrittenIncluded, d1.perMillionRowsWritten) },
  ];
  return { perChat, perMessage, lines, totalDollars: lines.reduce((n, l) => n + l.dollars, 0) };
}
