/**
 * The Google News sitemap and robots.txt. @astrojs/sitemap writes the ordinary sitemaps but has
 * no notion of Google's `news:` extension (publication name and language, publication date,
 * title, and the 48-hour window), so this one is ours.
 */
import { toZonedIsoString } from './dates.ts';

export interface NewsSitemapItem {
  /** Absolute URL. */
  url: string;
  title: string;
  published: Date;
}

/** Stories published within `windowHours` before `now` (and not after it), in the given order. */
export function recentForNews<T extends { published: Date }>(articles: T[], now: Date, windowHours: number): T[] {
  const from = now.getTime() - windowHours * 3_600_000;
  return articles.filter((a) => a.published.getTime() > from && a.published.getTime() <= now.getTime());
}

/**
 * Google News wants an ISO 639 language code (`en`, not `en-GB`), except Chinese, which it
 * distinguishes as `zh-cn` and `zh-tw`.
 */
export function newsLanguage(locale: string): string {
  const [language = locale, ...rest] = locale.toLowerCase().split('-');
  if (language !== 'zh') return language;
  return rest.some((part) => part === 'hant' || part === 'tw' || part === 'hk' || part === 'mo') ? 'zh-tw' : 'zh-cn';
}

/** Escapes text for XML element content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);
}

export function newsSitemapXml(
  items: NewsSitemapItem[],
  publication: { name: string; language: string },
  timeZone: string,
): string {
  const urls = items.map(
    (item) => `  <url>
    <loc>${escapeXml(item.url)}</loc>
    <news:news>
      <news:publication>
        <news:name>${escapeXml(publication.name)}</news:name>
        <news:language>${escapeXml(publication.language)}</news:language>
      </news:publication>
      <news:publication_date>${toZonedIsoString(item.published, timeZone)}</news:publication_date>
      <news:title>${escapeXml(item.title)}</news:title>
    </news:news>
  </url>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
${urls.join('\n')}
</urlset>
`;
}

/** robots.txt: everything may be crawled; the sitemaps are named with absolute URLs, as the protocol asks. */
export function robotsTxt(sitemapUrls: string[]): string {
  return ['User-agent: *', 'Allow: /', '', ...sitemapUrls.map((url) => `Sitemap: ${url}`), ''].join('\n');
}
