/** What one bench run measured: the shape of bench/results/latest.json, read by the report. */
import type { CostEstimate } from './cost';
import type { SearchTimes } from './history';
import type { ReportTimes } from './reports';
import type { CpuReading } from './processes';
import type { FileSize } from './sizes';
import type { Percentiles } from './stats';
import type { WorkCounts } from './work-counts';

/** The three things the bench runs: Parley two ways, and the bare relay. */
export type Target = 'miniflare' | 'wrangler dev' | 'relay';

export interface Floor {
  target: Target;
  /** `ping` (a socket round trip) or the path of an HTTP GET. */
  path: string;
  what: string;
  times: Percentiles;
}

/** CPU a phase cost each process, over how many operations. */
export interface CpuPhase {
  target: Target;
  operation: string;
  operations: number;
  /** CPU-ms by process over the whole phase (divide by `operations` for one). */
  cpuMs: CpuReading;
}

export interface Delivery {
  visitorToAgent: Percentiles;
  agentToVisitor: Percentiles;
  sent: number;
  lost: number;
  setupMs: number;
}

export interface LatencyLevel {
  conversations: number;
  parley: Delivery;
  relay: Delivery;
}

/** An extra Parley row beside the levels: the same load run another way. */
export interface LatencyVariant {
  label: string;
  target: Target;
  conversations: number;
  delivery: Delivery;
}

export interface RoutingStepResult {
  rate: number;
  chats: number;
  unrouted: number;
  times: Percentiles;
}

export interface MemoryStep {
  sockets: number;
  /** Resident memory by process after the sockets idled, in bytes. */
  rss: Record<string, number>;
}

export interface MemoryRun {
  target: Target;
  label: string;
  steps: MemoryStep[];
  refused: number;
  answeredAfterIdle: number;
}

export interface SoakRun {
  conversations: number;
  /** Why this many: the largest the measured CPU allows, or the quick run's fixed size. */
  sizedBy: string;
  durationS: number;
  setupS: number;
  sent: number;
  dropped: number;
  reconnects: number;
  lost: number;
  duplicated: number;
  reordered: number;
  unacked: number;
  latency: Percentiles;
  /** CPU by process over the messaging part. */
  cpuMs: CpuReading;
}

export interface Results {
  mode: 'quick' | 'full';
  date: string;
  machine: Record<string, string>;
  /** Load averages (1, 5, 15 min) when the run started and ended: others share these cores. */
  load: { start: string; end: string };
  floors: Floor[];
  latency: LatencyLevel[];
  variants: LatencyVariant[];
  routing: { target: Target; steps: RoutingStepResult[]; maxRateUnder100ms: number | null }[];
  cpu: CpuPhase[];
  counts: WorkCounts;
  /** Counts higher than the committed baseline (bench/results/work-counts.json). */
  countsGrown: string[];
  memory: MemoryRun[];
  soak: SoakRun;
  cost: CostEstimate;
  history: SearchTimes[];
  /** Absent in results from before the reports. */
  reports?: ReportTimes;
  widget: FileSize[];
}
