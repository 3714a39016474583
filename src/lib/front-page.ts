/**
 * What the front page shows: a lead story, the top stories under it and a block per section.
 * Editors order the top of the page with `pin` (1 is the lead); everything else is newest first.
 */
import { byNewest } from './publishing.ts';

export interface FrontPageArticle {
  id: string;
  title: string;
  published: Date;
  /** Front-page position the editors gave the story: 1 is the lead. */
  pin?: number | undefined;
}

export interface SectionBlock<A, S> {
  section: S;
  articles: A[];
}

export interface FrontPage<A, S> {
  /** The first story: pinned 1 (or the lowest pin), else the newest. Absent on an empty site. */
  lead?: A | undefined;
  /** The stories after the lead, in the same order. */
  topStories: A[];
  /** Per section (in the order given), its newest stories not already shown above. Empty sections are left out. */
  sectionBlocks: SectionBlock<A, S>[];
}

export interface FrontPageOptions {
  /** Top stories after the lead. */
  topStories: number;
  /** Stories in each section block. */
  storiesPerSection: number;
}

/** Pinned stories by pin (equal pins: newer first), then the rest newest first. */
export function frontPageOrder<A extends FrontPageArticle>(newestFirst: readonly A[], count: number): A[] {
  const pinned = newestFirst.filter((a) => a.pin !== undefined).sort((a, b) => a.pin! - b.pin! || byNewest(a, b));
  const order = pinned.slice(0, count);
  for (const article of newestFirst) {
    if (order.length >= count) break;
    if (article.pin === undefined) order.push(article);
  }
  return order;
}

/**
 * Lays out the front page from the stories (newest first) and each section's stories (newest
 * first). Each section block walks only its own list until it has enough stories.
 */
export function frontPageLayout<A extends FrontPageArticle, S extends { id: string }>(
  newestFirst: readonly A[],
  sections: readonly S[],
  articlesBySection: ReadonlyMap<string, readonly A[]>,
  options: FrontPageOptions,
): FrontPage<A, S> {
  const [lead, ...topStories] = frontPageOrder(newestFirst, 1 + options.topStories);
  const shown = new Set<string>([lead, ...topStories].filter((a) => a !== undefined).map((a) => a.id));
  const sectionBlocks: SectionBlock<A, S>[] = [];
  for (const section of sections) {
    const articles: A[] = [];
    for (const article of articlesBySection.get(section.id) ?? []) {
      if (articles.length >= options.storiesPerSection) break;
      if (!shown.has(article.id)) articles.push(article);
    }
    if (articles.length) sectionBlocks.push({ section, articles });
  }
  return { lead, topStories, sectionBlocks };
}
