import { describe, expect, it } from 'vitest';
import { buildResult, listFiles, page, readDistFile } from './helpers.ts';

const SITE = 'https://www.phnompenhpost.example';

describe('old addresses of stories (aliases)', () => {
  it.each(['/city/old-bridge/', '/2019/bridge.html'])('%s is a page that sends readers on to the story', (alias) => {
    const doc = page('machine', alias);
    expect(doc.querySelector('meta[http-equiv="refresh"]')?.getAttribute('content')).toBe(`0; url=${SITE}/city/bridge-opens/`);
    expect(doc.querySelector('link[rel="canonical"]')?.getAttribute('href')).toBe(`${SITE}/city/bridge-opens/`);
    expect(doc.querySelector('meta[name="robots"]')?.getAttribute('content')).toBe('noindex');
    const link = doc.querySelector('body a')!;
    expect(link.getAttribute('href')).toBe('/city/bridge-opens/');
    expect(link.textContent).toContain('Bridge opens');
    expect(doc.querySelectorAll('script')).toHaveLength(0);
    const file = alias.endsWith('/') ? `${alias.slice(1)}index.html` : alias.slice(1);
    expect(readDistFile('machine', file).toString()).toMatch(/^<!DOCTYPE html>/i);
  });

  it('are listed in _redirects as permanent redirects, with and without the trailing slash', () => {
    const lines = readDistFile('machine', '_redirects').toString().split('\n').filter((l) => l && !l.startsWith('#'));
    expect(lines).toEqual([
      '/2019/bridge.html /city/bridge-opens/ 301',
      '/city/old-bridge/ /city/bridge-opens/ 301',
      '/city/old-bridge /city/bridge-opens/ 301',
    ]);
  });

  it('that name a file are written under exactly that file name', () => {
    expect(listFiles('machine')).toEqual(expect.arrayContaining(['2019/bridge.html', 'city/old-bridge/index.html']));
  });

  it('of embargoed and draft stories lead nowhere yet', () => {
    const files = listFiles('machine');
    expect(files.filter((f) => /early-summit|draft-alias/.test(f))).toEqual([]);
    expect(readDistFile('machine', '_redirects').toString()).not.toMatch(/early-summit|draft-alias/);
  });
});

describe('an alias that would hide a page', () => {
  const result = buildResult('alias-collision');

  it('fails the build and leaves the previous dist/ alone', () => {
    expect(result.status).not.toBe(0);
    expect(listFiles('alias-collision')).toEqual(['sentinel.txt']);
  });

  it('is reported with the file, the alias and what it collides with, without a stack trace', () => {
    // The content validator, which runs before Astro, reports every clash at once.
    const file = 'tests/fixtures/alias-collision/articles';
    expect(result.output).toContain('The content has 4 problems:');
    expect(result.output).toContain(`${file}/first-story.md:5: aliases[0]: the alias /news/ is the address of the section page of "news", which it would hide. Remove the alias.`);
    expect(result.output).toContain(`${file}/second-story.md:5: aliases[0]: the alias /news/first-story/ is the URL of another story, ${file}/first-story.md. Remove the alias, or change that story's URL.`);
    expect(result.output).toContain(`${file}/first-story.md:5: aliases[1]: the alias /news/shared-old-address/ is also an alias of ${file}/second-story.md.`);
    expect(result.output).toContain(`${file}/second-story.md:5: aliases[1]: the alias /news/shared-old-address/ is also an alias of ${file}/first-story.md.`);
    expect(result.output).not.toMatch(/^\s+at .*\(.*:\d+:\d+\)$/m);
  });
});
