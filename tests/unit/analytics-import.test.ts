import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { isbot } from 'isbot';
import { describe, expect, it } from 'vitest';
import {
  detectFormat,
  formatPageviewsCsv,
  importPageviews,
  isPagePath,
  mergePageviews,
  parseAccessLog,
  parseGa4Csv,
  parseLogTime,
  parsePlausibleCsv,
  type AccessLogOptions,
} from '../../src/lib/analytics-import.ts';
import { toZonedDay } from '../../src/lib/dates.ts';
import { parsePageviewsCsv } from '../../src/lib/pageviews.ts';
import { tempSite } from '../content/temp-site.ts';

const root = path.resolve(import.meta.dirname, '../..');
const samples = path.join(root, 'tests', 'fixtures', 'analytics-import');
const sample = (name: string) => readFileSync(path.join(samples, name), 'utf8');
const W = '/culture/ministry-taking-steps-over-thai-replica-of-angkor-wat/';
const N = '/national/justice-ministry-asean-act-hold-human-trafficking-workshop/';
const logOptions: AccessLogOptions = { timezone: 'Asia/Phnom_Penh', isBot: isbot };
const UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36';
const logLine = (ip: string, time: string, target: string, status = 200, ua = UA) => `${ip} - - [${time}] "GET ${target} HTTP/1.1" ${status} 100 "-" "${ua}"`;

describe('GA4 "Pages and screens" CSV', () => {
  it('reads the export with a Date dimension into one row per day and path', () => {
    expect(parseGa4Csv(sample('ga4.csv'), 'ga4.csv').rows).toEqual([
      { date: '2023-09-27', path: '/business/minimum-wage-set-at-204-after-sep-28-vote/', views: 233 },
      { date: '2023-09-27', path: W, views: 640 },
      { date: '2023-09-28', path: '/', views: 520 },
      { date: '2023-09-28', path: W, views: 911 },
      { date: '2023-09-28', path: N, views: 1204 },
    ]);
  });

  it('counts an export without a Date column on its one day, and says so', () => {
    const { rows, notes } = parseGa4Csv(sample('ga4-one-day.csv'), 'ga4-one-day.csv');
    expect(rows).toEqual([
      { date: '2023-09-28', path: W, views: 911 },
      { date: '2023-09-28', path: N, views: 1204 },
    ]);
    expect(notes).toEqual(['ga4-one-day.csv: no Date column; all views counted on 2023-09-28, the one day the report covers.']);
  });

  it('refuses an export without a Date column that covers several days', () => {
    const text = sample('ga4-one-day.csv').replace('# Start date: 20230928', '# Start date: 20230922');
    expect(() => parseGa4Csv(text, 'week.csv')).toThrow(
      'week.csv: the report has no "Date" column and covers 2023-09-22 to 2023-09-28, so its views cannot be split by day. In GA4, add "Date" as a secondary dimension',
    );
  });

  it('strips query strings and adds up the views of one page', () => {
    const text = 'Page path + query string,Date,Views\n/news/a/?utm_source=x,20240101,3\n/news/a/,20240101,4\n/news/a,20240101,5\n,20240101,12\n';
    expect(parseGa4Csv(text, 'q.csv').rows).toEqual([{ date: '2024-01-01', path: '/news/a/', views: 12 }]);
  });

  it('names the file and line of a wrong header or a bad value', () => {
    expect(() => parseGa4Csv('# comment\nPage title,Views\nHome,3\n', 'ga4.csv')).toThrow(
      'ga4.csv:2: expected a GA4 "Pages and screens" table with a "Page path and screen class" column and a "Views" column; found "Page title,Views".',
    );
    expect(() => parseGa4Csv('# x\nPage path and screen class,Date,Views\n/a/,20240101,many\n', 'ga4.csv')).toThrow('ga4.csv:3: views "many" is not a whole number.');
    expect(() => parseGa4Csv('# x\nPage path and screen class,Date,Views\n/a/,20240231,1\n', 'ga4.csv')).toThrow('ga4.csv:3: date "20240231" is not a day in the form YYYYMMDD.');
  });
});

describe('Plausible imported_pages CSV', () => {
  it('reads the full export into one row per day and page', () => {
    expect(parsePlausibleCsv(sample('plausible-pages.csv'), 'plausible-pages.csv').rows).toEqual([
      { date: '2023-09-27', path: '/business/minimum-wage-set-at-204-after-sep-28-vote/', views: 356 },
      { date: '2023-09-27', path: W, views: 455 },
      { date: '2023-09-28', path: W, views: 601 },
      { date: '2023-09-28', path: N, views: 903 },
    ]);
  });

  it('explains that the dashboard download has no dates', () => {
    expect(() => parsePlausibleCsv(sample('plausible-dashboard-pages.csv'), 'pages.csv')).toThrow(
      'pages.csv:1: expected Plausible\'s imported_pages columns "date", "page" and "pageviews"; found "name,visitors,pageviews,bounce_rate,time_on_page". This looks like the dashboard download',
    );
  });

  it('names the line of a bad date', () => {
    expect(() => parsePlausibleCsv('date,page,pageviews\n2023-09-27,/a/,1\n27/09/2023,/b/,2\n', 'p.csv')).toThrow('p.csv:3: date "27/09/2023" is not a day in the form YYYY-MM-DD.');
  });
});

describe('access logs in Combined Log Format', () => {
  it('counts page views by people, once per reader per half hour, on the day in the site timezone', () => {
    const { rows, notes } = parseAccessLog(sample('access.log'), 'access.log', logOptions);
    expect(rows).toEqual([
      { date: '2023-09-27', path: W, views: 1 },
      { date: '2023-09-28', path: '/', views: 1 },
      { date: '2023-09-28', path: W, views: 1 },
      { date: '2023-09-28', path: N, views: 2 },
    ]);
    expect(notes).toEqual(['access.log: skipped 1 malformed line (line 17).', '2 bot requests and 1 repeat view not counted.']);
  });

  it('skips user agents the bot test flags, and only those', () => {
    const text = [logLine('10.0.0.1', '28/Sep/2023:10:00:00 +0700', N, 200, 'Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)'), logLine('10.0.0.2', '28/Sep/2023:10:00:00 +0700', N)].join('\n');
    expect(parseAccessLog(text, 'a.log', logOptions).rows).toEqual([{ date: '2023-09-28', path: N, views: 1 }]);
    expect(parseAccessLog(text, 'a.log', { ...logOptions, isBot: () => false }).rows).toEqual([{ date: '2023-09-28', path: N, views: 2 }]);
  });

  it('skips a repeat within the window of the same reader’s previous request, but not another reader or page', () => {
    const text = [
      logLine('10.0.0.1', '28/Sep/2023:10:00:00 +0700', N),
      logLine('10.0.0.1', '28/Sep/2023:10:20:00 +0700', N),
      logLine('10.0.0.1', '28/Sep/2023:10:40:00 +0700', N),
      logLine('10.0.0.1', '28/Sep/2023:11:11:00 +0700', N),
      logLine('10.0.0.2', '28/Sep/2023:10:01:00 +0700', N),
      logLine('10.0.0.1', '28/Sep/2023:10:02:00 +0700', W),
    ].join('\n');
    // 10:20 and 10:40 each follow the previous request within 30 minutes; 11:11 comes 31 minutes after 10:40.
    expect(parseAccessLog(text, 'a.log', logOptions).rows).toEqual([
      { date: '2023-09-28', path: W, views: 1 },
      { date: '2023-09-28', path: N, views: 3 },
    ]);
    expect(parseAccessLog(text, 'a.log', { ...logOptions, repeatWindowMinutes: 10 }).rows).toEqual([
      { date: '2023-09-28', path: W, views: 1 },
      { date: '2023-09-28', path: N, views: 5 },
    ]);
  });

  it('strips query strings and absolute URLs from request targets', () => {
    const text = [logLine('10.0.0.1', '28/Sep/2023:10:00:00 +0700', `${N}?utm_source=x`), logLine('10.0.0.2', '28/Sep/2023:10:00:00 +0700', `https://www.phnompenhpost.example${N}#top`)].join('\n');
    expect(parseAccessLog(text, 'a.log', logOptions).rows).toEqual([{ date: '2023-09-28', path: N, views: 2 }]);
  });

  it('puts a request on its day in the site timezone, whatever offset the log wrote', () => {
    expect(toZonedDay(parseLogTime('27/Sep/2023:16:59:59 +0000')!, 'Asia/Phnom_Penh')).toBe('2023-09-27');
    expect(toZonedDay(parseLogTime('27/Sep/2023:17:00:00 +0000')!, 'Asia/Phnom_Penh')).toBe('2023-09-28');
    expect(toZonedDay(parseLogTime('27/Sep/2023:12:59:59 -0400')!, 'Asia/Phnom_Penh')).toBe('2023-09-27');
    expect(toZonedDay(parseLogTime('27/Sep/2023:13:00:00 -0400')!, 'Asia/Phnom_Penh')).toBe('2023-09-28');
    expect(toZonedDay(parseLogTime('28/Sep/2023:00:00:00 +0700')!, 'Asia/Phnom_Penh')).toBe('2023-09-28');
    expect(toZonedDay(parseLogTime('27/Sep/2023:23:59:59 +0700')!, 'UTC')).toBe('2023-09-27');
    expect(parseLogTime('31/Feb/2023:10:00:00 +0000')).toBeUndefined();
  });

  it('tells pages from assets, feeds and files', () => {
    for (const page of ['/', N, '/national/', '/national/story', '/old/page.html', '/search/?q=salt']) expect(isPagePath(page), page).toBe(true);
    for (const file of ['/_astro/a.css', '/_astro/x.js', '/_image?href=x', '/favicon.svg', '/robots.txt', '/rss.xml', '/feed/', '/national/rss.xml', '/sitemap-index.xml', '/photo.jpg', '/pagefind/pagefind.js']) {
      expect(isPagePath(file), file).toBe(false);
    }
  });

  it('refuses a file that is mostly not log lines, naming the first bad line', () => {
    expect(() => parseAccessLog(`${logLine('10.0.0.1', '28/Sep/2023:10:00:00 +0700', N)}\nnot a log\nnor this\n`, 'notes.txt', logOptions)).toThrow(
      'notes.txt:2: 2 of 3 lines are not in Combined Log Format',
    );
  });

  it('judges repeats across several log files together', () => {
    const first = { file: 'a.log', text: logLine('10.0.0.1', '28/Sep/2023:10:00:00 +0700', N) };
    const second = { file: 'b.log', text: logLine('10.0.0.1', '28/Sep/2023:10:05:00 +0700', N) };
    expect(importPageviews([first, second], 'clf', logOptions).rows).toEqual([{ date: '2023-09-28', path: N, views: 1 }]);
  });
});

describe('format detection, merging and output', () => {
  it('recognises each sample by its first lines', () => {
    expect(detectFormat(sample('ga4.csv'))).toBe('ga4');
    expect(detectFormat(sample('plausible-pages.csv'))).toBe('plausible');
    expect(detectFormat(sample('access.log'))).toBe('clf');
    expect(detectFormat('title,author\nA,B\n')).toBeUndefined();
    expect(detectFormat('# A Markdown heading\n\nSome text.\n')).toBeUndefined();
    expect(() => importPageviews([{ file: 'x.csv', text: 'title,author\n' }], undefined, logOptions)).toThrow('x.csv:1: cannot tell what this file is.');
  });

  it('replaces merged days and paths instead of adding to them, and keeps the rest', () => {
    const existing = [
      { date: '2023-09-27', path: W, views: 100 },
      { date: '2023-09-26', path: N, views: 7 },
    ];
    expect(mergePageviews(existing, [{ date: '2023-09-27', path: W, views: 640 }])).toEqual([
      { date: '2023-09-26', path: N, views: 7 },
      { date: '2023-09-27', path: W, views: 640 },
    ]);
  });

  it('writes a file the analytics loader reads back unchanged', () => {
    const rows = parseGa4Csv(sample('ga4.csv'), 'ga4.csv').rows;
    const csv = formatPageviewsCsv(rows);
    expect(csv.split('\n')[0]).toBe('date,path,views');
    expect(parsePageviewsCsv(csv, 'pageviews.csv')).toEqual({ rows, problems: [] });
  });
});

describe('npm run analytics:import', () => {
  /** A folder of its own for a test, deleted after the file's tests. */
  const tempDir = () => tempSite({}, 'broadsheet-import-');
  const run = (...args: string[]) => spawnSync(process.execPath, [path.join(root, 'scripts', 'analytics-import.ts'), ...args], { cwd: root, encoding: 'utf8' });

  it('writes pageviews.csv from an export, and merges a second one into it', () => {
    const out = path.join(tempDir(), 'analytics', 'pageviews.csv');
    const first = run(path.join(samples, 'plausible-pages.csv'), '--out', out);
    expect(first.status).toBe(0);
    expect(first.stdout).toContain('Imported 4 day-and-page rows (2023-09-27 to 2023-09-28); wrote 4 rows to');
    const second = run(path.join(samples, 'access.log'), '--format', 'clf', '--out', out, '--merge');
    expect(second.status).toBe(0);
    expect(second.stderr).toContain('skipped 1 malformed line (line 17)');
    expect(readFileSync(out, 'utf8')).toBe(
      [
        'date,path,views',
        '2023-09-27,/business/minimum-wage-set-at-204-after-sep-28-vote/,356',
        `2023-09-27,${W},1`,
        '2023-09-28,/,1',
        `2023-09-28,${W},1`,
        `2023-09-28,${N},2`,
        '',
      ].join('\n'),
    );
  });

  it('fails with the file and the fix, without a stack trace', () => {
    const dir = tempDir();
    const bad = path.join(dir, 'week.csv');
    writeFileSync(bad, '# Start date: 20230901\n# End date: 20230907\nPage path and screen class,Views\n/a/,3\n');
    const result = run(bad, '--out', path.join(dir, 'out.csv'));
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('the report has no "Date" column and covers 2023-09-01 to 2023-09-07');
    expect(result.stderr).not.toMatch(/\n\s+at .*:\d+:\d+/);
    expect(run(bad, '--format', 'csv').stderr).toContain('--format is "csv"; use one of ga4, plausible, clf.');
  });
});
