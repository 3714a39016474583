import { parse } from 'csv-parse/sync';

/** One row of `content/analytics/pageviews.csv`: page views of one URL path on one day. */
export interface PageviewRow {
  /** `YYYY-MM-DD`, a day in the site timezone. */
  date: string;
  /** The URL path as the analytics tool recorded it. */
  path: string;
  views: number;
}

export interface PageviewProblem {
  file: string;
  line: number;
  message: string;
}

export interface ParsedPageviews {
  rows: PageviewRow[];
  problems: PageviewProblem[];
}

export const PAGEVIEWS_HEADER = ['date', 'path', 'views'] as const;

function isCalendarDay(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const [y, m, d] = text.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/**
 * Reads the analytics CSV (`date,path,views`). Every bad row is reported, not just the first, each
 * with its line number and how to fix it; a file with problems yields no rows to rank.
 */
export function parsePageviewsCsv(text: string, file: string): ParsedPageviews {
  const problems: PageviewProblem[] = [];
  const problem = (line: number, message: string) => problems.push({ file, line, message });
  let records: { record: string[]; info: { lines: number } }[];
  try {
    // With `info: true` csv-parse returns each record with its line; its types do not say so.
    records = parse(text, {
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    }) as unknown as typeof records;
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 1;
    problem(line, `this is not valid CSV (${(error as Error).message.replace(/^Invalid [^:]*: /, '')}). Quote fields that contain commas or quotes with double quotes.`);
    return { rows: [], problems };
  }
  const [header, ...body] = records;
  if (!header) {
    problem(1, `the file is empty. Start it with the header line "${PAGEVIEWS_HEADER.join(',')}", or delete the file to show the latest stories instead.`);
    return { rows: [], problems };
  }
  const names = header.record.map((name) => name.toLowerCase());
  if (names.join(',') !== PAGEVIEWS_HEADER.join(',')) {
    problem(header.info.lines, `the header is "${header.record.join(',')}"; it must be exactly "${PAGEVIEWS_HEADER.join(',')}".`);
    return { rows: [], problems };
  }
  const rows: PageviewRow[] = [];
  for (const { record, info } of body) {
    const line = info.lines;
    if (record.length !== 3) {
      problem(line, `expected 3 columns (date,path,views) but found ${record.length}: "${record.join(',')}".`);
      continue;
    }
    const [date, path, viewsText] = record as [string, string, string];
    let ok = true;
    if (!isCalendarDay(date)) {
      problem(line, `date "${date}" is not a day in the form YYYY-MM-DD (for example 2023-09-28).`);
      ok = false;
    }
    if (!path.startsWith('/')) {
      problem(line, `path "${path}" must be a URL path starting with "/" (for example /national/my-story/).`);
      ok = false;
    }
    if (!/^-?\d+$/.test(viewsText)) {
      problem(line, `views "${viewsText}" is not a whole number; write the count of page views, such as 1520.`);
      ok = false;
    } else if (Number(viewsText) < 0) {
      problem(line, `views "${viewsText}" is negative; page views are 0 or more.`);
      ok = false;
    }
    if (ok) rows.push({ date, path, views: Number(viewsText) });
  }
  return { rows: problems.length ? [] : rows, problems };
}

/** The problems as the lines an editor reads: `file:line: message`. */
export function formatPageviewProblems(problems: PageviewProblem[]): string {
  return problems.map((p) => `${p.file}:${p.line}: ${p.message}`).join('\n');
}
