/**
 * The owner's clock: a range of days in a time zone as UTC instants, and UTC hours read back as
 * local days, weekdays and hours. Reports keep UTC hours; the zone is applied when reading, so a
 * changed zone needs no rewrite. A zone whose offset is not whole hours (India, +5:30) has its
 * days start at the UTC hour nearest before local midnight (docs/reports.md).
 */
import type { ReportRange } from '../../protocol/reports';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formatters.set(timeZone, f);
  }
  return f;
}

/** How far the zone's clock is ahead of UTC at `at`, in ms. */
export function offsetAt(timeZone: string, at: number): number {
  const parts = Object.fromEntries(formatter(timeZone).formatToParts(new Date(at)).map((p) => [p.type, p.value]));
  const asUtc = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute));
  return asUtc - Math.floor(at / 60_000) * 60_000;
}

/** The UTC instant of local midnight starting `day` (YYYY-MM-DD), on an hour boundary. */
export function localMidnight(timeZone: string, day: string): number {
  const wall = Date.parse(`${day}T00:00:00Z`);
  // The offset at the guess, then again at the answer: right across a DST change too.
  let at = wall - offsetAt(timeZone, wall);
  at = wall - offsetAt(timeZone, at);
  return Math.floor(at / HOUR_MS) * HOUR_MS;
}

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
export const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1;

export function rangeOf(from: string, to: string, timeZone: string): ReportRange {
  return { from, to, timeZone, startMs: localMidnight(timeZone, from), endMs: localMidnight(timeZone, addDays(to, 1)) };
}

/** The same number of days, ending the day before. */
export function previousRange(range: ReportRange): ReportRange {
  const days = daysBetween(range.from, range.to);
  return rangeOf(addDays(range.from, -days), addDays(range.from, -1), range.timeZone);
}

/** Each local day of the range: its first UTC hour and its date (offsets looked up through `clock`'s memo). */
export function daysOf(range: ReportRange, clock = new LocalHours(range.timeZone)): Array<{ startMs: number; day: string }> {
  const out = [];
  for (let day = range.from; day <= range.to; day = addDays(day, 1)) out.push({ startMs: clock.midnight(day), day });
  return out;
}

/**
 * Reads UTC hours on the zone's clock. The offset is looked up once per UTC day (at its start,
 * which is also the end of the day before) and by the hour only on a day it changes (DST), so a
 * year of hours costs a few hundred lookups, not thousands.
 */
export class LocalHours {
  private readonly atDayStart = new Map<number, number>();

  constructor(private readonly timeZone: string) {}

  private dayStart(day: number): number {
    let offset = this.atDayStart.get(day);
    if (offset === undefined) {
      offset = offsetAt(this.timeZone, day * DAY_MS);
      this.atDayStart.set(day, offset);
    }
    return offset;
  }

  offset(at: number): number {
    const day = Math.floor(at / DAY_MS);
    const start = this.dayStart(day);
    return start === this.dayStart(day + 1) ? start : offsetAt(this.timeZone, at);
  }

  /** [from, to) (whole UTC hours) cut where the zone's offset changes (DST): each piece with its one offset. */
  stretches(from: number, to: number): Array<{ from: number; to: number; offset: number }> {
    const out: Array<{ from: number; to: number; offset: number }> = [];
    let start = from;
    let offset = this.offset(from);
    for (let day = Math.floor(from / DAY_MS); day * DAY_MS < to; day++) {
      if (this.dayStart(day) === this.dayStart(day + 1)) continue;
      for (let hour = Math.max(from, day * DAY_MS); hour < Math.min(to, (day + 1) * DAY_MS); hour += HOUR_MS) {
        const now = this.offset(hour);
        if (now === offset) continue;
        out.push({ from: start, to: hour, offset });
        start = hour;
        offset = now;
      }
    }
    out.push({ from: start, to, offset });
    return out;
  }

  /** As `localMidnight`, with the memo. */
  midnight(day: string): number {
    const wall = Date.parse(`${day}T00:00:00Z`);
    const at = wall - this.offset(wall - this.offset(wall));
    return Math.floor(at / HOUR_MS) * HOUR_MS;
  }

  /** The local wall-clock time of a UTC hour, as a Date whose UTC fields are the local ones. */
  wall(hour: number): Date {
    return new Date(hour + this.offset(hour));
  }

  label(hour: number, step: 'hour' | 'day'): string {
    const iso = this.wall(hour).toISOString();
    return step === 'day' ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 13)}:00`;
  }
}
