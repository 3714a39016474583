/**
 * What the sitemap integration (configured in astro.config.mjs) needs from the content: when each
 * page last changed and the paths that are not pages of their own (alias redirects).
 *
 * Why a process-wide hand-over: @astrojs/sitemap runs at `astro:build:done`, in the config's
 * module graph, while the content is only readable from inside the rendered pages' bundle. Astro's
 * default prerenderer renders static pages in the same Node process, so getSiteData() leaves the
 * facts under a global symbol and the sitemap hooks pick them up; both sides import this file, so
 * the key and the shape are defined once.
 */
const KEY = Symbol.for('broadsheet.sitemap-facts');

export interface SitemapFacts {
  /** Page path (stories, front page, sections, authors) -> when it last changed. */
  lastModified: Map<string, Date>;
  /** Paths that are redirects, not pages: they must not be listed. */
  redirectPaths: Set<string>;
}

export function publishSitemapFacts(facts: SitemapFacts): void {
  (globalThis as Record<symbol, unknown>)[KEY] = facts;
}

/** The facts of the build that just ran; fails loudly rather than writing a sitemap without dates. */
export function readSitemapFacts(): SitemapFacts {
  const facts = (globalThis as Record<symbol, unknown>)[KEY] as SitemapFacts | undefined;
  if (!facts) {
    throw new Error(
      'The sitemap has no article dates: getSiteData() did not run in this process. Pages must be prerendered by Astro in-process for the sitemap to know each article\'s last change.',
    );
  }
  return facts;
}
