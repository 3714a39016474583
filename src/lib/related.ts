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
    for (let i = 0; i < Math.min(list.length, options.candidatesPerList); i++) {
      const candidate = list[i]!;
      if (candidate.id === article.id) continue;
      scores.set(candidate, (scores.get(candidate) ?? 0) + weight);
    }
  };
  for (const slug of new Set(article.tags.map(slugify))) {
    if (slug) add(index.tagsBySlug.get(slug)?.articles, TAG_WEIGHT);
  }
  add(index.articlesBySection.get(article.section.id), SECTION_WEIGHT);
  // The first `limit` of the candidates sorted (stably) by score, then newest first, without
  // sorting them all: every story of a 10,000-story build asks, for up to 50 candidates each.
  const before = ([a, scoreA]: [A, number], [b, scoreB]: [A, number]) => scoreB - scoreA || byNewest(a, b);
  const best: [A, number][] = [];
  for (const scored of scores) {
    // After every one kept so far that does not come after it, as a stable sort would place it.
    let at = best.length;
    while (at > 0 && before(scored, best[at - 1]!) < 0) at--;
    if (at >= options.limit) continue;
    best.splice(at, 0, scored);
    if (best.length > options.limit) best.pop();
  }
  return best.map(([candidate]) => candidate);
}
