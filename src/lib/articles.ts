/**
 * The one module that reads the content collections. It resolves references, applies drafts and
 * the embargo, and computes everything site-wide (Most Viewed, excerpts) once per build; pages ask
 * it for data and never call getCollection themselves.
 */
import type { ImageMetadata } from 'astro';
import { getCollection, type CollectionEntry } from 'astro:content';
import { buildNow } from '../build-env.ts';
import { EditorError } from '../content/editor-error.ts';
import { cacheKeyOf } from './cache-key.ts';
import { siteConfig } from '../site.config.ts';
import { excerptFromMarkdown, storedBodyExcerpt } from './excerpt.ts';
import { rankMostViewed } from './most-viewed.ts';
import { byNewest, isPublished } from './publishing.ts';
import { articlePath } from './urls.ts';

export type ArticleEntry = CollectionEntry<'articles'>;

export interface Section {
  id: string;
  name: string;
  description?: string | undefined;
}

export interface Author {
  id: string;
  name: string;
  role?: string | undefined;
  bio?: string | undefined;
  photo?: ImageMetadata | undefined;
}

export interface Article {
  id: string;
  slug: string;
  path: string;
  title: string;
  dek?: string | undefined;
  /** The dek, else the opening words of the body: what lists and the rail show under a headline. */
  excerpt: string;
  section: Section;
  authors: Author[];
  byline?: string | undefined;
  dateline?: string | undefined;
  published: Date;
  updated?: Date | undefined;
  hero?: ArticleEntry['data']['hero'];
  tags: string[];
  aliases: string[];
  corrections: { date: Date; text: string }[];
  /** The collection entry, for `render()`. */
  entry: ArticleEntry;
}

export interface MostViewedRail {
  /** `views`: ranked by the analytics file; `latest`: no analytics, so the newest stories. */
  kind: 'views' | 'latest';
  items: { article: Article; views?: number }[];
}

export interface SiteData {
  now: Date;
  /** Published articles only, newest first. */
  articles: Article[];
  sections: Section[];
  authors: Author[];
  mostViewed: MostViewedRail;
  /**
   * Fingerprint of everything site-wide an article page shows (section navigation, the Most Viewed
   * rail): part of each article page's cacheKey, so that when it changes every article page is
   * rendered again. Whatever site-wide data is added to article pages must be added here.
   */
  articlePageKey: string;
}

let cached: Promise<SiteData> | undefined;

/** Everything the pages need, computed once per build. */
export function getSiteData(): Promise<SiteData> {
  cached ??= loadSiteData();
  return cached;
}

function slugOf(entry: ArticleEntry): string {
  return entry.data.slug ?? entry.id.split('/').at(-1)!;
}

async function loadSiteData(): Promise<SiteData> {
  const now = buildNow();
  const [entries, sectionEntries, authorEntries, analytics] = await Promise.all([
    getCollection('articles'),
    getCollection('sections'),
    getCollection('authors'),
    getCollection('analytics'),
  ]);

  const sections = sectionEntries
    .map((s): Section => ({ id: s.id, name: s.data.name, description: s.data.description }))
    .sort((a, b) => a.name.localeCompare(b.name, 'en'));
  const authors = authorEntries
    .map((a): Author => ({ id: a.id, name: a.data.name, role: a.data.role, bio: a.data.bio, photo: a.data.photo }))
    .sort((a, b) => a.name.localeCompare(b.name, 'en'));
  const sectionById = new Map(sections.map((s) => [s.id, s]));
  const authorById = new Map(authors.map((a) => [a.id, a]));

  const problems: string[] = [];
  const articles: Article[] = [];
  for (const entry of entries) {
    if (!isPublished(entry.data, now)) continue;
    const file = entry.filePath ?? entry.id;
    const section = sectionById.get(entry.data.section);
    if (!section) {
      problems.push(
        `${file}: section "${entry.data.section}" does not exist. Use one of: ${sections.map((s) => s.id).join(', ') || '(none yet)'}, or add sections/${entry.data.section}.yaml.`,
      );
      continue;
    }
    const authorList: Author[] = [];
    for (const id of entry.data.authors) {
      const author = authorById.get(id);
      if (author) authorList.push(author);
      else problems.push(`${file}: author "${id}" does not exist. Use one of: ${authors.map((a) => a.id).join(', ') || '(none yet)'}, or add authors/${id}.yaml.`);
    }
    const slug = slugOf(entry);
    articles.push({
      id: entry.id,
      slug,
      path: articlePath(section.id, slug),
      title: entry.data.title,
      dek: entry.data.dek,
      excerpt: entry.data.dek ?? storedBodyExcerpt(entry.data) ?? excerptFromMarkdown(entry.body ?? '', siteConfig.excerptWords),
      section,
      authors: authorList,
      byline: entry.data.byline,
      dateline: entry.data.dateline,
      published: entry.data.published,
      updated: entry.data.updated,
      hero: entry.data.hero,
      tags: entry.data.tags,
      aliases: entry.data.aliases,
      corrections: entry.data.corrections,
      entry,
    });
  }
  if (problems.length) throw new EditorError(`Content has ${problems.length} problem(s):\n${problems.join('\n')}`);
  articles.sort(byNewest);

  const rows = analytics.find((e) => e.id === 'pageviews')?.data.rows;
  const { size, windowDays } = siteConfig.mostViewed;
  const mostViewed: MostViewedRail = rows
    ? { kind: 'views', items: rankMostViewed(articles, rows, { size, windowDays }) }
    : { kind: 'latest', items: articles.slice(0, size).map((article) => ({ article })) };

  const articlePageKey = cacheKeyOf(
    sections,
    mostViewed.kind,
    mostViewed.items.map(({ article, views }) => [article.path, article.title, article.excerpt, views]),
  );

  return { now, articles, sections, authors, mostViewed, articlePageKey };
}
