import { describe, expect, it } from 'vitest';
import { mergedBundlePaths, planSearchBundles, searchShardCount, type SearchStory } from '../../src/lib/search-shards.ts';

const day = 86_400_000;
/** `count` stories, one a day from 1 January 2024, listed by path (not by date). */
function stories(count: number): SearchStory[] {
  const list = Array.from({ length: count }, (_, i) => ({ path: `/section-${i % 5}/story-${i}/`, published: Date.UTC(2024, 0, 1) + i * day }));
  return list.sort((a, b) => (a.path < b.path ? -1 : 1));
}

describe('search shards', () => {
  it('uses one index up to the shard size and one more for each size beyond', () => {
    expect(searchShardCount(0, 5000)).toBe(1);
    expect(searchShardCount(5000, 5000)).toBe(1);
    expect(searchShardCount(5001, 5000)).toBe(2);
    expect(searchShardCount(100_000, 5000)).toBe(20);
  });

  it('fills the indexes in order of publication, oldest first, the first at /pagefind/ with the UI', () => {
    const bundles = planSearchBundles(stories(10), 3);
    expect(bundles.map((b) => b.bundlePath)).toEqual(['/pagefind/', '/pagefind/shard-1/', '/pagefind/shard-2/', '/pagefind/shard-3/']);
    expect(bundles.map((b) => b.paths.length)).toEqual([3, 3, 3, 1]);
    const order = bundles.flatMap((b) => b.paths).map((p) => Number(/story-(\d+)/.exec(p)![1]));
    expect(order).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('leaves every index but the newest as it was when a story is published', () => {
    const before = planSearchBundles(stories(9), 3);
    const newest = { path: '/news/just-in/', published: Date.UTC(2030, 0, 1) };
    const after = planSearchBundles([...stories(9), newest], 3);
    expect(after.slice(0, 3)).toEqual(before);
    expect(after[3]!.paths).toEqual(['/news/just-in/']);
    // Not full yet: the next story joins it.
    const later = planSearchBundles([...stories(10), { path: '/news/later/', published: Date.UTC(2030, 0, 2) }], 3);
    expect(later.slice(0, 3)).toEqual(before);
  });

  it('puts stories without a date last and orders stories of the same moment by path', () => {
    const bundles = planSearchBundles(
      [
        { path: '/b/', published: undefined },
        { path: '/z/', published: 5 },
        { path: '/a/', published: 5 },
        { path: '/c/', published: 1 },
      ],
      10,
    );
    expect(bundles[0]!.paths).toEqual(['/c/', '/a/', '/z/', '/b/']);
  });

  it('plans as many indexes as the search page merges, and none for a site without stories', () => {
    for (const count of [1, 3, 4, 10, 12]) {
      const bundles = planSearchBundles(stories(count), 3);
      expect(bundles).toHaveLength(searchShardCount(count, 3));
      expect(mergedBundlePaths(count, 3)).toEqual(bundles.slice(1).map((b) => b.bundlePath));
    }
    expect(planSearchBundles([], 5000)).toEqual([]);
    expect(mergedBundlePaths(0, 5000)).toEqual([]);
  });
});
