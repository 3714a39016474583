import { describe, expect, it } from 'vitest';
import { shareCropSizes } from '../../src/lib/share-image-sizes.ts';
import { isSitemapPage, lastChangeByPath, sitemapLastmod } from '../../src/lib/sitemap.ts';

const facts = {
  lastModified: new Map([
    ['/city/bridge/', new Date('2024-03-12T04:00:00Z')],
    ['/world/flood/', new Date('2024-03-10T03:00:00Z')],
    ['/', new Date('2024-03-12T04:00:00Z')],
  ]),
  redirectPaths: new Set(['/city/old-bridge/']),
};

describe('isSitemapPage', () => {
  it('lists pages, not feeds, files, redirects or the 404 page', () => {
    const listed = [
      'https://news.example/',
      'https://news.example/city/bridge/',
      'https://news.example/rss.xml',
      'https://news.example/_redirects',
      'https://news.example/city/old-bridge/',
      'https://news.example/404/',
    ].filter((url) => isSitemapPage(url, facts));
    expect(listed).toEqual(['https://news.example/', 'https://news.example/city/bridge/']);
  });
});

describe('sitemapLastmod', () => {
  it('is the known last change of the page, and absent for pages the build has no date for', () => {
    expect(sitemapLastmod('https://news.example/world/flood/', facts)).toBe('2024-03-10T03:00:00.000Z');
    expect(sitemapLastmod('https://news.example/', facts)).toBe('2024-03-12T04:00:00.000Z');
    expect(sitemapLastmod('https://news.example/search/', facts)).toBeUndefined();
  });
});

describe('lastChangeByPath', () => {
  it('dates each story by its last change, and the front, section and author pages by their newest story', () => {
    const old = { path: '/city/old/', section: { id: 'city' }, authors: [{ id: 'kim' }], published: new Date('2024-03-01T00:00:00Z'), corrections: [] };
    const fresh = {
      path: '/world/new/',
      section: { id: 'world' },
      authors: [{ id: 'kim' }, { id: 'ann' }],
      published: new Date('2024-03-05T00:00:00Z'),
      corrections: [{ date: new Date('2024-03-06T00:00:00Z') }],
    };
    const changes = Object.fromEntries([...lastChangeByPath([fresh, old])].map(([path, date]) => [path, date.toISOString().slice(0, 10)]));
    expect(changes).toEqual({
      '/world/new/': '2024-03-06',
      '/city/old/': '2024-03-01',
      '/': '2024-03-06',
      '/world/': '2024-03-06',
      '/city/': '2024-03-01',
      '/authors/kim/': '2024-03-06',
      '/authors/ann/': '2024-03-06',
    });
  });
});

describe('shareCropSizes', () => {
  it('crops 16:9, 4:3 and 1:1 no wider than asked and never larger than the source', () => {
    expect(shareCropSizes({ width: 1800, height: 1200 }, 1200)).toEqual([
      { width: 1200, height: 675 },
      { width: 1200, height: 900 },
      { width: 1200, height: 1200 },
    ]);
    expect(shareCropSizes({ width: 640, height: 427 }, 1200)).toEqual([
      { width: 640, height: 360 },
      { width: 569, height: 427 },
      { width: 427, height: 427 },
    ]);
  });
});
