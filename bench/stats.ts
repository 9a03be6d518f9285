/** Percentiles through an HDR histogram, in milliseconds with microsecond resolution. */
import * as hdr from 'hdr-histogram-js';

export interface Percentiles {
  count: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

export function percentiles(samplesMs: readonly number[]): Percentiles {
  const histogram = hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 600_000_000, numberOfSignificantValueDigits: 3 });
  for (const ms of samplesMs) histogram.recordValue(Math.max(1, Math.round(ms * 1000)));
  const at = (p: number) => Math.round(histogram.getValueAtPercentile(p)) / 1000;
  return { count: samplesMs.length, p50: at(50), p90: at(90), p99: at(99), max: Math.round(histogram.maxValue) / 1000 };
}
