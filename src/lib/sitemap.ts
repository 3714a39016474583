/**
 * What @astrojs/sitemap lists and with which `lastmod`. Pure: the facts about the content come in
 * from the build (src/sitemap-facts.ts).
 */

export interface SitemapFactsView {
  lastModified: ReadonlyMap<string, Date>;
  redirectPaths: ReadonlySet<string>;
}

/**
 * Pages only: every page of the site ends in `/` (trailingSlash: 'always'), so feeds, robots.txt,
 * `_redirects` and the XML files fall out; so do alias redirects and the 404 page.
 */
export function isSitemapPage(url: string, facts: SitemapFactsView): boolean {
  const { pathname } = new URL(url);
  return pathname.endsWith('/') && pathname !== '/404/' && !facts.redirectPaths.has(pathname);
}

/**
 * `lastmod` for a listed URL: an article's last change; the front page changes whenever any
 * story does. Other pages carry none rather than a guess.
 */
export function sitemapLastmod(url: string, facts: SitemapFactsView): string | undefined {
  const { pathname } = new URL(url);
  let date = facts.lastModified.get(pathname);
  if (pathname === '/') {
    for (const d of facts.lastModified.values()) if (!date || d > date) date = d;
  }
  return date?.toISOString();
}
