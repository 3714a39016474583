import { addDays } from './dates.ts';
import type { PageviewRow } from './pageviews.ts';
import { normalizePath } from './urls.ts';

export interface RankableArticle {
  /** Current URL path, `/<section>/<slug>/`. */
  path: string;
  /** Old URL paths whose views count for this article too. */
  aliases: readonly string[];
  published: Date;
  title: string;
}

export interface MostViewedOptions {
  /** Days of views that count, ending at the newest date in the rows. */
  windowDays: number;
  /** How many articles to return at most. */
  size: number;
}

export interface RankedArticle<A> {
  article: A;
  views: number;
}

/**
 * Ranks published articles by page views in the window. Pass only articles a reader may see:
 * rows for any other path (embargoed stories, section fronts, old URLs of nothing) are ignored.
 * Ties go to the newer article, then by headline, so the rail is stable across builds.
 */
export function rankMostViewed<A extends RankableArticle>(
  articles: readonly A[],
  rows: readonly PageviewRow[],
  { windowDays, size }: MostViewedOptions,
): RankedArticle<A>[] {
  if (rows.length === 0 || size <= 0 || windowDays <= 0) return [];
  let newest = rows[0]!.date;
  for (const row of rows) if (row.date > newest) newest = row.date;
  const firstDay = addDays(newest, -(windowDays - 1));

  const byPath = new Map<string, A>();
  for (const article of articles) {
    byPath.set(normalizePath(article.path), article);
    for (const alias of article.aliases) byPath.set(normalizePath(alias), article);
  }

  const views = new Map<A, number>();
  for (const row of rows) {
    if (row.date < firstDay || row.date > newest) continue;
    const article = byPath.get(normalizePath(row.path));
    if (article) views.set(article, (views.get(article) ?? 0) + row.views);
  }

  return [...views]
    .filter(([, count]) => count > 0)
    .map(([article, count]) => ({ article, views: count }))
    .sort(
      (a, b) =>
        b.views - a.views ||
        b.article.published.getTime() - a.article.published.getTime() ||
        a.article.title.localeCompare(b.article.title, 'en'),
    )
    .slice(0, size);
}
