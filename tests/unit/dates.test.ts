import { describe, expect, it } from 'vitest';
import { addDays, parseDateTime, toZonedDay, toZonedIsoString } from '../../src/lib/dates.ts';
import { createLocale, fillTemplate } from '../../src/lib/locale.ts';

const PP = 'Asia/Phnom_Penh';

describe('parseDateTime', () => {
  it('reads a time without an offset as wall-clock time in the site timezone', () => {
    expect(parseDateTime('2023-04-05T09:00', PP)?.toISOString()).toBe('2023-04-05T02:00:00.000Z');
    expect(parseDateTime('2023-04-05 09:00:30', PP)?.toISOString()).toBe('2023-04-05T02:00:30.000Z');
  });

  it('reads a bare date as midnight in the site timezone', () => {
    expect(parseDateTime('2023-04-05', PP)?.toISOString()).toBe('2023-04-04T17:00:00.000Z');
  });

  it('honours an explicit offset or Z', () => {
    expect(parseDateTime('2023-04-05T09:00:00+07:00', PP)?.toISOString()).toBe('2023-04-05T02:00:00.000Z');
    expect(parseDateTime('2023-04-05T09:00:00Z', PP)?.toISOString()).toBe('2023-04-05T09:00:00.000Z');
    expect(parseDateTime('2023-04-05T09:00-0530', PP)?.toISOString()).toBe('2023-04-05T14:30:00.000Z');
  });

  it('handles a timezone with daylight saving time', () => {
    // London is on BST (+01:00) in July and GMT in January.
    expect(parseDateTime('2024-07-01T12:00', 'Europe/London')?.toISOString()).toBe('2024-07-01T11:00:00.000Z');
    expect(parseDateTime('2024-01-01T12:00', 'Europe/London')?.toISOString()).toBe('2024-01-01T12:00:00.000Z');
  });

  it('rejects text that is not a real date', () => {
    for (const text of ['yesterday', '2023-02-30', '2023-04-05T25:00', '05/04/2023', '']) {
      expect(parseDateTime(text, PP), text).toBeNull();
    }
  });
});

describe('zoned formatting', () => {
  const instant = new Date('2023-04-04T20:30:00Z');
  it('writes ISO 8601 with the site offset', () => {
    expect(toZonedIsoString(instant, PP)).toBe('2023-04-05T03:30:00+07:00');
    expect(toZonedIsoString(instant, 'UTC')).toBe('2023-04-04T20:30:00+00:00');
  });
  it('gives the day in the site timezone', () => {
    expect(toZonedDay(instant, PP)).toBe('2023-04-05');
  });
  it('adds calendar days across month ends', () => {
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addDays('2023-12-31', 1)).toBe('2024-01-01');
  });
  it('formats dates for readers through the locale module', () => {
    const locale = createLocale({ locale: 'en-GB', timeZone: PP });
    expect(locale.formatDate(instant)).toBe('5 April 2023');
    expect(locale.formatDateTime(instant)).toBe('5 April 2023 at 03:30');
    expect(locale.isoDateTime(instant)).toBe('2023-04-05T03:30:00+07:00');
    expect(locale.formatList(['A', 'B', 'C'])).toBe('A, B and C');
  });
});

describe('fillTemplate', () => {
  it('fills named placeholders and leaves unknown ones as written', () => {
    expect(fillTemplate('Page {page} of {total}', { page: 2, total: 5 })).toBe('Page 2 of 5');
    expect(fillTemplate('More {section} {missing}', { section: 'Politics' })).toBe('More Politics {missing}');
  });
});
