import { describe, expect, it } from 'vitest';
import { planSearchBundles, searchShardCount, searchShardOf } from '../../src/lib/search-shards.ts';

describe('search shards', () => {
  it('uses one index up to the shard size and one more for each size beyond', () => {
    expect(searchShardCount(0, 5000)).toBe(1);
    expect(searchShardCount(5000, 5000)).toBe(1);
    expect(searchShardCount(5001, 5000)).toBe(2);
    expect(searchShardCount(100_000, 5000)).toBe(20);
  });

  it('puts a story in the same index every time, whatever else the site holds', () => {
    expect(searchShardOf('/national/a-story/', 4)).toBe(searchShardOf('/national/a-story/', 4));
    expect(searchShardOf('/national/a-story/', 1)).toBe(0);
  });

  it('spreads stories evenly enough that no index is much over the shard size', () => {
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 20_000; i++) counts[searchShardOf(`/section-${i % 12}/story-${i}/`, 4)]!++;
    for (const count of counts) expect(Math.abs(count - 5000)).toBeLessThan(250);
  });

  it('serves the first index at /pagefind/ with the UI, the others inside it, and leaves out empty ones', () => {
    const paths = Array.from({ length: 10 }, (_, i) => `/news/story-${i}/`);
    const bundles = planSearchBundles(paths, 3);
    expect(bundles[0]!.bundlePath).toBe('/pagefind/');
    for (const bundle of bundles.slice(1)) expect(bundle.bundlePath).toBe(`/pagefind/shard-${bundle.shard}/`);
    expect(bundles.map((b) => b.paths.length).every((n) => n > 0)).toBe(true);
    expect(bundles.flatMap((b) => b.paths).sort()).toEqual([...paths].sort());
    for (const bundle of bundles) for (const p of bundle.paths) expect(searchShardOf(p, 4)).toBe(bundle.shard);
  });

  it('plans no index for a site without stories', () => {
    expect(planSearchBundles([], 5000)).toEqual([]);
  });
});
