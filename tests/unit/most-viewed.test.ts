import { describe, expect, it } from 'vitest';
import { rankMostViewed, viewsInWindow, type RankableArticle } from '../../src/lib/most-viewed.ts';
import type { PageviewRow } from '../../src/lib/pageviews.ts';

function article(path: string, published: string, title = path, aliases: string[] = []): RankableArticle {
  return { path, aliases, published: new Date(published), title };
}

const a = article('/news/a/', '2024-03-01T00:00:00Z', 'Alpha');
const b = article('/news/b/', '2024-03-02T00:00:00Z', 'Bravo');
const c = article('/news/c/', '2024-03-03T00:00:00Z', 'Charlie', ['/old/charlie/']);
const options = { windowDays: 7, size: 6 };

/** As the site ranks them: the rows summed over the window (as the content store keeps them), then ranked. */
function rank<A extends RankableArticle>(articles: A[], rows: PageviewRow[], { windowDays, size }: typeof options) {
  return rankMostViewed(articles, viewsInWindow(rows, windowDays), size);
}

describe('rankMostViewed', () => {
  it('ranks articles by the sum of their views, most first', () => {
    const rows: PageviewRow[] = [
      { date: '2024-03-10', path: '/news/a/', views: 5 },
      { date: '2024-03-10', path: '/news/b/', views: 3 },
      { date: '2024-03-11', path: '/news/b/', views: 4 },
    ];
    expect(rank([a, b, c], rows, options)).toEqual([
      { article: b, views: 7 },
      { article: a, views: 5 },
    ]);
  });

  it('counts only the window of days ending at the newest date in the rows', () => {
    const rows: PageviewRow[] = [
      { date: '2024-03-04', path: '/news/a/', views: 1000 }, // 8 days before the newest date
      { date: '2024-03-05', path: '/news/b/', views: 10 }, // first day of the window
      { date: '2024-03-11', path: '/news/c/', views: 1 },
    ];
    expect(rank([a, b, c], rows, options).map((r) => r.article.title)).toEqual(['Bravo', 'Charlie']);
    expect(rank([a, b, c], rows, { windowDays: 1, size: 6 }).map((r) => r.article.title)).toEqual(['Charlie']);
  });

  it('returns at most the configured number of articles', () => {
    const rows: PageviewRow[] = [a, b, c].map((x, i) => ({ date: '2024-03-10', path: x.path, views: i + 1 }));
    expect(rank([a, b, c], rows, { windowDays: 7, size: 2 }).map((r) => r.article.title)).toEqual(['Charlie', 'Bravo']);
  });

  it('counts views of an alias for the article that now lives elsewhere', () => {
    const rows: PageviewRow[] = [
      { date: '2024-03-10', path: '/old/charlie/', views: 6 },
      { date: '2024-03-10', path: '/news/c/', views: 1 },
      { date: '2024-03-10', path: '/news/a/', views: 5 },
    ];
    expect(rank([a, b, c], rows, options)).toEqual([
      { article: c, views: 7 },
      { article: a, views: 5 },
    ]);
  });

  it('matches paths without a trailing slash, with query strings or as full URLs', () => {
    const rows: PageviewRow[] = [
      { date: '2024-03-10', path: '/news/a', views: 1 },
      { date: '2024-03-10', path: '/news/a/?utm_source=x', views: 2 },
      { date: '2024-03-10', path: 'https://example.com/News/A/#top', views: 3 },
    ];
    expect(rank([a], rows, options)).toEqual([{ article: a, views: 6 }]);
  });

  it('ignores paths that are not published articles', () => {
    const rows: PageviewRow[] = [
      { date: '2024-03-10', path: '/', views: 9999 },
      { date: '2024-03-10', path: '/news/embargoed/', views: 9999 },
      { date: '2024-03-10', path: '/news/a/', views: 1 },
    ];
    expect(rank([a], rows, options)).toEqual([{ article: a, views: 1 }]);
  });

  it('ranks ties by the newer article', () => {
    const rows: PageviewRow[] = [
      { date: '2024-03-10', path: '/news/a/', views: 5 },
      { date: '2024-03-10', path: '/news/c/', views: 5 },
    ];
    expect(rank([a, c], rows, options).map((r) => r.article.title)).toEqual(['Charlie', 'Alpha']);
  });

  it('ranks ties between articles published at the same time by headline', () => {
    const x = article('/news/x/', '2024-03-01T00:00:00Z', 'Zulu');
    const y = article('/news/y/', '2024-03-01T00:00:00Z', 'Yankee');
    const rows: PageviewRow[] = [
      { date: '2024-03-10', path: '/news/x/', views: 5 },
      { date: '2024-03-10', path: '/news/y/', views: 5 },
    ];
    expect(rank([x, y], rows, options).map((r) => r.article.title)).toEqual(['Yankee', 'Zulu']);
  });

  it('matches views kept under a path spelled another way', () => {
    // Sums a build before a change to normalizePath() left in the content store.
    expect(rankMostViewed([a], [{ path: '/news/a', views: 4 }], 6)).toEqual([{ article: a, views: 4 }]);
  });

  it('leaves out articles with no views and returns nothing without rows', () => {
    expect(rank([a, b], [{ date: '2024-03-10', path: '/news/a/', views: 0 }], options)).toEqual([]);
    expect(rank([a, b], [], options)).toEqual([]);
  });
});

describe('viewsInWindow', () => {
  it('sums the views of each path, however it is spelled, over the window ending at the newest date', () => {
    const rows: PageviewRow[] = [
      { date: '2024-03-04', path: '/news/a/', views: 1000 }, // 8 days before the newest date
      { date: '2024-03-05', path: '/news/a', views: 2 },
      { date: '2024-03-09', path: '/news/a/?utm_source=x', views: 3 },
      { date: '2024-03-11', path: '/', views: 9 },
      { date: '2024-03-11', path: '/old/charlie/', views: 1 },
    ];
    expect(viewsInWindow(rows, 7)).toEqual([
      { path: '/news/a/', views: 5 },
      { path: '/', views: 9 },
      { path: '/old/charlie/', views: 1 },
    ]);
    expect(viewsInWindow(rows, 1)).toEqual([
      { path: '/', views: 9 },
      { path: '/old/charlie/', views: 1 },
    ]);
  });

  it('is empty without rows or without a window', () => {
    expect(viewsInWindow([], 7)).toEqual([]);
    expect(viewsInWindow([{ date: '2024-03-10', path: '/news/a/', views: 1 }], 0)).toEqual([]);
  });
});
