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
 * For many articles of one index, relatedRanker() does the same work once.
 */
export function relatedArticles<A extends RelatableArticle>(article: A, index: RelatedIndex<A>, options: RelatedOptions): A[] {
  return relatedRanker(index, options)(article);
}

/**
 * relatedArticles() for every article of a build: each list's candidates are numbered once, and the
 * scores are kept in arrays by number instead of a Map per article (at 10,000 stories, 1.2 million
 * Map updates were 0.3 s of getStaticPaths()).
 */
export function relatedRanker<A extends RelatableArticle>(index: RelatedIndex<A>, options: RelatedOptions): (article: A) => A[] {
  const numbers = new Map<A, number>();
  const candidates: A[] = [];
  /** Each candidate's publication time, by number, for the ranking's ties. */
  const times: number[] = [];
  const numbered = new Map<readonly A[], Int32Array>();
  /** The numbers of the newest `candidatesPerList` stories of `list`. */
  const newest = (list: readonly A[]): Int32Array => {
    let known = numbered.get(list);
    if (!known) {
      known = Int32Array.from(list.slice(0, options.candidatesPerList), (candidate) => {
        let n = numbers.get(candidate);
        if (n === undefined) {
          n = candidates.push(candidate) - 1;
          times.push(candidate.published.getTime());
          numbers.set(candidate, n);
        }
        return n;
      });
      numbered.set(list, known);
    }
    return known;
  };
  const slugs = new Map<string, string>();
  let scores = new Int32Array(0);
  /** The article each score belongs to (its turn), so that no array is cleared between articles. */
  let turnOf = new Int32Array(0);
  let turn = 0;

  return (article) => {
    turn++;
    const lists: [Int32Array, number][] = [];
    const tagSlugs = new Set<string>();
    for (const tag of article.tags) {
      let slug = slugs.get(tag);
      if (slug === undefined) slugs.set(tag, (slug = slugify(tag)));
      tagSlugs.add(slug);
    }
    for (const slug of tagSlugs) {
      const list = slug ? index.tagsBySlug.get(slug)?.articles : undefined;
      if (list) lists.push([newest(list), TAG_WEIGHT]);
    }
    const section = index.articlesBySection.get(article.section.id);
    if (section) lists.push([newest(section), SECTION_WEIGHT]);
    if (scores.length < candidates.length) {
      // Turns start at 1: a new array's zeros belong to no article.
      scores = new Int32Array(candidates.length * 2);
      turnOf = new Int32Array(candidates.length * 2);
    }
    // In the order first scored, as a Map of the scores would iterate them.
    const scored: number[] = [];
    for (const [list, weight] of lists) {
      for (const n of list) {
        if (candidates[n]!.id === article.id) continue;
        if (turnOf[n] !== turn) {
          turnOf[n] = turn;
          scores[n] = 0;
          scored.push(n);
        }
        scores[n] = scores[n]! + weight;
      }
    }
    // The first `limit` of the candidates sorted (stably) by score, then newest first (byNewest(),
    // with the times read once), without sorting them all.
    const before = (a: number, b: number) => scores[b]! - scores[a]! || times[b]! - times[a]! || byNewest(candidates[a]!, candidates[b]!);
    const best: number[] = [];
    for (const n of scored) {
      // After every one kept so far that does not come after it, as a stable sort would place it.
      let at = best.length;
      while (at > 0 && before(n, best[at - 1]!) < 0) at--;
      if (at >= options.limit) continue;
      best.splice(at, 0, n);
      if (best.length > options.limit) best.pop();
    }
    return best.map((n) => candidates[n]!);
  };
}
