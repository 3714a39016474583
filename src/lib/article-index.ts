/**
 * The site-wide lists every page around the articles is cut from: stories by section, by author
 * and by tag. Built in one pass over the published stories, once per build, so a section, author
 * or tag page (and related stories) never scans the whole site.
 */
import { tagPath, slugify } from './urls.ts';

/** What the index needs to know of a story. */
export interface IndexableArticle {
  section: { id: string };
  authors: readonly { id: string }[];
  tags: readonly string[];
}

export interface TagSummary<A> {
  /** URL-safe form of the tag, from `slugify`: `human-trafficking`. */
  slug: string;
  /** The tag as editors write it: "human trafficking". When spellings differ, the most used one. */
  name: string;
  /** `/tags/<slug>/`. */
  path: string;
  /** Its stories, in the order they were given (newest first). */
  articles: A[];
}

export interface ArticleIndex<A> {
  /** Section id -> its stories, newest first. Sections without stories are absent. */
  articlesBySection: Map<string, A[]>;
  /** Author id -> their stories, newest first. Authors without stories are absent. */
  articlesByAuthor: Map<string, A[]>;
  /** Every tag used by a published story, by display name. */
  tags: TagSummary<A>[];
  /** Tag slug -> the tag. */
  tagsBySlug: Map<string, TagSummary<A>>;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * Indexes `articles`, which must already be newest first: every list keeps that order. Tags that
 * differ only in case, accents or punctuation ("Human Trafficking", "human trafficking") are one tag;
 * a tag with nothing usable in a URL (empty slug) is left out here and reported by the caller.
 */
export function indexArticles<A extends IndexableArticle>(articles: readonly A[], locale = 'en'): ArticleIndex<A> {
  const articlesBySection = new Map<string, A[]>();
  const articlesByAuthor = new Map<string, A[]>();
  const tagArticles = new Map<string, A[]>();
  // slug -> spelling -> uses; the first spelling seen (the newest story's) wins a tie.
  const spellings = new Map<string, Map<string, number>>();

  for (const article of articles) {
    push(articlesBySection, article.section.id, article);
    for (const author of new Set(article.authors.map((a) => a.id))) push(articlesByAuthor, author, article);
    const seen = new Set<string>();
    for (const tag of article.tags) {
      const slug = slugify(tag);
      if (!slug) continue;
      const counts = spellings.get(slug) ?? new Map<string, number>();
      spellings.set(slug, counts);
      counts.set(tag, (counts.get(tag) ?? 0) + 1);
      if (seen.has(slug)) continue;
      seen.add(slug);
      push(tagArticles, slug, article);
    }
  }

  const tags = [...tagArticles].map(([slug, list]): TagSummary<A> => {
    let name = '';
    let best = 0;
    for (const [spelling, uses] of spellings.get(slug)!) {
      if (uses > best) [name, best] = [spelling, uses];
    }
    return { slug, name, path: tagPath(slug), articles: list };
  });
  tags.sort((a, b) => a.name.localeCompare(b.name, locale) || a.slug.localeCompare(b.slug));
  return { articlesBySection, articlesByAuthor, tags, tagsBySlug: new Map(tags.map((t) => [t.slug, t])) };
}
