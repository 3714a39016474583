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
 * the language), and hard-linked back when nothing in it changed. An index made again shares the
 * files it has in common with the index its shard had in the last build (writeIndexFiles).
 *
 * What Pagefind reads: not the story pages but each story's search document (searchDocument() in
 * src/lib/search-key.ts, the parts of its page Pagefind reads, a quarter of the bytes; the same
 * index), kept in the build cache in one folder per index, at the page's path (SearchPages). An
 * edit writes one document, and its index is made from a folder that is already there: gathering
 * 5,000 pages into a folder of links for each index written was 1.6 to 1.9 s, and Pagefind
 * parsing the whole pages about 0.9 s more.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, linkSync, mkdirSync, readdirSync, readFileSync, renameSync, rmdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as pagefind from 'pagefind';
import type { IndexFile, PagefindIndex } from 'pagefind';
import { urlPathOfFile } from '../lib/changed-paths.ts';
import { builtPages, distFiles, type BuiltPage } from './dist-files.ts';
import { SEARCH_KEY_CODE, storySearch } from '../lib/search-key.ts';
import { planSearchBundles, type SearchBundle } from '../lib/search-shards.ts';

export interface SearchIndexOptions {
  /** The language every page is indexed in (Pagefind's forceLanguage). */
  language: string;
  /** Stories per index at most. */
  shardSize: number;
  /** A folder to keep each shard's index and search documents in between builds; none, no reuse. */
  cacheDir?: string | undefined;
  /** The site's pages, when the caller has read them already (builtPages). */
  pages?: ReadonlyMap<string, BuiltPage> | undefined;
  /**
   * What to do with a folder no build needs any more: a cached index no build uses, or (without a
   * cache) the search documents of this build: deleted at once unless the caller has a better place
   * (the build wrapper moves it aside for the process that deletes the previous dist/ after the build).
   */
  discard?: ((dir: string) => void) | undefined;
  /** The edited story's index, read while Astro rendered, if the build wrapper started one. */
  early?: EarlySearchIndex | undefined;
}

export interface SearchIndexResult {
  /** Pages indexed (those with data-pagefind-body: the stories). */
  pages: number;
  shards: number;
  /** Shards copied from the cache instead of indexed again. */
  reused: number;
  /** The edited story's index was read while Astro rendered (EarlySearchIndex), and used. */
  early?: boolean;
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

/**
 * Puts every file under `from` at the same place under `to`, hard-linked: a shard's index is
 * thousands of small files, copied from the cache after every build. The cache's files are never
 * written again once saved (a new index gets a new folder), so the links cannot change under dist/.
 */
function linkTree(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    if (entry.isDirectory()) linkTree(source, target);
    else linkOrCopy(source, target);
  }
}

/**
 * A new Pagefind index that has read the pages in `pagesDir` (none: an empty index, so a site
 * without stories still has a search page that works). `whileReading` runs once Pagefind has been
 * told to read the folder, while it does.
 */
async function readShard(pagesDir: string | undefined, language: string, whileReading?: () => void): Promise<PagefindIndex> {
  const { index, errors } = await pagefind.createIndex({ forceLanguage: language });
  if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
  const adding = pagesDir ? index.addDirectory({ path: pagesDir }) : Promise.resolve({ errors: [] as string[] });
  // Handled below; this only keeps a failure of `whileReading` from leaving it unhandled.
  adding.catch(() => {});
  whileReading?.();
  const added = await adding;
  if (added.errors.length) throw new Error(`Pagefind could not index the site: ${added.errors.join('; ')}`);
  return index;
}

/**
 * The files of an index that has read its pages, by their path in the bundle. Pagefind hands them
 * over (getFiles) instead of writing them (writeFiles), for writeIndexFiles() to write only the new ones.
 */
async function shardFiles(index: PagefindIndex): Promise<IndexFile[]> {
  const got = await index.getFiles();
  if (got.errors.length) throw new Error(`Pagefind could not make its index: ${got.errors.join('; ')}`);
  return got.files;
}

/** Indexes the pages in `pagesDir` (readShard()) and returns the index's files (shardFiles()). */
async function indexShard(pagesDir: string | undefined, language: string, whileReading?: () => void): Promise<IndexFile[]> {
  try {
    return await shardFiles(await readShard(pagesDir, language, whileReading));
  } finally {
    // Ends Pagefind's process, and with it the memory this shard's index held.
    await pagefind.close();
  }
}

/**
 * The files of the cached index in `entry`, by their path in the bundle; none when it is gone.
 */
function cachedIndexFiles(entry: string | undefined): Map<string, string> {
  if (!entry || !existsSync(entry)) return new Map();
  return new Map(distFiles(entry).map((inBundle) => [inBundle, path.join(entry, inBundle)]));
}

/**
 * Which cached index each shard had in the last build (`search-indexes.json` in the cache, the
 * folder names in order of shard): an index made again shares most of its files with the one its
 * shard had, and only that one is looked through (at 100,000 stories the cache holds 40 indexes).
 */
class LastIndexes {
  readonly #file: string | undefined;
  readonly #names: string[] = [];

  constructor(file: string | undefined) {
    this.#file = file;
    try {
      const saved: unknown = file && existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : [];
      // Only folder names as the cache makes them: the record cannot point outside the cache.
      if (Array.isArray(saved)) this.#names = saved.map((name) => (typeof name === 'string' && /^[0-9a-f]{32}$/.test(name) ? name : ''));
    } catch {
      // A damaged record: indexes made again are written whole.
    }
  }

  /** The folder name of the index `shard` had, if any. */
  of(shard: number): string | undefined {
    return this.#names[shard] || undefined;
  }

  save(names: string[]): void {
    if (this.#file) writeFileSync(this.#file, JSON.stringify(names));
  }
}

/**
 * Writes an index's files into `folder`, each hard-linked from `earlier` (the files of the
 * cached index its shard had, by path in the bundle) when a file there has the same path and bytes.
 *
 * Why: after an edit, all but a few of an index's 2,600 files are what the index before it had (a
 * fragment per story, named by a hash of its bytes; Pagefind's scripts). Written anew, each needs
 * a new inode, and the build before had just freed as many, the previous index's: on ext4 without
 * a journal, making an inode passes over every one freed in the last half minute, one by one.
 * Linked, the new index shares the old one's inodes, and deleting the old one frees only the files
 * that changed. Cached files are never written in place, so sharing them is safe. Measured on such
 * a disk for a 2,500-story index: Pagefind's own writeFiles took 3.4 to 4.6 s in edit builds;
 * handing the files over (getFiles) takes about 2 s, and writing the 7 that changed and linking the
 * rest 0.1 s.
 */
function writeIndexFiles(files: readonly IndexFile[], folder: string, earlier: ReadonlyMap<string, string>): void {
  for (const dir of new Set(files.map((file) => path.dirname(path.join(folder, file.path))))) mkdirSync(dir, { recursive: true });
  for (const { path: inBundle, content } of files) {
    const target = path.join(folder, inBundle);
    const before = earlier.get(inBundle);
    if (before && sameBytes(before, content)) {
      linkOrCopy(before, target);
      continue;
    }
    writeFileSync(target, content);
  }
}

/** Whether the file at `file` holds exactly `content`. */
function sameBytes(file: string, content: Uint8Array): boolean {
  try {
    return statSync(file).size === content.byteLength && readFileSync(file).equals(content);
  } catch {
    return false;
  }
}

interface StoryFacts {
  /**
   * A hash of what Pagefind reads of the page (src/lib/search-key.ts); `page <SHA-256>` for a page
   * the key's scan cannot read, whose search document is the whole page.
   */
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

  /** The pages (by SHA-256) whose facts an earlier build saved. */
  known(): Set<string> {
    return new Set(this.#previous.keys());
  }

  /**
   * The facts of the story page `page` at `file`, and its search document when it is needed: when
   * no earlier build knew the page, or when `placed(key)` says its document is missing. Taken from
   * the page's own `search` when builtPages() read it (and deleted there), else read here.
   */
  get(file: string, page: BuiltPage, placed: (key: string) => boolean): { facts: StoryFacts; document?: string } {
    const read = page.search;
    delete page.search;
    const known = this.#next.get(page.sha256) ?? this.#previous.get(page.sha256);
    if (known && placed(known.key)) {
      this.#next.set(page.sha256, known);
      return { facts: known };
    }
    const { key, published, document } = read ?? storySearch(readFileSync(file, 'utf8'), page.sha256);
    this.#next.set(page.sha256, { key, published });
    return { facts: { key, published }, document };
  }

  /** Keeps this build's stories only. */
  save(): void {
    if (!this.#file) return;
    mkdirSync(path.dirname(this.#file), { recursive: true });
    writeFileSync(this.#file, JSON.stringify({ version: this.#version, stories: Object.fromEntries(this.#next) }));
  }
}

/** Where a story's search document is, and which one. */
interface Placed {
  shard: number;
  /** The story's search key; '' for a document not to be trusted (being replaced, moved or deleted). */
  key: string;
  /** Its length in bytes: a document cut short (a build stopped mid-write) is not trusted. */
  size: number;
}

/**
 * The stories' search documents, one folder per index (`shard-N/`), each document at its story
 * page's path so that Pagefind gives it the page's URL, and a record (`placed.json`) of which
 * document each file is. A build writes the documents of new and changed stories, moves those of
 * stories another index now holds, and deletes those of stories gone; the rest stay where they are.
 * Every file in the folders is on the record, so a story is never indexed twice.
 */
class SearchPages {
  readonly #root: string;
  readonly #record: string;
  readonly #placed = new Map<string, Placed>();

  constructor(root: string) {
    this.#root = root;
    this.#record = path.join(root, 'placed.json');
    let saved: Record<string, Placed> | undefined;
    try {
      if (existsSync(this.#record)) saved = JSON.parse(readFileSync(this.#record, 'utf8')) as Record<string, Placed>;
    } catch {
      // A damaged record: the folders are made again.
    }
    if (!saved) {
      // Documents no record lists would be indexed without anyone knowing: start afresh.
      rmSync(root, { recursive: true, force: true });
      return;
    }
    for (const [file, placed] of Object.entries(saved)) {
      let whole = false;
      try {
        whole = placed.key !== '' && statSync(this.#path(placed.shard, file)).size === placed.size;
      } catch {
        // Gone: written again.
      }
      this.#placed.set(file, whole ? placed : { ...placed, key: '' });
    }
  }

  /** The folder Pagefind indexes for `shard`. */
  folder(shard: number): string {
    return path.join(this.#root, `shard-${shard}`);
  }

  /** Whether the document of `file` in place is the one for `key`. */
  has(file: string, key: string): boolean {
    return this.#placed.get(file)?.key === key;
  }

  /**
   * Makes every index's folder hold its stories' documents: deletes the documents of files that are
   * no story any more and moves those of stories another index now holds, at once; the documents to
   * write (a story whose document is not in place, `has()` said no, brings `document`) are written
   * by `write()`, an index's at a time, so that the next index's are written while Pagefind reads.
   * Returns the indexes whose folders it changed, or will in `write()`.
   */
  arrange(stories: { file: string; shard: number; key: string; document?: string | undefined }[]): Set<number> {
    const wanted = new Set(stories.map(({ file }) => file));
    const changes = stories.filter(({ file, shard, key }) => {
      const placed = this.#placed.get(file);
      return placed?.key !== key || placed.shard !== shard;
    });
    const gone = [...this.#placed.keys()].filter((file) => !wanted.has(file));
    const changed = new Set<number>();
    for (const { file, shard } of changes) {
      changed.add(shard);
      const old = this.#placed.get(file);
      if (old) changed.add(old.shard);
    }
    for (const file of gone) changed.add(this.#placed.get(file)!.shard);
    if (changes.length === 0 && gone.length === 0 && existsSync(this.#record)) return changed;
    // The record first marks what is about to change as not to be trusted (keeping where it is), so
    // a build stopped midway leaves no document the record vouches for wrongly, and none it forgets.
    const before = new Map(this.#placed);
    for (const file of [...changes.map(({ file }) => file), ...gone]) {
      const placed = this.#placed.get(file);
      if (placed) this.#placed.set(file, { ...placed, key: '' });
    }
    this.#save();
    for (const file of gone) {
      this.#remove(this.#path(before.get(file)!.shard, file));
      this.#placed.delete(file);
    }
    for (const { file, shard, key, document } of changes) {
      const old = before.get(file);
      const target = this.#path(shard, file);
      if (old?.key === key) {
        // The same document, now in another index (a story before it was withdrawn or back-dated).
        mkdirSync(path.dirname(target), { recursive: true });
        renameSync(this.#path(old.shard, file), target);
        this.#removeFolderIfEmpty(path.dirname(this.#path(old.shard, file)));
        this.#placed.set(file, { shard, key, size: old.size });
        continue;
      }
      if (document === undefined) throw new Error(`The search document of ${file} is missing (a bug in the search index's cache).`);
      if (old && old.shard !== shard) this.#remove(this.#path(old.shard, file));
      const toWrite = this.#toWrite.get(shard) ?? [];
      toWrite.push({ file, key, document });
      this.#toWrite.set(shard, toWrite);
    }
    this.#save();
    return changed;
  }

  /** Where the document of `file` is, and which one; undefined for a story with none. */
  placedOf(file: string): Readonly<Placed> | undefined {
    return this.#placed.get(file);
  }

  /**
   * Puts `document` (for `key`) in place of the document of `file`, in the index it is in, at once:
   * a story edited since the last build, for its index to be read before the build has planned
   * them (EarlySearchIndex). The record marks the document as not to be trusted while it is written.
   */
  replace(file: string, key: string, document: string): number {
    const placed = this.#placed.get(file);
    if (!placed) throw new Error(`No search document of ${file} to replace (a bug in the search index's cache).`);
    this.#placed.set(file, { ...placed, key: '' });
    this.#save();
    writeFileSync(this.#path(placed.shard, file), document);
    this.#placed.set(file, { shard: placed.shard, key, size: Buffer.byteLength(document) });
    this.#save();
    return placed.shard;
  }

  readonly #toWrite = new Map<number, { file: string; key: string; document: string }[]>();

  /**
   * Writes the documents `arrange()` left to write in `shard`'s folder (none: nothing to do). The
   * writes run on libuv's threads: the event loop stays free for Pagefind's replies meanwhile.
   */
  async write(shard: number): Promise<void> {
    const documents = this.#toWrite.get(shard);
    if (!documents) return;
    this.#toWrite.delete(shard);
    const folders = new Set(documents.map(({ file }) => path.dirname(this.#path(shard, file))));
    await Promise.all([...folders].map((folder) => mkdir(folder, { recursive: true })));
    // A few at a time: each write holds a file open, and 5,000 at once could pass the open-file limit.
    let next = 0;
    const writer = async () => {
      for (let i = next++; i < documents.length; i = next++) {
        const { file, key, document } = documents[i]!;
        await writeFile(this.#path(shard, file), document);
        this.#placed.set(file, { shard, key, size: Buffer.byteLength(document) });
      }
    };
    await Promise.all(Array.from({ length: 16 }, writer));
    this.#save();
  }

  /** Writes every document still to write (those of indexes taken from the cache as they were). */
  async writeAll(): Promise<void> {
    for (const shard of [...this.#toWrite.keys()]) await this.write(shard);
  }

  /** Drops the folders of indexes past the last (the archive lost stories). */
  keepShards(count: number): void {
    for (const name of existsSync(this.#root) ? readdirSync(this.#root) : []) {
      const shard = /^shard-(\d+)$/.exec(name);
      if (shard && Number(shard[1]) >= count) rmSync(path.join(this.#root, name), { recursive: true, force: true });
    }
  }

  #save(): void {
    mkdirSync(this.#root, { recursive: true });
    writeFileSync(this.#record, JSON.stringify(Object.fromEntries(this.#placed)));
  }

  #path(shard: number, file: string): string {
    return path.join(this.folder(shard), file);
  }

  #remove(file: string): void {
    rmSync(file, { force: true });
    this.#removeFolderIfEmpty(path.dirname(file));
  }

  /** A story's folder, once its document has gone (Pagefind would skip it; left, they pile up). */
  #removeFolderIfEmpty(dir: string): void {
    try {
      rmdirSync(dir);
    } catch {
      // Not empty, or gone already.
    }
  }
}

/**
 * The index of an edited story, read by Pagefind while Astro is still rendering.
 *
 * Why: after an edit, Pagefind reading the edited story's index again (2,500 documents, about
 * 1.3 s) and working out its files (about 2 s) was the longest step after Astro, and it waited
 * for Astro to exit, for the output to be listed and for the indexes to be planned; the story's
 * page is rendered one to two seconds before Astro ends. The build wrapper hands over each story
 * page Astro renders (src/middleware.ts). The first whose search document is not the one in its
 * index's folder is put in its place there, Pagefind reads that folder at once, and it works out
 * the files once Astro has written every page and picture (its 0.5 GB for that then comes beside
 * Astro's last second, when Astro holds less than at its peak).
 *
 * It is a guess, which writeSearchIndex() checks: the index is used only if the page it read is
 * the built page byte for byte, and planning the build's indexes changed nothing in that folder
 * (no other story in it changed, came or went). Otherwise it is dropped and the index made as
 * before. A second changed story drops it at once: with several edits the plan decides.
 */
export class EarlySearchIndex {
  readonly #pagesRoot: string | undefined;
  readonly #language: string;
  #pages: SearchPages | undefined;
  #dropped = false;
  #started: { file: string; sha256: string; shard: number; reading: Promise<PagefindIndex>; files?: Promise<IndexFile[]> } | undefined;

  /** For the search cache in `cacheDir` (none: nothing is read early). */
  constructor(cacheDir: string | undefined, language: string) {
    this.#pagesRoot = cacheDir && path.join(cacheDir, 'search-pages');
    this.#language = language;
  }

  /** A story page Astro has rendered: `file` its path in the output, `html` the page. */
  offer(file: string, html: string): void {
    if (this.#dropped || !this.#pagesRoot || !existsSync(path.join(this.#pagesRoot, 'placed.json'))) return;
    try {
      this.#pages ??= new SearchPages(this.#pagesRoot);
      const sha256 = createHash('sha256').update(html).digest('hex');
      const { key, document } = storySearch(html, sha256);
      const placed = this.#pages.placedOf(file);
      // A new story (its index's stories change), or one search sees no change in.
      if (!placed || placed.key === '' || placed.key === key) return;
      if (this.#started) {
        this.drop();
        return;
      }
      const shard = this.#pages.replace(file, key, document);
      const reading = readShard(this.#pages.folder(shard), this.#language);
      // A failure is found when the index is taken (and then it is made as before).
      reading.catch(() => {});
      this.#started = { file, sha256, shard, reading };
    } catch {
      // Only a guess: the build plans and writes the documents as before.
      this.drop();
    }
  }

  /**
   * Astro has written every page and picture (it says so before its last steps, the sitemaps and
   * the list of its output, about a second before it exits), or has exited: Pagefind works out the
   * files of the index it read. Its 0.5 GB for that then comes beside Astro's end, not its peak.
   */
  astroDone(): void {
    const started = this.#started;
    if (!started || started.files) return;
    started.files = started.reading.then(shardFiles);
    started.files.catch(() => {});
  }

  /**
   * The early index's shard and files, once Pagefind has worked them out, if the guess holds: the
   * page it read is `pages`' page, and `changedShards` (the folders the plan changed) does not hold
   * its shard; undefined at once if it does not. Pagefind's process is ended either way.
   */
  take(pages: ReadonlyMap<string, BuiltPage>, changedShards: ReadonlySet<number>): Promise<{ shard: number; files: IndexFile[] } | undefined> | undefined {
    const started = this.#started;
    if (!started || this.#dropped || pages.get(started.file)?.sha256 !== started.sha256 || changedShards.has(started.shard)) {
      this.drop();
      return undefined;
    }
    this.astroDone();
    return started.files!.then(
      (files) => ({ shard: started.shard, files }),
      // Pagefind failed on it: the index is made as before.
      () => undefined,
    ).finally(() => this.drop());
  }

  /** Gives up the guess, and ends Pagefind's process if it was started. */
  drop(): void {
    this.#dropped = true;
    if (this.#started) {
      this.#started = undefined;
      void pagefind.close();
    }
  }
}

function factsFile(cacheDir: string | undefined): string | undefined {
  return cacheDir && path.join(cacheDir, 'search-stories.json');
}

/**
 * The story pages (by SHA-256) whose search facts the index has from an earlier build, for
 * builtPages() not to work them out again from a page it reads (after a cold build, the next build
 * reads every page again, the pages being other files, but no story's facts changed).
 */
export function searchFactsKnown(cacheDir: string | undefined): Set<string> {
  return new StoryFactsCache(factsFile(cacheDir)).known();
}

/** Writes /pagefind/ (and /pagefind/shard-N/ for a large site) into `distDir`. */
export async function writeSearchIndex(
  distDir: string,
  { language, shardSize, cacheDir, pages = builtPages(distDir), discard = (dir) => rmSync(dir, { recursive: true, force: true }), early }: SearchIndexOptions,
): Promise<SearchIndexResult> {
  // Without a cache, the search documents go in a folder beside the output, for this build only.
  const temporary = cacheDir ? undefined : path.join(path.dirname(distDir), `.search-pages-${process.pid}`);
  try {
    const factsCache = new StoryFactsCache(factsFile(cacheDir));
    const searchPages = new SearchPages(temporary ?? path.join(cacheDir!, 'search-pages'));
    // The stories (the pages Pagefind indexes), with what the index reads of each.
    const stories = [...pages]
      .filter(([, page]) => page.story)
      .map(([file, page]) => ({ file, ...factsCache.get(path.join(distDir, file), page, (key) => searchPages.has(file, key)) }));
    const storyOfPath = new Map(stories.map((story) => [urlPathOfFile(story.file), story]));
    const bundles = planSearchBundles(
      stories.map(({ file, facts }) => ({ path: urlPathOfFile(file), published: facts.published ?? undefined })),
      shardSize,
    );
    checkSearchPage(distDir, bundles);
    const changedShards = searchPages.arrange(
      bundles.flatMap(({ shard, paths }) =>
        paths.map((urlPath) => {
          const { file, facts, document } = storyOfPath.get(urlPath)!;
          return { file, shard, key: facts.key, document };
        }),
      ),
    );
    searchPages.keepShards(bundles.length);

    const cacheRoot = cacheDir ? path.join(cacheDir, 'search') : undefined;
    const version = pagefindVersion();
    if (bundles.length === 0) {
      early?.drop();
      writeIndexFiles(await indexShard(undefined, language), path.join(distDir, 'pagefind'), new Map());
      factsCache.save();
      return { pages: 0, shards: 1, reused: 0 };
    }
    const indexes = bundles.map(({ shard, bundlePath, paths }) => {
      const hash = createHash('sha256').update(`pagefind ${version}\0${language}\0`);
      for (const urlPath of paths) {
        const { file, facts } = storyOfPath.get(urlPath)!;
        hash.update(`${file}\0${facts.key}\0`);
      }
      const cached = cacheRoot && path.join(cacheRoot, hash.digest('hex').slice(0, 32));
      return { shard, outputPath: path.join(distDir, ...bundlePath.split('/').filter(Boolean)), cached, reuse: !!cached && existsSync(cached) };
    });
    const toIndex = indexes.filter(({ reuse }) => !reuse);
    const lastIndexes = new LastIndexes(cacheDir && path.join(cacheDir, 'search-indexes.json'));
    const reused = indexes.filter(({ reuse }) => reuse);
    let reusedLinked = false;
    /** Links the indexes taken from the cache as they are, each into its own folder (once). */
    const linkReused = () => {
      if (!reusedLinked) reused.forEach(({ cached, outputPath }) => linkTree(cached!, outputPath));
      reusedLinked = true;
    };
    // The edited story's index, if Pagefind read it while Astro rendered and the plan bears it out:
    // its files, once Pagefind has worked them out (meanwhile the reused indexes are linked), and
    // Pagefind's process ended before any other index is made.
    const takingEarly = toIndex.length > 0 ? early?.take(pages, changedShards) : early?.drop();
    if (takingEarly || toIndex.length === 0) linkReused();
    const readEarly = await takingEarly;
    for (const [i, { shard, outputPath, cached }] of toIndex.entries()) {
      await searchPages.write(shard);
      // Pagefind runs in a process of its own. Meanwhile the next index's documents are written,
      // and, beside the first, the indexes taken from the cache are linked (three of 2,500 stories:
      // 0.2 s that was after Pagefind in an edit build), once Pagefind has been told to read: done
      // before, the links held up the message that starts it by as long.
      const next = toIndex[i + 1];
      const whileReading = i === 0 ? linkReused : undefined;
      const indexing = Promise.allSettled([
        readEarly?.shard === shard ? (whileReading?.(), readEarly.files) : indexShard(searchPages.folder(shard), language, whileReading),
        next && searchPages.write(next.shard),
      ]);
      const [indexed, nextWritten] = await indexing;
      if (indexed.status === 'rejected') throw indexed.reason;
      if (nextWritten.status === 'rejected') throw nextWritten.reason;
      const last = lastIndexes.of(shard);
      const earlier = cachedIndexFiles(cacheRoot && last && path.join(cacheRoot, last));
      if (!cached) {
        writeIndexFiles(indexed.value, outputPath, earlier);
        continue;
      }
      const partial = `${cached}.partial-${process.pid}`;
      rmSync(partial, { recursive: true, force: true });
      writeIndexFiles(indexed.value, partial, earlier);
      renameSync(partial, cached);
      linkTree(cached, outputPath);
    }
    await searchPages.writeAll();
    // This build's cached indexes, by shard: the record for the next build, and all the cache keeps.
    const used = indexes.map(({ cached }) => (cached ? path.basename(cached) : ''));
    lastIndexes.save(used);
    if (cacheRoot && existsSync(cacheRoot)) {
      for (const name of readdirSync(cacheRoot)) if (!used.includes(name)) discard(path.join(cacheRoot, name));
    }
    factsCache.save();
    return { pages: stories.length, shards: bundles.length, reused: reused.length, early: readEarly !== undefined };
  } finally {
    if (temporary && existsSync(temporary)) discard(temporary);
  }
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
