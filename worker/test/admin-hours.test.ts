/** Business hours read on the site's own clock, holidays included. */
import { describe, expect, it } from 'vitest';
import type { BusinessHours } from '../../protocol/chat';
import { isWithinHours } from '../site/business-hours';

const weekdays: BusinessHours['days'] = { '1': [['09:00', '17:00']], '2': [['09:00', '17:00']], '3': [['09:00', '12:00'], ['13:00', '17:00']] };

describe('isWithinHours', () => {
  it('opens and closes by the site’s time zone', () => {
    const hours: BusinessHours = { timeZone: 'Europe/Oslo', days: weekdays };
    // Monday 2026-11-23: 08:30 UTC is 09:30 in Oslo; 16:30 UTC is 17:30.
    expect(isWithinHours(hours, new Date('2026-11-23T08:30:00Z'))).toBe(true);
    expect(isWithinHours(hours, new Date('2026-11-23T16:30:00Z'))).toBe(false);
    // Wednesday's lunch break.
    expect(isWithinHours(hours, new Date('2026-11-25T11:30:00Z'))).toBe(false);
    // Sunday: no spans.
    expect(isWithinHours(hours, new Date('2026-11-22T10:00:00Z'))).toBe(false);
  });

  it('is closed all day on a holiday, by the site’s date, not UTC’s', () => {
    const hours: BusinessHours = { timeZone: 'Pacific/Auckland', days: { '2': [['00:00', '24:00']] }, holidays: ['2026-11-24'] };
    // 2026-11-23 12:00 UTC is Tuesday 01:00 on 24 November in Auckland: a holiday there.
    expect(isWithinHours(hours, new Date('2026-11-23T12:00:00Z'))).toBe(false);
    expect(isWithinHours({ ...hours, holidays: ['2026-11-23'] }, new Date('2026-11-23T12:00:00Z'))).toBe(true);
  });

  it('is always open without hours', () => {
    expect(isWithinHours(null)).toBe(true);
  });
});
