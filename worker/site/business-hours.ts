import type { BusinessHours } from '../../protocol/chat';

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** Whether `now` falls in one of the day's opening spans, read on the site's own clock; holidays are closed all day. */
export function isWithinHours(hours: BusinessHours | null, now: Date = new Date()): boolean {
  if (!hours) return true;
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: hours.timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(now);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  if (hours.holidays?.includes(`${part('year')}-${part('month')}-${part('day')}`)) return false;
  const day = String(WEEKDAYS.indexOf(part('weekday'))) as keyof BusinessHours['days'];
  const time = `${part('hour')}:${part('minute')}`;
  return (hours.days[day] ?? []).some(([from, to]) => from <= time && time < to);
}
