/**
 * What @astrojs/sitemap lists and with which `lastmod`. Pure: the facts about the content come in
 * from the build (src/sitemap-facts.ts).
 */
import { lastModified } from './json-ld.ts';
import { authorPath, sectionPath } from './urls.ts';

export interface SitemapStory {
  path: string;
  section: { id: string };
  authors: { id: string }[];
  published: Date;
  updated?: Date | undefined;
  corrections: { date: Date }[];
}

/**
 * When each page last changed: a story when it did; the front page, a section or an author page
 * when the newest change among its stories did. One pass over the stories.
 */
export function lastChangeByPath(stories: SitemapStory[]): Map<string, Date> {
  const changes = new Map<string, Date>();
  for (const story of stories) {
    const date = lastModified(story);
    for (const path of [story.path, '/', sectionPath(story.section.id), ...story.authors.map((a) => authorPath(a.id))]) {
      const known = changes.get(path);
      if (!known || date > known) changes.set(path, date);
    }
  }
  return changes;
}

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

/** `lastmod` for a listed URL, when the build knows when that page last changed; never a guess. */
export function sitemapLastmod(url: string, facts: SitemapFactsView): string | undefined {
  return facts.lastModified.get(new URL(url).pathname)?.toISOString();
}
