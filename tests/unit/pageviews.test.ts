import { describe, expect, it } from 'vitest';
import { formatPageviewProblems, parsePageviewsCsv } from '../../src/lib/pageviews.ts';

const FILE = 'analytics/pageviews.csv';

describe('parsePageviewsCsv', () => {
  it('reads rows of date, path and views', () => {
    const csv = 'date,path,views\n2023-09-28,/national/a/,120\r\n2023-09-29,"/national/b/",0\n';
    expect(parsePageviewsCsv(csv, FILE)).toEqual({
      rows: [
        { date: '2023-09-28', path: '/national/a/', views: 120 },
        { date: '2023-09-29', path: '/national/b/', views: 0 },
      ],
      problems: [],
    });
  });

  it('accepts a byte-order mark and blank lines', () => {
    const csv = '\uFEFFdate,path,views\n\n2023-09-28,/a/,1\n\n';
    expect(parsePageviewsCsv(csv, FILE).rows).toEqual([{ date: '2023-09-28', path: '/a/', views: 1 }]);
  });

  it('reports every bad row with its line number and yields no rows', () => {
    const csv = ['date,path,views', '2023-02-30,/a/,1', '2023-09-28,/a/,-1', '2023-09-28,/a/,1.5', '2023-09-28,a/,1', '2023-09-28,/a/'].join('\n');
    const { rows, problems } = parsePageviewsCsv(csv, FILE);
    expect(rows).toEqual([]);
    expect(formatPageviewProblems(problems).split('\n')).toEqual([
      `${FILE}:2: date "2023-02-30" is not a day in the form YYYY-MM-DD (for example 2023-09-28).`,
      `${FILE}:3: views "-1" is negative; page views are 0 or more.`,
      `${FILE}:4: views "1.5" is not a whole number; write the count of page views, such as 1520.`,
      `${FILE}:5: path "a/" must be a URL path starting with "/" (for example /national/my-story/).`,
      `${FILE}:6: expected 3 columns (date,path,views) but found 2: "2023-09-28,/a/".`,
    ]);
  });

  it('rejects a wrong header', () => {
    const { problems } = parsePageviewsCsv('day,url,count\n2023-09-28,/a/,1\n', FILE);
    expect(problems).toEqual([{ file: FILE, line: 1, message: 'the header is "day,url,count"; it must be exactly "date,path,views".' }]);
  });

  it('rejects an empty file', () => {
    expect(parsePageviewsCsv('', FILE).problems[0]?.message).toMatch(/^the file is empty/);
  });

  it('reports broken quoting as invalid CSV with a line', () => {
    const { problems } = parsePageviewsCsv('date,path,views\n2023-09-28,"/a/,1\n', FILE);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.message).toMatch(/^this is not valid CSV/);
  });
});
