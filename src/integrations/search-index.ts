/**
 * The Pagefind search index of a built site, split into shards and kept between builds.
 *
 * Why shards: Pagefind holds a whole index in memory while writing it, about 0.2 MB a story, so a
 * 10,000-story archive needed over 2 GB in one index and 100,000 would need over 20. Stories are
 * split in order of publication (src/lib/search-shards.ts) into indexes of at most `shardSize`,
 * indexed one after another, and the search page merges them in the browser (Pagefind's
 * mergeIndex).
 *
 * Why a cache: an index is a pure function of what Pagefind reads of its pages, and after an edit
 * or a new story every index but one reads the same. Each index's files are kept under the build
 * cache by a hash of those parts of its pages (src/lib/search-key.ts; and Pagefind's version and
 * the language), and hard-linked back when nothing in it changed.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, linkSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as pagefind from 'pagefind';
import { urlPathOfFile } from '../lib/changed-paths.ts';
import { builtPages, type BuiltPage } from './dist-files.ts';
import { publishedTime, SEARCH_KEY_CODE, searchContent } from '../lib/search-key.ts';
import { planSearchBundles, type SearchBundle } from '../lib/search-shards.ts';

export interface SearchIndexOptions {
  /** The language every page is indexed in (Pagefind's forceLanguage). */
  language: string;
  /** Stories per index at most. */
  shardSize: number;
  /** A folder to keep each shard's index in between builds; none, no reuse. */
  cacheDir?: string | undefined;
  /** The site's pages, when the caller has read them already (builtPages). */
  pages?: ReadonlyMap<string, BuiltPage> | undefined;
  /**
   * What to do with a folder no build needs any more: a cached index no build uses, or the folder
   * of page links an index was made from (5,000 stories' files each, about half a second of
   * unlinking): deleted at once unless the caller has a better place (the build wrapper moves it
   * aside for the process that deletes the previous dist/ after the build).
   */
  discard?: ((dir: string) => void) | undefined;
}

export interface SearchIndexResult {
  /** Pages indexed (those with data-pagefind-body: the stories). */
  pages: number;
  shards: number;
  /** Shards copied from the cache instead of indexed again. */
  reused: number;
}

/** Pagefind's version, for the cache key (its package exports no package.json to import). */
function pagefindVersion(): string {
  const file = path.join(process.cwd(), 'node_modules', 'pagefind', 'package.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version : 'unknown';
}

/** Puts `source` at `target` as a hard link, or a copy across file systems. */
function linkOrCopy(source: string, target: string): void {
  try {
    linkSync(source, target);
  } catch {
    copyFileSync(source, target);
  }
}

/** A folder holding just these pages of `distDir`, hard-linked (copied across file systems). */
function shardFolder(distDir: string, files: string[], folder: string): void {
  rmSync(folder, { recursive: true, force: true });
  // One mkdir per folder: a story is a folder of its own, and a recursive mkdir per file was a
  // second of an edit's rebuild at 5,000 stories a shard.
  const made = new Set<string>();
  for (const file of files) {
    const target = path.join(folder, file);
    const dir = path.dirname(target);
    if (!made.has(dir)) {
      mkdirSync(dir, { recursive: true });
      made.add(dir);
    }
    linkOrCopy(path.join(distDir, file), target);
  }
}

/**
 * Puts every file under `from` at the same place under `to`, hard-linked: a shard's index is
 * thousands of small files, copied from the cache after every build and into it after an edit.
 * The cache's files are never written again once saved (a new index gets a new folder), so the
 * links cannot change under dist/. `skip` leaves out subfolders.
 */
function linkTree(from: string, to: string, skip: (relative: string) => boolean = () => false): void {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    if (skip(entry.name)) continue;
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    if (entry.isDirectory()) linkTree(source, target);
    else linkOrCopy(source, target);
  }
}

/** Indexes the pages in `pagesDir` (none: an empty index, so a site without stories still has a search page that works). */
async function indexShard(pagesDir: string | undefined, outputPath: string, language: string): Promise<void> {
  const { index, errors } = await pagefind.createIndex({ forceLanguage: language });
  if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
  try {
    const added = pagesDir ? await index.addDirectory({ path: pagesDir }) : { errors: [] };
    if (added.errors.length) throw new Error(`Pagefind could not index the site: ${added.errors.join('; ')}`);
    const written = await index.writeFiles({ outputPath });
    if (written.errors.length) throw new Error(`Pagefind could not write its index: ${written.errors.join('; ')}`);
  } finally {
    // Ends Pagefind's process, and with it the memory this shard's index held.
    await pagefind.close();
  }
}

interface StoryFacts {
  /** A hash of what Pagefind reads of the page (src/lib/search-key.ts), or of the whole page. */
  key: string;
  /** When the story was first published (ms), null if the page does not say. */
  published: number | null;
}

/**
 * Each story page's search key and publication time, by the page's SHA-256, kept between builds
 * so that only new and changed pages are read again. Keyed also by the code that makes them.
 */
class StoryFactsCache {
  readonly #file: string | undefined;
  readonly #version = createHash('sha256').update(SEARCH_KEY_CODE).digest('hex');
  readonly #previous = new Map<string, StoryFacts>();
  readonly #next = new Map<string, StoryFacts>();

  constructor(file: string | undefined) {
    this.#file = file;
    if (!file || !existsSync(file)) return;
    try {
      const saved = JSON.parse(readFileSync(file, 'utf8')) as { version?: string; stories?: Record<string, StoryFacts> };
      if (saved.version === this.#version) for (const [hash, facts] of Object.entries(saved.stories ?? {})) this.#previous.set(hash, facts);
    } catch {
      // A damaged cache is only slower: every story page is read again.
    }
  }

  get(file: string, sha256: string): StoryFacts {
    let facts = this.#next.get(sha256) ?? this.#previous.get(sha256);
    if (!facts) {
      const html = readFileSync(file, 'utf8');
      const content = searchContent(html);
      facts = {
        key: content === undefined ? `page ${sha256}` : createHash('sha256').update(content).digest('hex'),
        published: publishedTime(html) ?? null,
      };
    }
    this.#next.set(sha256, facts);
    return facts;
  }

  /** Keeps this build's stories only. */
  save(): void {
    if (!this.#file) return;
    mkdirSync(path.dirname(this.#file), { recursive: true });
    writeFileSync(this.#file, JSON.stringify({ version: this.#version, stories: Object.fromEntries(this.#next) }));
  }
}

/** Writes /pagefind/ (and /pagefind/shard-N/ for a large site) into `distDir`. */
export async function writeSearchIndex(
  distDir: string,
  { language, shardSize, cacheDir, pages = builtPages(distDir), discard = (dir) => rmSync(dir, { recursive: true, force: true }) }: SearchIndexOptions,
): Promise<SearchIndexResult> {
  // The stories (the pages Pagefind indexes), with what the index reads of each.
  const factsCache = new StoryFactsCache(cacheDir && path.join(cacheDir, 'search-stories.json'));
  const factsOf = new Map(
    [...pages].filter(([, page]) => page.story).map(([file, page]) => [file, factsCache.get(path.join(distDir, file), page.sha256)]),
  );
  const stories = [...factsOf.keys()];
  const fileOfPath = new Map(stories.map((file) => [urlPathOfFile(file), file]));
  const bundles = planSearchBundles(
    stories.map((file) => ({ path: urlPathOfFile(file), published: factsOf.get(file)!.published ?? undefined })),
    shardSize,
  );
  checkSearchPage(distDir, bundles);

  const cacheRoot = cacheDir ? path.join(cacheDir, 'search') : undefined;
  const version = pagefindVersion();
  if (bundles.length === 0) {
    await indexShard(undefined, path.join(distDir, 'pagefind'), language);
    return { pages: 0, shards: 1, reused: 0 };
  }
  const used = new Set<string>();
  let reused = 0;
  const work = path.join(path.dirname(distDir), `.search-pages-${process.pid}`);
  try {
    // The first index is written first: it owns /pagefind/, the others live inside it.
    for (const { bundlePath, paths } of bundles) {
      const files = paths.map((urlPath) => fileOfPath.get(urlPath)!);
      const outputPath = path.join(distDir, ...bundlePath.split('/').filter(Boolean));
      const hash = createHash('sha256').update(`pagefind ${version}\0${language}\0`);
      for (const file of files) hash.update(`${file}\0${factsOf.get(file)!.key}\0`);
      const key = hash.digest('hex').slice(0, 32);
      used.add(key);
      const cached = cacheRoot && path.join(cacheRoot, key);
      if (cached && existsSync(cached)) {
        linkTree(cached, outputPath);
        reused++;
        continue;
      }
      if (existsSync(work)) discard(work);
      shardFolder(distDir, files, work);
      await indexShard(work, outputPath, language);
      if (cached) {
        const partial = `${cached}.partial-${process.pid}`;
        rmSync(partial, { recursive: true, force: true });
        linkTree(outputPath, partial, (name) => /^shard-\d+$/.test(name));
        renameSync(partial, cached);
      }
    }
  } finally {
    if (existsSync(work)) discard(work);
  }
  if (cacheRoot && existsSync(cacheRoot)) {
    for (const name of readdirSync(cacheRoot)) if (!used.has(name)) discard(path.join(cacheRoot, name));
  }
  factsCache.save();
  return { pages: stories.length, shards: bundles.length, reused };
}

/**
 * The search page merges the other indexes by their paths, worked out from its own list of
 * stories; a mismatch (a page marked as a story that the site data does not count as one) would
 * lose results without a word, so it stops the build instead.
 */
function checkSearchPage(distDir: string, bundles: SearchBundle[]): void {
  const file = path.join(distDir, 'search', 'index.html');
  if (!existsSync(file)) return;
  const merged = [...new Set(readFileSync(file, 'utf8').match(/\/pagefind\/shard-\d+\//g) ?? [])].sort();
  const written = bundles.slice(1).map(({ bundlePath }) => bundlePath).sort();
  if (merged.join() !== written.join()) {
    throw new Error(
      `The search page merges ${merged.length + 1} search index(es) but the build writes ${written.length + 1}: it counts the stories differently from the pages marked data-pagefind-body. Check src/pages/search/index.astro and the article page template.`,
    );
  }
}
