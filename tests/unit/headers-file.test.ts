import { describe, expect, it } from 'vitest';
import {
  headersForPath,
  IMMUTABLE,
  MAX_LINE_LENGTH,
  parseHeadersFile,
  renderHeadersFile,
  REVALIDATE,
  SHORT_LIVED,
  siteHeaderRules,
} from '../../src/lib/headers-file.ts';

const rules = siteHeaderRules("default-src 'self'");
const roundTrip = parseHeadersFile(renderHeadersFile(rules));

describe('the site header rules', () => {
  it('cache hashed Astro assets for a year as immutable, with one Cache-Control value', () => {
    expect(headersForPath(roundTrip, '/_astro/photo.C8e2eejU_CAsH1.webp').get('cache-control')).toBe(IMMUTABLE);
  });

  it('keep pages, feeds and sitemaps for a minute and serve them stale for ten while revalidating', () => {
    for (const path of ['/', '/national/a-story/', '/404.html', '/rss.xml', '/sitemap-index.xml', '/favicon.svg']) {
      expect(headersForPath(roundTrip, path).get('cache-control'), path).toBe(SHORT_LIVED);
    }
    expect(SHORT_LIVED).toBe('public, max-age=60, stale-while-revalidate=600');
  });

  it('make the Pagefind index revalidate on every use', () => {
    expect(headersForPath(roundTrip, '/pagefind/pagefind-entry.json').get('cache-control')).toBe(REVALIDATE);
  });

  it('send the security headers on every path, assets included', () => {
    for (const path of ['/', '/_astro/a.css', '/pagefind/pagefind.js']) {
      const headers = headersForPath(roundTrip, path);
      expect(headers.get('content-security-policy')).toBe("default-src 'self'");
      expect(headers.get('x-content-type-options')).toBe('nosniff');
      expect(headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
      expect(headers.get('strict-transport-security')).toBe('max-age=63072000; includeSubDomains');
      const permissions = headers.get('permissions-policy')!;
      for (const feature of ['camera', 'microphone', 'geolocation', 'interest-cohort', 'browsing-topics']) {
        expect(permissions).toContain(`${feature}=()`);
      }
    }
  });
});

describe('renderHeadersFile and parseHeadersFile', () => {
  it('write the Cloudflare Pages format and read it back to the same rules', () => {
    const text = renderHeadersFile(rules);
    expect(text).toContain('\n/_astro/*\n  ! Cache-Control\n  Cache-Control: public, max-age=31536000, immutable\n');
    expect(parseHeadersFile(text)).toEqual(rules);
  });

  it('refuse a line Cloudflare Pages would ignore, and say what to do', () => {
    const long = siteHeaderRules(`script-src ${'x'.repeat(MAX_LINE_LENGTH)}`);
    expect(() => renderHeadersFile(long)).toThrow(/over 2000.*move some into files/s);
  });
});

describe('headersForPath', () => {
  const parsed = parseHeadersFile('/*\n  X-A: 1\n/news/:slug/\n  X-A: 2\n/news/*\n  ! X-A\n  X-B: yes\n');

  it('joins a header two matching rules set, as the CDN does', () => {
    expect(headersForPath(parseHeadersFile('/*\n  X-A: 1\n/a/\n  X-A: 2\n'), '/a/').get('x-a')).toBe('1, 2');
  });

  it('lets a later rule detach a header with !', () => {
    expect(headersForPath(parsed, '/news/x/').get('x-a')).toBeUndefined();
    expect(headersForPath(parsed, '/news/x/').get('x-b')).toBe('yes');
  });

  it('matches a :placeholder against one path segment only, and * against anything', () => {
    expect(headersForPath(parseHeadersFile('/news/:slug/\n  X: 1\n'), '/news/a/b/').has('x')).toBe(false);
    expect(headersForPath(parseHeadersFile('/news/:slug/\n  X: 1\n'), '/news/a/').get('x')).toBe('1');
    expect(headersForPath(parseHeadersFile('/a.b/*\n  X: 1\n'), '/aXb/c').has('x')).toBe(false);
  });
});
