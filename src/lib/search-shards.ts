/**
 * How stories are split between search indexes (pure; see `search.shardSize` in site.config.ts).
 * A story's index follows from its URL path and the number of stories alone, so the search page
 * (which merges the indexes) and the indexer (which sees only built files) agree without sharing
 * state, and an edited story changes one index only.
 */

/** How many indexes `stories` stories are split between. */
export function searchShardCount(stories: number, shardSize: number): number {
  return Math.max(1, Math.ceil(stories / shardSize));
}

/** The index a story's page belongs to: FNV-1a of its URL path, modulo the count. */
export function searchShardOf(urlPath: string, count: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < urlPath.length; i++) {
    hash ^= urlPath.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % count;
}

export interface SearchBundle {
  shard: number;
  /** Where the index is served: the first at /pagefind/ (with Pagefind's UI), the others inside it. */
  bundlePath: string;
  /** The stories' URL paths, in the order given. */
  paths: string[];
}

/**
 * The indexes for these stories, the first one first. An index no story falls in (possible when
 * there are few stories per index) is left out rather than written empty.
 */
export function planSearchBundles(urlPaths: readonly string[], shardSize: number): SearchBundle[] {
  const count = searchShardCount(urlPaths.length, shardSize);
  const byShard = new Map<number, string[]>();
  for (const urlPath of urlPaths) {
    const shard = searchShardOf(urlPath, count);
    const paths = byShard.get(shard);
    if (paths) paths.push(urlPath);
    else byShard.set(shard, [urlPath]);
  }
  return [...byShard.keys()]
    .sort((a, b) => a - b)
    .map((shard, i) => ({ shard, bundlePath: i === 0 ? '/pagefind/' : `/pagefind/shard-${shard}/`, paths: byShard.get(shard)! }));
}
