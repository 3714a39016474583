/**
 * "Related stories" under an article: stories that share its tags and its section. Candidates come
 * from the site index (tag -> stories, section -> stories, newest first), never from a scan of
 * every story, and only the newest `candidatesPerList` of each list are looked at, so a tag on
 * half the site costs the same as a rare one.
 */
import { byNewest } from './publishing.ts';
import { slugify } from './urls.ts';

export interface RelatableArticle {
  id: string;
  title: string;
  published: Date;
  section: { id: string };
  tags: readonly string[];
}

export interface RelatedIndex<A> {
  articlesBySection: ReadonlyMap<string, readonly A[]>;
  tagsBySlug: ReadonlyMap<string, { articles: readonly A[] }>;
}

export interface RelatedOptions {
  /** How many related stories to return. */
  limit: number;
  /** How many of the newest stories of each shared tag and of the section are considered. */
  candidatesPerList: number;
}

/** A shared tag says more about a story than a shared section, so it weighs more. */
const TAG_WEIGHT = 2;
const SECTION_WEIGHT = 1;

/**
 * Up to `limit` stories related to `article`, best first: most shared tags (each worth two
 * points) plus one point for the same section, then newest first. Never the article itself.
 */
export function relatedArticles<A extends RelatableArticle>(article: A, index: RelatedIndex<A>, options: RelatedOptions): A[] {
  const scores = new Map<A, number>();
  const add = (list: readonly A[] | undefined, weight: number) => {
    if (!list) return;
    for (const candidate of list.slice(0, options.candidatesPerList)) {
      if (candidate.id === article.id) continue;
      scores.set(candidate, (scores.get(candidate) ?? 0) + weight);
    }
  };
  for (const slug of new Set(article.tags.map(slugify))) {
    if (slug) add(index.tagsBySlug.get(slug)?.articles, TAG_WEIGHT);
  }
  add(index.articlesBySection.get(article.section.id), SECTION_WEIGHT);
  return [...scores]
    .sort(([a, scoreA], [b, scoreB]) => scoreB - scoreA || byNewest(a, b))
    .slice(0, options.limit)
    .map(([candidate]) => candidate);
}
