import { describe, expect, it } from 'vitest';
import { formatLocalDateTime, formatServerDateTime } from './date-time';

const date = new Date('2025-03-05T14:03:27Z');

describe('formatServerDateTime', () => {
  it('is one fixed form, in UTC and labelled so', () => {
    expect(formatServerDateTime(date)).toBe('5 Mar 2025, 14:03 UTC');
    expect(formatServerDateTime(new Date('2025-12-31T23:59:59Z'))).toBe('31 Dec 2025, 23:59 UTC');
  });
});

describe('formatLocalDateTime', () => {
  it('writes the locale’s medium date and short time, in the given time zone', () => {
    expect(formatLocalDateTime(date, { locale: 'en-GB', timeZone: 'Europe/London' })).toBe(
      '5 Mar 2025, 14:03',
    );
    expect(formatLocalDateTime(date, { locale: 'de-DE', timeZone: 'Europe/Berlin' })).toBe(
      '05.03.2025, 15:03',
    );
    expect(formatLocalDateTime(date, { locale: 'en-US', timeZone: 'America/New_York' })).toMatch(
      /^Mar 5, 2025, 9:03\sAM$/,
    );
  });

  it('crosses the date line with the time zone', () => {
    expect(formatLocalDateTime(date, { locale: 'en-GB', timeZone: 'Pacific/Kiritimati' })).toBe(
      '6 Mar 2025, 04:03',
    );
  });

  it('uses the runtime’s own locale and time zone when not told', () => {
    const expected = new Intl.DateTimeFormat(undefined, {
      dateStyle: 'medium',
      timeStyle: 'short',
    }).format(date);
    expect(formatLocalDateTime(date)).toBe(expected);
  });
});
