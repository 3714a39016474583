/**
 * How stories are split between search indexes (pure; see `search.shardSize` in site.config.ts).
 *
 * In order of publication, oldest first, `shardSize` stories to an index: a new story goes into
 * the newest index (or starts one), so the archive's indexes stay as they are while it grows, and
 * an edit changes the index of the edited story only. (Split by a hash of the URL, as before, a
 * story added when the count of indexes grew moved nearly every story to another index, and every
 * index was written again.) A story withdrawn, or published with an earlier date, moves the stories
 * after it by one: the indexes from its own to the newest are written again.
 *
 * The search page needs only the number of indexes, which follows from the number of stories, so
 * it and the indexer (which sees only built files) agree without sharing state.
 */

/** How many indexes `stories` stories are split between. */
export function searchShardCount(stories: number, shardSize: number): number {
  return Math.max(1, Math.ceil(stories / shardSize));
}

/** Where an index is served: the first at /pagefind/ (with Pagefind's UI), the others inside it. */
export function searchBundlePath(shard: number): string {
  return shard === 0 ? '/pagefind/' : `/pagefind/shard-${shard}/`;
}

/** The indexes the search page merges into the first, for a site of `stories` stories. */
export function mergedBundlePaths(stories: number, shardSize: number): string[] {
  return Array.from({ length: searchShardCount(stories, shardSize) - 1 }, (_, i) => searchBundlePath(i + 1));
}

export interface SearchStory {
  /** The story's URL path. */
  path: string;
  /** When it was first published (milliseconds since 1970); undefined sorts after every date. */
  published: number | undefined;
}

export interface SearchBundle {
  shard: number;
  bundlePath: string;
  /** The stories' URL paths, oldest first. */
  paths: string[];
}

/** The indexes for these stories, oldest first; none for a site without stories. */
export function planSearchBundles(stories: readonly SearchStory[], shardSize: number): SearchBundle[] {
  const order = (story: SearchStory) => story.published ?? Number.POSITIVE_INFINITY;
  const sorted = [...stories].sort((a, b) => order(a) - order(b) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const bundles: SearchBundle[] = [];
  for (let start = 0; start < sorted.length; start += shardSize) {
    const shard = bundles.length;
    bundles.push({ shard, bundlePath: searchBundlePath(shard), paths: sorted.slice(start, start + shardSize).map((story) => story.path) });
  }
  return bundles;
}
