/** How the report writes numbers and tables. */
import type { Target } from './results';
import type { Percentiles } from './stats';

export const ms = (n: number) => (!Number.isFinite(n) ? '–' : n < 10 ? n.toFixed(2) : n.toFixed(1));
/** A percentile, or a dash when nothing was measured. */
export const pct = (p: Percentiles, key: 'p50' | 'p90' | 'p99' | 'max') => (p.count === 0 ? '–' : ms(p[key]));
export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
export const ratio = (a: number, b: number) => (b > 0 && Number.isFinite(a) ? `${(a / b).toFixed(1)}×` : '–');
export const int = (n: number) => Math.round(n).toLocaleString('en');
/** A count that may be fractional (per message), to two places only when it needs them. */
export const count = (n: number) => (Number.isInteger(n) ? n.toLocaleString('en') : n.toFixed(2));

export function table(header: string[], rows: Array<Array<string | number>>): string {
  const line = (cells: Array<string | number>) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

export const TARGET: Record<Target, string> = {
  miniflare: 'Parley (Miniflare)',
  'wrangler dev': 'Parley (wrangler dev)',
  relay: 'bare relay',
};
