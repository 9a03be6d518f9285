/** How the Reports page writes its numbers: durations in the largest unit that reads well, changes against the previous period. */

export function duration(ms: number | null): string {
  if (ms === null) return '—';
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  // 90 s is a step of the scale: "2 min" would round it away.
  if (s < 600 && s % 60) return `${Math.floor(s / 60)} min ${s % 60} s`;
  const min = Math.round(s / 60);
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  return min % 60 ? `${h} h ${min % 60} min` : `${h} h`;
}

export const count = (n: number) => n.toLocaleString('en');

/** Agent hours, to one decimal: "12.5 h". */
export const hours = (h: number | null) => (h === null ? '—' : `${h.toLocaleString('en', { maximumFractionDigits: 1 })} h`);

/** "+12%", "−3%", or nothing when there is nothing to compare with. */
export function change(now: number | null, before: number | null): string {
  if (now === null || before === null || before === 0) return '';
  const pct = Math.round(((now - before) / before) * 100);
  return pct === 0 ? '±0%' : `${pct > 0 ? '+' : '−'}${Math.abs(pct)}%`;
}

const pad = (n: number) => String(n).padStart(2, '0');
export const isoDay = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
export const daysAgo = (n: number, from = new Date()) => isoDay(new Date(from.getFullYear(), from.getMonth(), from.getDate() - n));

export const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
