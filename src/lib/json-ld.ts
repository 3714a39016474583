/**
 * schema.org structured data for search engines, as plain objects, and the one safe way to put
 * them in a page. Pure: URLs, the site and the images come in as arguments.
 *
 * Follows Google's Article structured-data guidance: no property is required, but headline,
 * image (several aspect ratios, absolute URLs), datePublished and dateModified (ISO 8601 with an
 * offset) and author (each author separately, with a url to a page about them) are recommended.
 */
import { toZonedIsoString } from './dates.ts';

type JsonLd = Record<string, unknown>;

export interface JsonLdImage {
  /** Absolute URL. */
  url: string;
  width: number;
  height: number;
}

export interface JsonLdSite {
  name: string;
  /** Origin with no trailing slash. */
  url: string;
  timeZone: string;
  /** BCP 47 tag. */
  language: string;
  logo: JsonLdImage;
}

export interface JsonLdArticle {
  title: string;
  dek?: string | undefined;
  excerpt: string;
  /** Absolute URL of the article page. */
  url: string;
  section: { name: string; url: string };
  authors: { name: string; url: string }[];
  byline?: string | undefined;
  dateline?: string | undefined;
  published: Date;
  updated?: Date | undefined;
  corrections: { date: Date }[];
  tags: string[];
  /** Absolute URLs of the share images, one per aspect ratio (16:9, 4:3, 1:1). */
  images: string[];
}

/** When the story last changed: `updated`, else the latest correction, else when it was published. */
export function lastModified(article: { published: Date; updated?: Date | undefined; corrections: { date: Date }[] }): Date {
  if (article.updated) return article.updated;
  const latestCorrection = article.corrections.reduce<Date | undefined>(
    (latest, c) => (!latest || c.date > latest ? c.date : latest),
    undefined,
  );
  return latestCorrection && latestCorrection > article.published ? latestCorrection : article.published;
}

function publisher(site: JsonLdSite): JsonLd {
  return {
    '@type': 'NewsMediaOrganization',
    '@id': `${site.url}/#publisher`,
    name: site.name,
    url: `${site.url}/`,
    logo: { '@type': 'ImageObject', url: site.logo.url, width: site.logo.width, height: site.logo.height },
  };
}

/** `NewsArticle` for an article page. */
export function newsArticleJsonLd(article: JsonLdArticle, site: JsonLdSite): JsonLd {
  // Named authors are people with a page on the site; a free-text byline ("AFP", "Staff reporter")
  // names a desk or an agency rather than a person a reader could look up.
  const author: JsonLd[] = article.authors.map((a) => ({ '@type': 'Person', name: a.name, url: a.url }));
  if (article.byline) author.push({ '@type': 'Organization', name: article.byline });
  const data: JsonLd = {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    mainEntityOfPage: { '@type': 'WebPage', '@id': article.url },
    url: article.url,
    headline: article.title,
    description: article.dek ?? article.excerpt,
    datePublished: toZonedIsoString(article.published, site.timeZone),
    dateModified: toZonedIsoString(lastModified(article), site.timeZone),
    articleSection: article.section.name,
    inLanguage: site.language,
    publisher: publisher(site),
  };
  if (article.images.length) data.image = article.images;
  if (author.length) data.author = author;
  if (article.dateline) data.locationCreated = { '@type': 'Place', name: article.dateline };
  if (article.tags.length) data.keywords = article.tags;
  return data;
}

/** `BreadcrumbList`: Home > Section > Article. Google wants `item` on every crumb but the last. */
export function breadcrumbJsonLd(crumbs: { name: string; url: string }[]): JsonLd {
  return {
    '@context': 'https://schema.org',
    '@type': 'BreadcrumbList',
    itemListElement: crumbs.map((crumb, i) => ({
      '@type': 'ListItem',
      position: i + 1,
      name: crumb.name,
      ...(i < crumbs.length - 1 ? { item: crumb.url } : {}),
    })),
  };
}

/** The publisher and the site, for the front page; the search action points at `/search/?q=`. */
export function frontPageJsonLd(site: JsonLdSite, description: string, searchPath: string): JsonLd[] {
  return [
    { '@context': 'https://schema.org', ...publisher(site), description },
    {
      '@context': 'https://schema.org',
      '@type': 'WebSite',
      '@id': `${site.url}/#website`,
      name: site.name,
      url: `${site.url}/`,
      inLanguage: site.language,
      publisher: { '@id': `${site.url}/#publisher` },
      potentialAction: {
        '@type': 'SearchAction',
        target: { '@type': 'EntryPoint', urlTemplate: `${site.url}${searchPath}?q={search_term_string}` },
        'query-input': 'required name=search_term_string',
      },
    },
  ];
}

/**
 * JSON for a `<script type="application/ld+json">` element. The HTML parser ends the script at
 * the first `</script`, whatever the JSON says, so `<` (and `>`, `&`, and the two line separators
 * old JavaScript parsers choke on) are written as \u escapes: still the same JSON string.
 */
export function serializeJsonLd(data: unknown): string {
  return JSON.stringify(data).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
