import { describe, expect, it } from 'vitest';
import { absoluteUrl, articlePath, authorPath, normalizePath, RESERVED_ARTICLE_SLUGS, RESERVED_SECTION_IDS, sectionPath, slugify, tagPath } from '../../src/lib/urls.ts';

describe('URL helpers', () => {
  it('builds article, section and author paths', () => {
    expect(articlePath('national', 'justice-ministry')).toBe('/national/justice-ministry/');
    expect(sectionPath('national')).toBe('/national/');
    expect(authorPath('sophea-chan')).toBe('/authors/sophea-chan/');
  });

  it('slugifies headlines: lower case, accents folded, apostrophes dropped, single hyphens', () => {
    expect(slugify('PM to open new Siem Reap int’l airport December 1')).toBe('pm-to-open-new-siem-reap-intl-airport-december-1');
    expect(slugify('  Café — Prices “soar”!  ')).toBe('cafe-prices-soar');
    expect(slugify('Minimum wage set at $204, after Sep 28 vote')).toBe('minimum-wage-set-at-204-after-sep-28-vote');
  });

  it('normalises paths from analytics and editors to one spelling', () => {
    expect(normalizePath('/national/story')).toBe('/national/story/');
    expect(normalizePath('/national/story/?utm_source=x#top')).toBe('/national/story/');
    expect(normalizePath('https://www.example.com/National/Story/')).toBe('/national/story/');
    expect(normalizePath('national//story/index.html')).toBe('/national/story/');
    expect(normalizePath('/caf%C3%A9/')).toBe('/café/');
    expect(normalizePath('/bad%E0%A4%A/')).toBe('/bad%e0%a4%a/');
  });

  it('makes absolute URLs on the site origin', () => {
    expect(absoluteUrl('https://news.example/', '/national/a/')).toBe('https://news.example/national/a/');
    expect(absoluteUrl('https://news.example', '/')).toBe('https://news.example/');
  });
});

describe('tag paths and reserved names', () => {
  it('puts a tag at /tags/<slug>/', () => {
    expect(tagPath(slugify('Human Trafficking'))).toBe('/tags/human-trafficking/');
  });

  it('keeps the site’s own first path segments away from sections, and the slug "page" away from stories', () => {
    for (const id of ['authors', 'tags', 'search', 'page']) expect(RESERVED_SECTION_IDS.has(id)).toBe(true);
    expect(RESERVED_SECTION_IDS.has('national')).toBe(false);
    expect(RESERVED_ARTICLE_SLUGS.has('page')).toBe(true);
  });
});
