import { describe, expect, it } from 'vitest';
import { changedUrlPaths, manifestOf, parseManifest, urlPathOfFile } from '../../src/lib/changed-paths.ts';

describe('urlPathOfFile', () => {
  it('maps index pages to their folder URL and other files to their own path', () => {
    expect(urlPathOfFile('index.html')).toBe('/');
    expect(urlPathOfFile('national/x/index.html')).toBe('/national/x/');
    expect(urlPathOfFile('404.html')).toBe('/404.html');
    expect(urlPathOfFile('_astro/a.C8e2.webp')).toBe('/_astro/a.C8e2.webp');
    expect(urlPathOfFile('rss.xml')).toBe('/rss.xml');
  });

  it('escapes characters a URL cannot carry', () => {
    expect(urlPathOfFile('tags/café au lait/index.html')).toBe('/tags/caf%C3%A9%20au%20lait/');
  });
});

describe('changedUrlPaths', () => {
  const before = manifestOf([
    ['index.html', 'a'],
    ['news/x/index.html', 'b'],
    ['news/gone/index.html', 'c'],
    ['_headers', 'd'],
    ['_astro/photo.webp', 'e'],
  ]);

  it('lists added, changed and removed files as sorted URL paths, and leaves out unchanged ones', () => {
    const after = manifestOf([
      ['index.html', 'A'],
      ['news/x/index.html', 'b'],
      ['news/new/index.html', 'n'],
      ['_headers', 'd'],
      ['_astro/photo.webp', 'e'],
    ]);
    expect(changedUrlPaths(before, after)).toEqual(['/', '/news/gone/', '/news/new/']);
  });

  it('lists nothing when nothing changed', () => {
    expect(changedUrlPaths(before, manifestOf(Object.entries(before.files).reverse()))).toEqual([]);
  });

  it('leaves out files the CDN reads as configuration and never serves', () => {
    const after = manifestOf([...Object.entries(before.files).filter(([f]) => f !== '_headers'), ['_headers', 'D'], ['_redirects', 'r']]);
    expect(changedUrlPaths(before, after)).toEqual([]);
  });

  it('lists every served file on a first build', () => {
    expect(changedUrlPaths(undefined, before)).toEqual(['/', '/_astro/photo.webp', '/news/gone/', '/news/x/']);
  });
});

describe('manifestOf and parseManifest', () => {
  it('sort the files so equal builds give equal bytes, and read back what they wrote', () => {
    const a = manifestOf([['b', '2'], ['a', '1']]);
    expect(JSON.stringify(a)).toBe(JSON.stringify(manifestOf([['a', '1'], ['b', '2']])));
    expect(parseManifest(JSON.stringify(a))).toEqual(a);
  });

  it('treat an unreadable or foreign manifest as none, so the next build lists everything', () => {
    expect(parseManifest('not json')).toBeUndefined();
    expect(parseManifest('{"version":2,"files":{}}')).toBeUndefined();
  });
});
