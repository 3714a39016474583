/**
 * Real analytics exports turned into `pageviews.csv` rows (`date,path,views`). Pure: text in,
 * rows out; the file name, the timezone and the bot test are parameters (scripts/analytics-import.ts
 * reads files and settings).
 *
 * - GA4: a "Pages and screens" report downloaded as CSV. `#` comment lines come first (report
 *   name, property, "Start date: 20240301", "End date: 20240307"), then the table: a path column
 *   ("Page path and screen class", or "Page path + query string", …), "Views", and, when the
 *   report has Date as a secondary dimension, "Date" (YYYYMMDD). Days are GA4's, in the property's
 *   reporting timezone: set it to the site's. Without a Date column the views cannot be split by
 *   day, so the export must cover one day (start date = end date), which becomes the row's date.
 * - Plausible: `imported_pages_YYYYMMDD_YYYYMMDD.csv` from Site settings > Imports & Exports >
 *   Export to CSV (unzip the archive): `date,hostname,page,visits,visitors,pageviews,…`, days in
 *   the Plausible site's timezone. The dashboard's quick download (`pages.csv`, no date column)
 *   cannot be used and says so.
 * - Combined Log Format access logs (nginx/Apache `combined`, most CDNs): one view per successful
 *   GET of a page by a person; see parseAccessLog.
 */
import { parse } from 'csv-parse/sync';
import { toZonedDay } from './dates.ts';
import type { PageviewRow } from './pageviews.ts';
import { normalizePath } from './urls.ts';

export type ImportFormat = 'ga4' | 'plausible' | 'clf';
export const importFormats: readonly ImportFormat[] = ['ga4', 'plausible', 'clf'];

/** Bad input: the message names the file and line and says what to do. */
export class ImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportError';
  }
}

export interface ImportResult {
  /** One row per day and path, views summed; sorted by date, then path. */
  rows: PageviewRow[];
  /** Things the editor should know that did not stop the import (skipped lines, …). */
  notes: string[];
}

interface CsvRecord {
  record: string[];
  info: { lines: number };
}

function readCsv(text: string, file: string, firstLine: number): CsvRecord[] {
  try {
    // With `info: true` csv-parse returns each record with its line; its types do not say so.
    const records = parse(text, { bom: true, info: true, relax_column_count: true, skip_empty_lines: true, trim: true }) as unknown as CsvRecord[];
    return records.map(({ record, info }) => ({ record, info: { lines: info.lines + firstLine - 1 } }));
  } catch (error) {
    const line = ((error as { lines?: number }).lines ?? 1) + firstLine - 1;
    throw new ImportError(`${file}:${line}: this is not valid CSV (${(error as Error).message.replace(/^Invalid [^:]*: /, '')}).`);
  }
}

function sumRows(rows: Iterable<PageviewRow>): PageviewRow[] {
  const totals = new Map<string, PageviewRow>();
  for (const row of rows) {
    const key = `${row.date} ${row.path}`;
    const total = totals.get(key);
    if (total) total.views += row.views;
    else totals.set(key, { ...row });
  }
  return [...totals.values()].sort((a, b) => (a.date === b.date ? (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) : a.date < b.date ? -1 : 1));
}

function isCalendarDay(y: number, m: number, d: number): boolean {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** `20240301` or `2024-03-01` → `2024-03-01`, or undefined. */
function readDay(text: string): string | undefined {
  const match = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(text.trim());
  if (!match) return undefined;
  const [, y, m, d] = match as unknown as [string, string, string, string];
  return isCalendarDay(Number(y), Number(m), Number(d)) ? `${y}-${m}-${d}` : undefined;
}

/** `1520` or `1,520` (GA4 and spreadsheets add thousands separators) → 1520. */
function readCount(text: string): number | undefined {
  const trimmed = text.trim();
  if (!/^\d{1,3}(?:,\d{3})+$|^\d+$/.test(trimmed)) return undefined;
  return Number(trimmed.replaceAll(',', ''));
}

function columnIndex(header: string[], test: (name: string) => boolean): number {
  return header.findIndex((name) => test(name.trim().toLowerCase()));
}

/** A GA4 report CSV: see the module comment. */
export function parseGa4Csv(text: string, file: string): ImportResult {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  let start: string | undefined;
  let end: string | undefined;
  let headerAt = -1;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line.startsWith('#')) {
      const range = /^#\s*(start|end) date:\s*(\S+)/i.exec(line);
      if (range?.[1]?.toLowerCase() === 'start') start = readDay(range[2]!);
      if (range?.[1]?.toLowerCase() === 'end') end = readDay(range[2]!);
      continue;
    }
    if (line !== '') {
      headerAt = i;
      break;
    }
  }
  if (headerAt === -1) throw new ImportError(`${file}: no table found after the "#" comment lines. Download the report again from GA4 (Share this report > Download file > CSV).`);
  // The table ends at the first blank line; GA4 may append more sections after it.
  let tableEnd = lines.findIndex((line, i) => i > headerAt && line.trim() === '');
  if (tableEnd === -1) tableEnd = lines.length;
  const records = readCsv(lines.slice(headerAt, tableEnd).join('\n'), file, headerAt + 1);
  const [header, ...body] = records;
  const names = header!.record;
  const pathColumn = columnIndex(names, (name) => name.startsWith('page path') || name === 'page location');
  const viewsColumn = columnIndex(names, (name) => name === 'views' || name === 'screen page views' || name === 'screenpageviews');
  const dateColumn = columnIndex(names, (name) => name === 'date');
  if (pathColumn === -1 || viewsColumn === -1) {
    throw new ImportError(
      `${file}:${header!.info.lines}: expected a GA4 "Pages and screens" table with a "Page path and screen class" column and a "Views" column; found "${names.join(',')}".`,
    );
  }
  let fixedDay: string | undefined;
  if (dateColumn === -1) {
    if (!start || !end || start !== end) {
      const range = start && end ? `${start} to ${end}` : 'an unknown date range';
      throw new ImportError(
        `${file}: the report has no "Date" column and covers ${range}, so its views cannot be split by day. In GA4, add "Date" as a secondary dimension of the Pages and screens report (or export one day at a time) and download it again.`,
      );
    }
    fixedDay = start;
  }
  const rows: PageviewRow[] = [];
  const notes: string[] = [];
  for (const { record, info } of body) {
    const rawPath = record[pathColumn]?.trim() ?? '';
    // A totals row (empty path or "Grand total") sums the others.
    if (rawPath === '' || /^(grand )?total$/i.test(rawPath)) continue;
    const views = readCount(record[viewsColumn] ?? '');
    if (views === undefined) throw new ImportError(`${file}:${info.lines}: views "${record[viewsColumn] ?? ''}" is not a whole number.`);
    const date = fixedDay ?? readDay(record[dateColumn] ?? '');
    if (!date) throw new ImportError(`${file}:${info.lines}: date "${record[dateColumn] ?? ''}" is not a day in the form YYYYMMDD.`);
    rows.push({ date, path: normalizePath(rawPath), views });
  }
  if (fixedDay) notes.push(`${file}: no Date column; all views counted on ${fixedDay}, the one day the report covers.`);
  return { rows: sumRows(rows), notes };
}

/** Plausible's `imported_pages_*.csv`: see the module comment. */
export function parsePlausibleCsv(text: string, file: string): ImportResult {
  const records = readCsv(text, file, 1);
  const [header, ...body] = records;
  if (!header) throw new ImportError(`${file}: the file is empty.`);
  const names = header.record;
  const dateColumn = columnIndex(names, (name) => name === 'date');
  const pageColumn = columnIndex(names, (name) => name === 'page');
  const viewsColumn = columnIndex(names, (name) => name === 'pageviews');
  if (dateColumn === -1 || pageColumn === -1 || viewsColumn === -1) {
    const hint = names.map((n) => n.toLowerCase()).includes('name')
      ? ' This looks like the dashboard download (pages.csv), which has no dates. Use Site settings > Imports & Exports > Export to CSV and import imported_pages_….csv from that archive.'
      : '';
    throw new ImportError(`${file}:${header.info.lines}: expected Plausible's imported_pages columns "date", "page" and "pageviews"; found "${names.join(',')}".${hint}`);
  }
  const rows: PageviewRow[] = [];
  for (const { record, info } of body) {
    const date = readDay(record[dateColumn] ?? '');
    if (!date) throw new ImportError(`${file}:${info.lines}: date "${record[dateColumn] ?? ''}" is not a day in the form YYYY-MM-DD.`);
    const views = readCount(record[viewsColumn] ?? '');
    if (views === undefined) throw new ImportError(`${file}:${info.lines}: pageviews "${record[viewsColumn] ?? ''}" is not a whole number.`);
    const page = record[pageColumn]?.trim() ?? '';
    if (!page.startsWith('/')) throw new ImportError(`${file}:${info.lines}: page "${page}" is not a URL path starting with "/".`);
    rows.push({ date, path: normalizePath(page), views });
  }
  return { rows: sumRows(rows), notes: [] };
}

// host ident user [time] "request" status bytes ["referer" "user-agent"]
const LOG_LINE = /^(\S+) \S+ \S+ \[([^\]]+)\] "((?:[^"\\]|\\.)*)" (\d{3}) (?:\d+|-)(?: "((?:[^"\\]|\\.)*)" "((?:[^"\\]|\\.)*)")?/;
const LOG_TIME = /^(\d{2})\/([A-Za-z]{3})\/(\d{4}):(\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2})$/;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
/** Paths that are never pages: Astro's assets and image endpoint, the search index, feeds. */
const NOT_PAGES = /^\/(?:_astro|_image|pagefind)(?:\/|$)|^\/(?:feed|rss|atom)(?:\/|\.xml$|$)/i;
/** A last segment with an extension other than .html is a file (image, CSS, JS, XML, robots.txt, favicon…). */
const FILE_EXTENSION = /\.(?!html?$)[a-z0-9]{1,8}$/i;

/** `10/Oct/2023:13:55:36 +0700` → the instant, or undefined. */
export function parseLogTime(text: string): Date | undefined {
  const match = LOG_TIME.exec(text);
  if (!match) return undefined;
  const [, d, mon, y, h, mi, s, sign, oh, om] = match as unknown as string[];
  const month = MONTHS.indexOf(mon!.toLowerCase());
  if (month === -1 || !isCalendarDay(Number(y), month + 1, Number(d)) || Number(h) > 23 || Number(mi) > 59 || Number(s) > 60) return undefined;
  const offset = (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om));
  return new Date(Date.UTC(Number(y), month, Number(d), Number(h), Number(mi), Number(s)) - offset * 60000);
}

/** Whether a request path is a page a reader views (not an asset, feed or file); query strings ignored. */
export function isPagePath(path: string): boolean {
  const bare = path.replace(/[?#].*$/, '');
  const last = bare.split('/').pop() ?? '';
  return bare.startsWith('/') && !NOT_PAGES.test(bare) && !FILE_EXTENSION.test(last);
}

export interface AccessLogOptions {
  /** IANA timezone whose days the views are counted on: the site's. */
  timezone: string;
  /** Whether a user agent is a bot; the CLI passes the `isbot` package's test. */
  isBot: (userAgent: string) => boolean;
  /** A second view of the same path by the same IP and user agent within this many minutes is not counted. Default 30. */
  repeatWindowMinutes?: number;
  /** More malformed lines than this share of all lines means the file is not an access log. Default 0.5. */
  maxMalformedShare?: number;
}

interface Hit {
  time: number;
  visitor: string;
  path: string;
}

/**
 * Page views from a web server or CDN access log in Combined Log Format (Common Log Format
 * lines, without referer and user agent, are read too, and count as bots: no browser sends no
 * user agent). A view is a GET of a page (see isPagePath) answered 2xx or 304 (a 304 is a
 * reader's browser revalidating a page it cached: still a view), by a user agent that is not a
 * bot. The query string is dropped, so `?utm_source=…` links count for the page. A repeat of the
 * same page by the same IP and user agent within `repeatWindowMinutes` of their previous request
 * is not counted: reloads, retries and link-preview double fetches would otherwise let one
 * reader push a story up Most Viewed, and 30 minutes is the usual analytics session timeout.
 * Each hit is counted on its day in `timezone`, converted from the log's own offset.
 *
 * Malformed lines are skipped and counted in a note with their first line numbers (one bad
 * line, as a log rotated mid-write leaves, should not stop an import); if more than
 * `maxMalformedShare` of the lines are malformed, the file is not such a log and it is an error.
 */
export function parseAccessLog(text: string, file: string, options: AccessLogOptions): ImportResult {
  return parseAccessLogs([{ text, file }], options);
}

/** Several logs (rotated files, several servers) counted together, so repeats across files are caught. */
export function parseAccessLogs(sources: { text: string; file: string }[], options: AccessLogOptions): ImportResult {
  const windowMs = (options.repeatWindowMinutes ?? 30) * 60000;
  const hits: Hit[] = [];
  const notes: string[] = [];
  let bots = 0;
  for (const { text, file } of sources) {
    const malformed: number[] = [];
    let lineCount = 0;
    const lines = text.split(/\r?\n/);
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      if (line.trim() === '') continue;
      lineCount++;
      const match = LOG_LINE.exec(line);
      const time = match ? parseLogTime(match[2]!) : undefined;
      const request = match?.[3]?.split(' ');
      if (!match || !time || !request || request.length < 2) {
        malformed.push(i + 1);
        continue;
      }
      const [method, target] = request as [string, string];
      const status = Number(match[4]);
      if (method !== 'GET' || !((status >= 200 && status < 300) || status === 304)) continue;
      const path = target.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '');
      if (!isPagePath(path)) continue;
      const userAgent = match[6] ?? '-';
      if (options.isBot(userAgent)) {
        bots++;
        continue;
      }
      hits.push({ time: time.getTime(), visitor: `${match[1]} ${userAgent}`, path: normalizePath(path) });
    }
    if (lineCount > 0 && malformed.length > lineCount * (options.maxMalformedShare ?? 0.5)) {
      throw new ImportError(
        `${file}:${malformed[0]}: ${malformed.length} of ${lineCount} lines are not in Combined Log Format (host ident user [time] "request" status bytes "referer" "user-agent"); is this an access log? Set your server's log format to "combined".`,
      );
    }
    if (malformed.length) {
      const shown = malformed.slice(0, 5).join(', ');
      const s = malformed.length === 1 ? '' : 's';
      notes.push(`${file}: skipped ${malformed.length} malformed line${s} (line${s} ${shown}${malformed.length > 5 ? ', …' : ''}).`);
    }
  }
  // Logs merged from several servers are not in time order; repeats are judged in time order.
  hits.sort((a, b) => a.time - b.time);
  const lastSeen = new Map<string, number>();
  const rows: PageviewRow[] = [];
  let repeats = 0;
  for (const hit of hits) {
    const key = `${hit.visitor}\n${hit.path}`;
    const previous = lastSeen.get(key);
    lastSeen.set(key, hit.time);
    if (previous !== undefined && hit.time - previous < windowMs) {
      repeats++;
      continue;
    }
    rows.push({ date: toZonedDay(new Date(hit.time), options.timezone), path: hit.path, views: 1 });
  }
  notes.push(`${bots} bot request${bots === 1 ? '' : 's'} and ${repeats} repeat view${repeats === 1 ? '' : 's'} not counted.`);
  return { rows: sumRows(rows), notes };
}

/** Which format a file is in, from its first lines; undefined when it is none of them. */
export function detectFormat(text: string): ImportFormat | undefined {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/).filter((line) => line.trim() !== '');
  if (LOG_LINE.test(lines[0] ?? '')) return 'clf';
  // GA4 puts "#" comment lines above its table; the first other line is the header.
  const first = lines.find((line) => !line.startsWith('#')) ?? '';
  const header = first.toLowerCase().split(',').map((name) => name.trim().replace(/^"|"$/g, ''));
  if (header.some((name) => name.startsWith('page path'))) return 'ga4';
  if (header.includes('pageviews')) return 'plausible';
  return undefined;
}

/**
 * Every file in its format (given, or detected from its first lines), as one set of rows: views
 * of the same day and path in several files are added up.
 */
export function importPageviews(sources: { text: string; file: string }[], format: ImportFormat | undefined, logOptions: AccessLogOptions): ImportResult {
  const byFormat = new Map<ImportFormat, { text: string; file: string }[]>();
  for (const source of sources) {
    const detected = format ?? detectFormat(source.text);
    if (!detected) {
      throw new ImportError(
        `${source.file}:1: cannot tell what this file is. Expected a GA4 "Pages and screens" CSV, a Plausible imported_pages CSV or a Combined Log Format access log; name the format with --format ga4, plausible or clf.`,
      );
    }
    byFormat.set(detected, [...(byFormat.get(detected) ?? []), source]);
  }
  const results: ImportResult[] = [];
  for (const [kind, group] of byFormat) {
    if (kind === 'clf') results.push(parseAccessLogs(group, logOptions));
    else for (const { text, file } of group) results.push(kind === 'ga4' ? parseGa4Csv(text, file) : parsePlausibleCsv(text, file));
  }
  return { rows: sumRows(results.flatMap((result) => result.rows)), notes: results.flatMap((result) => result.notes) };
}

/**
 * The imported rows over the existing ones: an imported day and path replaces the existing row
 * (importing the same export twice must not double its views); other existing rows stay.
 */
export function mergePageviews(existing: PageviewRow[], imported: PageviewRow[]): PageviewRow[] {
  const replaced = new Set(imported.map((row) => `${row.date} ${row.path}`));
  return sumRows([...existing.filter((row) => !replaced.has(`${row.date} ${row.path}`)), ...imported]);
}

/** The rows as `pageviews.csv`. */
export function formatPageviewsCsv(rows: PageviewRow[]): string {
  const quote = (text: string) => (/[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);
  return `date,path,views\n${rows.map((row) => `${row.date},${quote(row.path)},${row.views}`).join('\n')}${rows.length ? '\n' : ''}`;
}
