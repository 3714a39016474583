/**
 * The one module that reads the content collections. It resolves references, applies drafts and
 * the embargo, and computes everything site-wide (Most Viewed, excerpts) once per build; pages ask
 * it for data and never call getCollection themselves.
 *
 * Preview (`npm run dev`, BROADSHEET_PREVIEW=1): drafts and embargoed stories get their own pages
 * (in `previews`, marked by `status`) so editors can read them, but never join `articles`, so
 * lists, Most Viewed, feeds and the rest look exactly as the published site will.
 */
import type { ImageMetadata } from 'astro';
import { getCollection, type CollectionEntry } from 'astro:content';
import { buildNow, isPreview, pageSizeOverride } from '../build-env.ts';
import { EditorError } from '../content/editor-error.ts';
import { siteConfig } from '../site.config.ts';
import { publishSitemapFacts } from '../sitemap-facts.ts';
import { indexArticles, type TagSummary } from './article-index.ts';
import { storedBodyExcerpt } from './excerpt.ts';
import { frontPageLayout, type FrontPage } from './front-page.ts';
import { rankMostViewed } from './most-viewed.ts';
import { byNewest, publicationStatus, type PublicationStatus } from './publishing.ts';
import { planRedirects, type Redirect } from './redirects.ts';
import { relatedRanker } from './related.ts';
import { lastChangeByPath } from './sitemap.ts';
import {
  addressProblems,
  articlePath,
  authorPath,
  searchPath,
  sectionPath,
  slugify,
  tagPath,
  TAGS_INDEX_PATH,
} from './urls.ts';

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

/**
 * What a list, the Most Viewed rail and related stories show of a story, and nothing more: its own
 * object (one per story per build), so the cache key of a page that lists a story changes when the
 * teaser does, not when the end of the story's body does (src/lib/page-fingerprint.ts).
 */
export interface Teaser {
  path: string;
  title: string;
  excerpt: string;
  section: { id: string; name: string };
  authorNames: string[];
  byline?: string | undefined;
  published: Date;
  /** The hero photo, for the small picture beside a headline. */
  image?: ImageMetadata | undefined;
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
  /** The story's tags as links: its own spelling, the shared slug and `/tags/<slug>/`. */
  tagLinks: { name: string; slug: string; path: string }[];
  /** Front-page position the editors pinned the story to (1 is the lead), if any. */
  pin?: number | undefined;
  aliases: string[];
  corrections: { date: Date; text: string }[];
  /** `published` in every production build; drafts and embargoed stories exist only in preview. */
  status: PublicationStatus;
  /** The collection entry, for `render()`. */
  entry: ArticleEntry;
  /** What lists show of it. */
  teaser: Teaser;
}

export interface MostViewedRail {
  /** `views`: ranked by the analytics file; `latest`: no analytics, so the newest stories. */
  kind: 'views' | 'latest';
  items: { article: Article; views?: number }[];
}

/**
 * The rail as every page shows it: headline, link and excerpt, in objects made once per build (the
 * rail is part of every page's cache key, so it holds nothing the rail does not show).
 */
export interface TeaserRail {
  kind: MostViewedRail['kind'];
  items: Pick<Teaser, 'path' | 'title' | 'excerpt'>[];
}

export interface SiteData {
  now: Date;
  /** Published articles only, newest first. */
  articles: Article[];
  /** Preview only (`npm run dev`): drafts and embargoed stories, which get a page and nothing else. Empty in a build. */
  previews: Article[];
  sections: Section[];
  authors: Author[];
  mostViewed: MostViewedRail;
  /** `mostViewed` as the rail on every page shows it. */
  rail: TeaserRail;
  /** Section id -> its published stories, newest first (sections without stories are absent). */
  articlesBySection: Map<string, Article[]>;
  /** Author id -> their published stories, newest first (authors without stories are absent). */
  articlesByAuthor: Map<string, Article[]>;
  /** Every tag of a published story, by display name, each with its stories newest first. */
  tags: Tag[];
  /** Tag slug -> the tag. */
  tagsBySlug: Map<string, Tag>;
  /** Article id -> its related stories, best first. */
  relatedByArticleId: Map<string, Article[]>;
  /** Lead, top stories and section blocks of the front page. */
  frontPage: FrontPage<Article, Section>;
  /** Stories per section, author and tag page in this build. */
  listPageSize: number;
  /** Old story addresses (`aliases`) and where they lead, checked against every page path. */
  redirects: Redirect[];
}

export type Tag = TagSummary<Article>;

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

  const problems: string[] = [];
  for (const entry of sectionEntries) {
    const reserved = addressProblems.sectionId(entry.id);
    if (reserved) problems.push(`${entry.filePath ?? entry.id}: ${reserved}`);
  }
  const sections = sectionEntries
    .map((s): Section => ({ id: s.id, name: s.data.name, description: s.data.description }))
    .sort((a, b) => a.name.localeCompare(b.name, 'en'));
  const authors = authorEntries
    .map((a): Author => ({ id: a.id, name: a.data.name, role: a.data.role, bio: a.data.bio, photo: a.data.photo }))
    .sort((a, b) => a.name.localeCompare(b.name, 'en'));
  const sectionById = new Map(sections.map((s) => [s.id, s]));
  const authorById = new Map(authors.map((a) => [a.id, a]));

  const preview = isPreview();
  const articles: Article[] = [];
  const previews: Article[] = [];
  for (const entry of entries) {
    const status = publicationStatus(entry.data, now);
    if (status !== 'published' && !preview) continue;
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
    const reservedSlug = addressProblems.articleSlug(slug, section.id);
    if (reservedSlug) {
      problems.push(`${file}: ${reservedSlug}`);
      continue;
    }
    const tagLinks: Article['tagLinks'] = [];
    for (const tag of entry.data.tags) {
      const tagSlug = slugify(tag);
      if (tagSlug) tagLinks.push({ name: tag, slug: tagSlug, path: tagPath(tagSlug) });
      else problems.push(`${file}: tags: ${addressProblems.tag(tag)}`);
    }
    const path = articlePath(section.id, slug);
    // The loader stored the body excerpt for every story without a dek (bodies are not kept).
    const excerpt = entry.data.dek ?? storedBodyExcerpt(entry.data) ?? '';
    const teaser: Teaser = {
      path,
      title: entry.data.title,
      excerpt,
      section: { id: section.id, name: section.name },
      authorNames: authorList.map((a) => a.name),
      byline: entry.data.byline,
      published: entry.data.published,
      image: entry.data.hero?.src,
    };
    (status === 'published' ? articles : previews).push({
      id: entry.id,
      slug,
      path,
      title: entry.data.title,
      dek: entry.data.dek,
      excerpt,
      section,
      authors: authorList,
      byline: entry.data.byline,
      dateline: entry.data.dateline,
      published: entry.data.published,
      updated: entry.data.updated,
      hero: entry.data.hero,
      tags: entry.data.tags,
      tagLinks,
      pin: entry.data.pin,
      aliases: entry.data.aliases,
      corrections: entry.data.corrections,
      status,
      entry,
      teaser,
    });
  }
  if (problems.length) throw new EditorError(`Content has ${problems.length} problem(s):\n${problems.join('\n')}`);
  articles.sort(byNewest);

  const views = analytics.find((e) => e.id === 'pageviews')?.data.views;
  const { size } = siteConfig.mostViewed;
  const mostViewed: MostViewedRail = views
    ? { kind: 'views', items: rankMostViewed(articles, views, size) }
    : { kind: 'latest', items: articles.slice(0, size).map((article) => ({ article })) };
  const rail: TeaserRail = {
    kind: mostViewed.kind,
    items: mostViewed.items.map(({ article: { path, title, excerpt } }) => ({ path, title, excerpt })),
  };

  const { articlesBySection, articlesByAuthor, tags, tagsBySlug } = indexArticles(articles, siteConfig.locale);
  const relatedOptions = { limit: siteConfig.relatedStories, candidatesPerList: siteConfig.relatedStories * 10 };
  const related = relatedRanker({ articlesBySection, tagsBySlug }, relatedOptions);
  const relatedByArticleId = new Map(articles.map((article) => [article.id, related(article)]));
  const frontPage = frontPageLayout(articles, sections, articlesBySection, siteConfig.frontPage);
  const listPageSize = pageSizeOverride() ?? siteConfig.listPageSize;
  const redirects = checkedRedirects(articles, sections, authors, tags);
  publishSitemapFacts({ lastModified: lastChangeByPath(articles), redirectPaths: new Set(redirects.map((r) => r.from)) });

  return {
    now,
    articles,
    previews,
    sections,
    authors,
    mostViewed,
    rail,
    articlesBySection,
    articlesByAuthor,
    tags,
    tagsBySlug,
    relatedByArticleId,
    frontPage,
    listPageSize,
    redirects,
  };
}

/** Every alias becomes a redirect, unless it would hide a page of the site: then the build stops. */
function checkedRedirects(articles: Article[], sections: Section[], authors: Author[], tags: Tag[]): Redirect[] {
  const sitePaths = new Map<string, string>([
    ['/', 'the front page'],
    [searchPath, 'the search page'],
    ['/authors/', 'the authors page'],
    [TAGS_INDEX_PATH, 'the index of topics'],
  ]);
  for (const t of tags) sitePaths.set(t.path, `the topic page "${t.name}"`);
  for (const s of sections) sitePaths.set(sectionPath(s.id), `the section page "${s.name}"`);
  for (const a of authors) sitePaths.set(authorPath(a.id), `the author page of ${a.name}`);
  for (const a of articles) sitePaths.set(a.path, `the story "${a.title}" (${a.entry.filePath ?? a.id})`);
  const { redirects, problems } = planRedirects(
    articles.map((a) => ({ path: a.path, aliases: a.aliases, file: a.entry.filePath ?? a.id })),
    sitePaths,
  );
  if (problems.length) throw new EditorError(`Content has ${problems.length} problem(s) with aliases:\n${problems.join('\n')}`);
  return redirects;
}
