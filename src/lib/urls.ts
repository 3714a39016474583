/**
 * URL paths of the site. Every page, list and the Most Viewed mapping build paths here, so the
 * article URL contract (`/<section>/<slug>/`) lives in one place.
 */

/** `/<section>/<slug>/`: where an article lives. */
export function articlePath(sectionId: string, slug: string): string {
  return `/${sectionId}/${slug}/`;
}

/** `/authors/<id>/`. */
export function authorPath(authorId: string): string {
  return `/authors/${authorId}/`;
}

/** `/<section>/`. */
export function sectionPath(sectionId: string): string {
  return `/${sectionId}/`;
}

/**
 * A URL-safe slug from a headline or file name: lower case, ASCII letters and digits joined by
 * single hyphens. Accents are folded (`Café` -> `cafe`); other scripts are dropped.
 */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’‘]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * One spelling per page: analytics exports and editors write `/national/story`,
 * `/national/story/?utm_source=x` or a full URL; all become `/national/story/`.
 */
export function normalizePath(pathOrUrl: string): string {
  let path = pathOrUrl.trim();
  const schemeMatch = /^[a-z][a-z0-9+.-]*:\/\/[^/]*/i.exec(path);
  if (schemeMatch) path = path.slice(schemeMatch[0].length);
  path = path.replace(/[?#].*$/, '');
  try {
    path = decodeURI(path);
  } catch {
    // A malformed escape is kept as written; it simply matches no article.
  }
  if (!path.startsWith('/')) path = `/${path}`;
  path = path.replace(/\/{2,}/g, '/').replace(/\/index\.html?$/i, '/');
  if (!path.endsWith('/')) path = `${path}/`;
  return path.toLowerCase();
}

/** Absolute URL on the site's origin (`site` has no trailing slash). */
export function absoluteUrl(site: string, path: string): string {
  return new URL(path, `${site.replace(/\/+$/, '')}/`).href;
}

/** `/tags/`: the index of topics. */
export const TAGS_INDEX_PATH = '/tags/';

/** `/tags/<slug>/`, with the slug from `slugify`. */
export function tagPath(tagSlug: string): string {
  return `${TAGS_INDEX_PATH}${tagSlug}/`;
}

/**
 * First path segments the site keeps for its own pages. A section with one of these ids would put
 * its stories (`/<section>/<slug>/`) on top of those pages, so the build refuses it.
 */
export const RESERVED_SECTION_IDS: ReadonlySet<string> = new Set(['authors', 'tags', 'search', 'page', 'pagefind']);

/**
 * Article slugs the site keeps: `/<section>/page/2/` is page 2 of the section list, so a story at
 * `/<section>/page/` would sit on the root of the pagination. The build refuses it rather than
 * quietly renaming the story.
 */
export const RESERVED_ARTICLE_SLUGS: ReadonlySet<string> = new Set(['page']);

/**
 * What is wrong with a section id, an article slug or a tag as a part of the site's addresses, in
 * an editor's words, or undefined when it is fine. The validator (`npm run check`, and the first
 * step of `npm run build`) and the data module (the dev server) both ask these.
 */
export const addressProblems = {
  sectionId: (id: string): string | undefined =>
    RESERVED_SECTION_IDS.has(id)
      ? `the section id "${id}" is kept for the site's own pages (/${id}/). Rename the file, for example to ${id}-news.yaml, and the stories' section: field with it.`
      : undefined,
  articleSlug: (slug: string, sectionId: string): string | undefined =>
    RESERVED_ARTICLE_SLUGS.has(slug)
      ? `the slug "${slug}" is kept for the pages of a list (/${sectionId}/${slug}/2/ is page 2 of the section). Add a slug: field with another name, such as "${slug}-1".`
      : undefined,
  tag: (tag: string): string | undefined =>
    slugify(tag) ? undefined : `"${tag}" has no letters or digits that can go in a web address (a-z, 0-9). Spell the tag with some, or remove it.`,
};

/** The site-wide RSS feed. */
export const siteFeedPath = '/rss.xml';

/** `/<section>/rss.xml`. */
export function sectionFeedPath(sectionId: string): string {
  return `${sectionPath(sectionId)}rss.xml`;
}

/** `/authors/<id>/rss.xml`. */
export function authorFeedPath(authorId: string): string {
  return `${authorPath(authorId)}rss.xml`;
}

/** The search page; `?q=` fills in and runs a search. */
export const searchPath = '/search/';

/** Written by @astrojs/sitemap. */
export const sitemapIndexPath = '/sitemap-index.xml';

/** The Google News sitemap. */
export const newsSitemapPath = '/sitemap-news.xml';
