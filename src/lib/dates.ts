/**
 * Dates as editors write them and readers see them. Pure: the timezone is always a parameter.
 */

const ISO_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

// Creating an Intl.DateTimeFormat is slow (about a millisecond); reading 10,000 stories' dates
// made a new one per call. One per timezone is enough.
const wallClockFormats = new Map<string, Intl.DateTimeFormat>();

function wallClockFormat(timeZone: string): Intl.DateTimeFormat {
  let format = wallClockFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    wallClockFormats.set(timeZone, format);
  }
  return format;
}

// formatToParts was over a second of every 10,000-story build: each page formats the dates of the
// stories it lists, and the same stories appear on many pages. Offsets change only at whole minutes
// (every timezone rule since the 1970s), so one answer per timezone and UTC minute is exact.
const offsetsByMinute = new Map<string, number>();

/** Minutes to add to UTC to get wall-clock time in `timeZone` at the instant `date`. */
export function timeZoneOffsetMinutes(date: Date, timeZone: string): number {
  const key = `${timeZone}|${Math.floor(date.getTime() / 60000)}`;
  const known = offsetsByMinute.get(key);
  if (known !== undefined) return known;
  const parts = wallClockFormat(timeZone).formatToParts(date);
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  const wallAsUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  const offset = Math.round((wallAsUtc - Math.floor(date.getTime() / 1000) * 1000) / 60000);
  if (offsetsByMinute.size >= 200_000) offsetsByMinute.clear();
  offsetsByMinute.set(key, offset);
  return offset;
}

/**
 * Reads an ISO 8601 date or date-time. With an offset (`Z`, `+07:00`) it is that instant; without
 * one it is wall-clock time in `timeZone`; a bare date is midnight there. Returns null when the
 * text is not such a date (including impossible ones like 2023-02-30).
 */
export function parseDateTime(text: string, timeZone: string): Date | null {
  const match = ISO_PATTERN.exec(text.trim());
  if (!match) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '0', offset] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  const ms = Math.round(Number(`0.${frac}`) * 1000);
  const wallAsUtc = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  const check = new Date(wallAsUtc);
  if (
    check.getUTCFullYear() !== year ||
    check.getUTCMonth() !== month - 1 ||
    check.getUTCDate() !== day ||
    hour > 23 ||
    minute > 59 ||
    second > 59
  ) {
    return null;
  }
  if (offset) {
    if (/^z$/i.test(offset)) return new Date(wallAsUtc);
    const sign = offset.startsWith('-') ? -1 : 1;
    const digits = offset.slice(1).replace(':', '');
    const offsetMinutes = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2)));
    return new Date(wallAsUtc - offsetMinutes * 60000);
  }
  // Wall-clock time in the zone: guess with the offset at the wall time read as UTC, then correct
  // once in case a DST change lies between the guess and the answer.
  let instant = wallAsUtc - timeZoneOffsetMinutes(new Date(wallAsUtc), timeZone) * 60000;
  instant = wallAsUtc - timeZoneOffsetMinutes(new Date(instant), timeZone) * 60000;
  return new Date(instant);
}

/** `2023-04-05T08:00:00+07:00`: the instant as wall-clock time in `timeZone`, for `<time datetime>` and feeds. */
export function toZonedIsoString(date: Date, timeZone: string): string {
  const offset = timeZoneOffsetMinutes(date, timeZone);
  const wall = new Date(Math.floor(date.getTime() / 1000) * 1000 + offset * 60000);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${wall.toISOString().slice(0, 19)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** `YYYY-MM-DD` of the instant in `timeZone`: the day an analytics row or a sitemap counts it on. */
export function toZonedDay(date: Date, timeZone: string): string {
  return toZonedIsoString(date, timeZone).slice(0, 10);
}

/** Adds whole days to a `YYYY-MM-DD` day (calendar arithmetic, no timezone involved). */
export function addDays(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}
