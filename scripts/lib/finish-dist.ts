/**
 * The last step of `npm run build`, on the staging folder after `astro build` (and anything else
 * that writes into it) and before it is swapped into dist/:
 *   1. each HTML page gets a CSP `<meta>` with the hashes of its own inline scripts and styles;
 *   2. `_headers` gets the cache rules and the security headers, with the site-wide CSP;
 *   3. `.broadsheet-manifest.json` records every file's SHA-256, and `.changed-paths` lists the URL
 *      paths that differ from the previous dist/'s manifest, for a CDN purge; unchanged files get
 *      an old mtime so a time-comparing sync skips them.
 * It runs here rather than in an Astro integration hook because it must see the final HTML (a hook
 * cannot know what a later step adds) and the previous dist/, which only the build wrapper knows.
 * The build wrapper writes the search index meanwhile (`meanwhile`); pages whose policy depends
 * on what it brings, and steps 2 and 3, wait for it.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CHANGED_PATHS_FILE, changedUrlPaths, MANIFEST_FILE, manifestOf, parseManifest, urlPathOfFile } from '../../src/lib/changed-paths.ts';
import { contentSecurityPolicy, EMBED_FRAME_SOURCES } from '../../src/lib/content-security-policy.ts';
import { renderHeadersFile, siteHeaderRules } from '../../src/lib/headers-file.ts';
import { builtPages, distFiles, type BuiltPage, type KnownPages } from '../../src/integrations/dist-files.ts';
import { cssUsesDataUrl, type PageInlineCode } from '../../src/lib/page-inline-code.ts';
import {
  finishedKey,
  finishedPage,
  finishNewPage,
  linkOver,
  pageFacts,
  pageProblems,
  waitsForSearchIndex,
  writeFinished,
  writtenAfterRead,
  type FinishedNewPage,
  type NewPage,
  type PageFacts,
  type SiteFacts,
} from './finish-page.ts';
import type { FinishWorkerData } from './finish-worker.ts';
import { askWorker, splitEvenly } from './threads.ts';

export interface FinishedDist {
  pages: number;
  changedPaths: string[];
  /** Pages the previous build wrote byte for byte the same, hard-linked instead of written. */
  linked: number;
}

/** Pagefind's search runs in WebAssembly; a page that runs script on such a site may need it. */
function hasWebAssembly(files: readonly string[]): boolean {
  return files.some((file) => /\.wasm$|(^|\/)wasm\.[^/]*\.pagefind$/.test(file));
}

/**
 * What earlier builds learnt about their pages, kept in the build cache between builds:
 * - each page's inspection, by the SHA-256 of the HTML Astro wrote: parsing every page with parse5
 *   is most of this step's time at 10,000 stories, and nearly every page is byte for byte the same
 *   from one build to the next;
 * - the SHA-256 of the finished page (with its CSP <meta>), by the same hash and the two site-wide
 *   facts its policy depends on, so an unchanged page need not be read, rewritten and hashed again;
 * - the file each finished page became (inode, size, mtime): a previous dist/ file that is still
 *   that inode, unmodified, holds what was written and can be hard-linked without reading it;
 * - the file Astro's page was read from (inode, size, mtime) with its hash: a page Astro kept is
 *   the very file of its cache, linked into the staging folder (scripts/lib/cached-pages.ts), and
 *   need not be read and hashed again (`builtPages()`);
 * - every other file's hash for the manifest, with its inode, size and mtime: an encoded picture is
 *   the very file of Astro's image cache (scripts/lib/cached-pictures.ts) and a search index file
 *   the search cache's, so at a photo per story gigabytes are not read again each build to hash.
 * It is keyed also by the source of the inspecting code, so a change to it starts afresh.
 */
export class PageCache implements KnownPages {
  readonly #file: string | undefined;
  readonly #version: string;
  readonly #previous = new Map<string, PageInlineCode>();
  readonly #next = new Map<string, PageInlineCode>();
  readonly #previousFinished = new Map<string, string>();
  readonly #nextFinished = new Map<string, string>();
  readonly #previousWritten = new Map<string, string>();
  readonly #nextWritten = new Map<string, string>();
  readonly #previousBuilt = new Map<string, string>();
  readonly #nextBuilt = new Map<string, string>();
  readonly #previousFiles = new Map<string, string>();
  readonly #nextFiles = new Map<string, string>();

  constructor(file: string | undefined) {
    this.#file = file;
    const code = ['./finish-dist.ts', './finish-page.ts', '../../src/lib/page-inline-code.ts', '../../src/lib/content-security-policy.ts', '../../src/integrations/dist-files.ts'].map((source) =>
      readFileSync(new URL(source, import.meta.url)),
    );
    this.#version = code.reduce((hash, source) => hash.update(source), createHash('sha256')).digest('hex');
    if (!file || !existsSync(file)) return;
    try {
      const saved = JSON.parse(readFileSync(file, 'utf8')) as {
        version?: string;
        pages?: Record<string, PageInlineCode>;
        finished?: Record<string, string>;
        written?: Record<string, string>;
        built?: Record<string, string>;
        files?: Record<string, string>;
      };
      if (saved.version !== this.#version) return;
      for (const [hash, found] of Object.entries(saved.pages ?? {})) this.#previous.set(hash, found);
      for (const [key, hash] of Object.entries(saved.finished ?? {})) this.#previousFinished.set(key, hash);
      for (const [page, record] of Object.entries(saved.written ?? {})) this.#previousWritten.set(page, record);
      for (const [page, record] of Object.entries(saved.built ?? {})) this.#previousBuilt.set(page, record);
      for (const [file, record] of Object.entries(saved.files ?? {})) this.#previousFiles.set(file, record);
    } catch {
      // A damaged cache is only slower: every page is inspected and finished again.
    }
  }

  /** The inspection of the page whose SHA-256 is `hash`, if an earlier build (or this one) made it. */
  known(hash: string): PageInlineCode | undefined {
    const found = this.#next.get(hash) ?? this.#previous.get(hash);
    if (found) this.#next.set(hash, found);
    return found;
  }

  remember(hash: string, found: PageInlineCode): void {
    this.#next.set(hash, found);
  }

  /** The SHA-256 an earlier build's finished page had, for the same page and policy facts. */
  finishedHash(key: string): string | undefined {
    return this.#nextFinished.get(key) ?? this.#previousFinished.get(key);
  }

  recordFinished(key: string, hash: string): void {
    this.#nextFinished.set(key, hash);
  }

  /**
   * Whether `file` is the very file an earlier build finished `page` into, holding `hash` and not
   * modified since (same inode, size and mtime): a dist/ edited by hand is never linked from.
   */
  holds(file: string, page: string, hash: string): boolean {
    const record = this.#previousWritten.get(page);
    if (!record?.endsWith(` ${hash}`)) return false;
    try {
      return record === `${fileIdentity(file)} ${hash}`;
    } catch {
      return false;
    }
  }

  recordWritten(file: string, page: string, hash: string): void {
    this.#nextWritten.set(page, `${fileIdentity(file)} ${hash}`);
  }

  built(page: string, fullPath: string): BuiltPage | undefined {
    const record = this.#previousBuilt.get(page);
    if (!record) return undefined;
    let identity: string;
    try {
      identity = fileIdentity(fullPath);
    } catch {
      return undefined;
    }
    const [ino, size, mtime, sha256, story] = record.split(' ');
    if (`${ino} ${size} ${mtime}` !== identity || !sha256) return undefined;
    const built = { sha256, story: story === 'story' };
    this.#nextBuilt.set(page, record);
    return built;
  }

  recordBuilt(page: string, fullPath: string, built: BuiltPage): void {
    this.#nextBuilt.set(page, `${fileIdentity(fullPath)} ${built.sha256} ${built.story ? 'story' : 'page'}`);
  }

  /**
   * The SHA-256 of `file` (a file that is not a page) at `fullPath`: read and hashed, unless it is
   * the very file an earlier build hashed (same inode, size and mtime).
   */
  fileHash(fullPath: string, file: string): string {
    const identity = fileIdentity(fullPath);
    const record = this.#previousFiles.get(file);
    if (record?.startsWith(`${identity} `)) return record.slice(identity.length + 1);
    return createHash('sha256').update(readFileSync(fullPath)).digest('hex');
  }

  /** Once nothing will touch the file again: what fileHash() may trust next build. */
  recordFile(fullPath: string, file: string, hash: string): void {
    this.#nextFiles.set(file, `${fileIdentity(fullPath)} ${hash}`);
  }

  /** Keeps what this build's pages need only. */
  save(): void {
    if (!this.#file) return;
    mkdirSync(path.dirname(this.#file), { recursive: true });
    writeFileSync(
      this.#file,
      JSON.stringify({
        version: this.#version,
        pages: Object.fromEntries(this.#next),
        finished: Object.fromEntries(this.#nextFinished),
        written: Object.fromEntries(this.#nextWritten),
        built: Object.fromEntries(this.#nextBuilt),
        files: Object.fromEntries(this.#nextFiles),
      }),
    );
  }
}

function fileIdentity(file: string): string {
  const { ino, size, mtimeNs } = statSync(file, { bigint: true });
  return `${ino} ${size} ${mtimeNs}`;
}

export interface FinishOptions {
  /** A file to keep what was learnt about pages in between builds (in the build cache folder). */
  inspectionCache?: string;
  /** That cache, already open (the build wrapper reads pages through it first); `inspectionCache` is ignored. */
  cache?: PageCache;
  /** The staging folder's pages, when the caller has read them already (builtPages). */
  pages?: ReadonlyMap<string, BuiltPage>;
  /** The staging folder's files (distFiles()), when the caller has listed them and nothing was written since. */
  files?: readonly string[];
  /**
   * The step that writes the search index into the staging folder (it writes no pages), run here
   * while the pages are finished: Pagefind works in a process of its own, and after an edit the
   * pages are nearly all links to do, so neither waits for the other. Pages whose policy depends on
   * what the index brings are finished after it (waitsForSearchIndex()), and so is the rest.
   */
  meanwhile?: () => Promise<void>;
  /**
   * The folder `meanwhile` writes into (relative to the staging folder, ending in `/`). Every other
   * file is final once the pages are finished, so its hash, its mtime for an unchanged file and
   * its record for the next build are done while `meanwhile` still runs; without it, after.
   */
  meanwhileFolder?: string | undefined;
}

/** What a page's policy depends on beyond the page itself, from the folder's files (see SiteFacts). */
function siteFacts(staging: string, files: readonly string[], soFar: boolean): SiteFacts {
  const stylesheets = files.filter((file) => file.endsWith('.css'));
  return {
    wasm: hasWebAssembly(files),
    stylesheetsWithDataUrls: stylesheets.filter((file) => cssUsesDataUrl(readFileSync(path.join(staging, file), 'utf8'))).map(urlPathOfFile),
    stylesheetsSoFar: soFar ? stylesheets.map(urlPathOfFile) : undefined,
  };
}

/**
 * Lets the event loop run in a long loop of file work once `BREATH_MS` have passed since it last
 * did: the search index's steps (reading its records, writing the edited story's document,
 * starting Pagefind, Pagefind's replies) wait for the loop to let them run, and they are the
 * build's longest path. Yielding every 500 pages, as before, let each of those steps wait up to
 * 0.15 s on this disk.
 */
const BREATH_MS = 4;
function breathing(): () => Promise<void> | undefined {
  let next = performance.now() + BREATH_MS;
  return () => {
    if (performance.now() < next) return undefined;
    return new Promise<void>((resolve) =>
      setImmediate(() => {
        next = performance.now() + BREATH_MS;
        resolve();
      }),
    );
  };
}

export async function finishDist(staging: string, previousDist: string, options: FinishOptions = {}): Promise<FinishedDist> {
  const cache = options.cache ?? new PageCache(options.inspectionCache);
  const notOurs = (file: string) => file !== MANIFEST_FILE && file !== CHANGED_PATHS_FILE;
  const filesBefore = (options.files ?? distFiles(staging)).filter(notOurs);
  if (filesBefore.includes('_headers')) {
    throw new Error(
      'The build writes dist/_headers itself, but one already exists (public/_headers?). Remove it and add the rule to src/lib/headers-file.ts.',
    );
  }
  let files = filesBefore;
  let site = siteFacts(staging, files, options.meanwhile !== undefined);
  const scriptHashes = new Set<string>();
  const styleHashes = new Set<string>();
  let needsWasm = false;
  let needsDataImages = false;
  const problemsOf = new Map<string, string[]>();
  const built = options.pages ?? builtPages(staging, files, cache);

  const previousFile = path.join(previousDist, MANIFEST_FILE);
  const previous = existsSync(previousFile) ? parseManifest(readFileSync(previousFile, 'utf8')) : undefined;
  /** Each page's SHA-256 as written, for the manifest (so pages are not read again for it). */
  const pageHashes = new Map<string, string>();
  let linked = 0;

  const digestOf = (page: string) => {
    const known = built.get(page);
    if (known) return known.sha256;
    throw writtenAfterRead(page);
  };
  /** What every page adds to the site-wide policy, and whether it stops the build. */
  const count = (page: string, found: PageInlineCode, facts: PageFacts) => {
    const problems = pageProblems(page, found);
    if (problems.length > 0) problemsOf.set(page, problems);
    needsWasm ||= facts.wasm;
    needsDataImages ||= facts.dataImages;
    found.scriptHashes.forEach((hash) => scriptHashes.add(hash));
    found.styleHashes.forEach((hash) => styleHashes.add(hash));
    return problems.length === 0;
  };
  /** Finishes a page an earlier build (or this one) inspected; most are links to the previous build's file. */
  const finishKnown = (page: string, digest: string, found: PageInlineCode) => {
    const fullPath = path.join(staging, page);
    const previousPage = path.join(previousDist, page);
    const facts = pageFacts(page, found, site);
    if (!count(page, found, facts) || problemsOf.size > 0) return;
    const key = finishedKey(digest, facts);
    const known = cache.finishedHash(key);
    // After an edit nearly every page is the previous build's byte for byte: link that file
    // instead of writing the same bytes again (and the old dist/ then frees nothing on deletion).
    if (known && cache.holds(previousPage, page, known) && linkOver(previousPage, fullPath)) {
      cache.recordFinished(key, known);
      pageHashes.set(page, known);
      linked++;
      return;
    }
    const finished = finishedPage(readFileSync(fullPath, 'utf8'), found, facts);
    cache.recordFinished(key, finished.sha256);
    pageHashes.set(page, finished.sha256);
    if (writeFinished(fullPath, previousPage, previous?.files[page], finished)) linked++;
  };
  /** Pages inspected that wait for the search index to be finished. */
  const waiting: { page: string; digest: string; found: PageInlineCode }[] = [];
  /** Each final file's SHA-256, for the manifest, once settle() has done the rest for it. */
  const settled = new Map<string, string>();
  /**
   * For a file nothing will write again: its hash, a fixed old mtime if the previous build wrote it
   * byte for byte the same (so a sync that compares times, aws s3 sync or rsync -u, uploads only
   * what changed although every file was rewritten), then what the next build may trust of it.
   */
  const settle = (file: string): string => {
    const known = settled.get(file);
    if (known !== undefined) return known;
    const fullPath = path.join(staging, file);
    const pageHash = pageHashes.get(file);
    const hash = pageHash ?? cache.fileHash(fullPath, file);
    if (previous?.files[file] === hash) utimesSync(fullPath, 0, 0);
    if (pageHash !== undefined) cache.recordWritten(fullPath, file, hash);
    else cache.recordFile(fullPath, file, hash);
    settled.set(file, hash);
    return hash;
  };

  const meanwhile = options.meanwhile?.();
  try {
    // Pages an earlier build inspected (nearly all of them after an edit): finished here, most by
    // linking the previous build's file. The others (all of a cold build's) are read, inspected and
    // finished on every core below.
    const newPages: NewPage[] = [];
    const breather = breathing();
    for (const page of filesBefore.filter((file) => file.endsWith('.html'))) {
      const pause = meanwhile && breather();
      if (pause) await pause;
      const digest = digestOf(page);
      const found = cache.known(digest);
      if (!found) {
        const previousPage = path.join(previousDist, page);
        newPages.push({ page, fullPath: path.join(staging, page), digest, previousPage, previousHash: previous?.files[page] });
      } else if (waitsForSearchIndex(page, found, site)) {
        waiting.push({ page, digest, found });
      } else {
        finishKnown(page, digest, found);
      }
    }
    for (const page of await finishNewPages(newPages, site, meanwhile !== undefined)) {
      cache.remember(page.digest, page.found);
      if (page.waiting) {
        waiting.push(page);
        continue;
      }
      if (!count(page.page, page.found, page.facts) || page.sha256 === undefined) continue;
      cache.recordFinished(finishedKey(page.digest, page.facts), page.sha256);
      pageHashes.set(page.page, page.sha256);
      if (page.linked) linked++;
    }
    // While the search index is written: the files it does not write, but the pages that wait for it.
    const folder = options.meanwhileFolder;
    if (meanwhile && folder !== undefined && problemsOf.size === 0) {
      const later = new Set(waiting.map(({ page }) => page));
      for (const file of filesBefore) {
        if (file.startsWith(folder) || later.has(file)) continue;
        const pause = breather();
        if (pause) await pause;
        settle(file);
      }
    }
  } finally {
    // Whatever happened here, nothing may still be writing into the folder when this returns.
    await meanwhile?.catch(() => {});
  }
  if (meanwhile) {
    await meanwhile;
    // The search index is in place: the final facts, for the pages that waited for them. Only its
    // folder can have changed (a walk of the whole folder was 0.3 s of the build after the index).
    const folder = options.meanwhileFolder;
    files = (
      folder === undefined
        ? distFiles(staging)
        : [...filesBefore.filter((file) => !file.startsWith(folder)), ...distFiles(path.join(staging, folder)).map((file) => `${folder}${file}`)].sort()
    ).filter(notOurs);
    const before = new Set(filesBefore);
    const late = files.find((file) => file.endsWith('.html') && !before.has(file));
    if (late) throw writtenAfterRead(late);
    site = siteFacts(staging, files, false);
    for (const { page, digest, found } of waiting) finishKnown(page, digest, found);
  }
  const pages = files.filter((file) => file.endsWith('.html'));
  if (problemsOf.size > 0) {
    const problems = pages.flatMap((page) => problemsOf.get(page) ?? []);
    throw new Error(`${problemsOf.size} page(s) cannot get a Content-Security-Policy:\n  ${problems.join('\n  ')}`);
  }

  const sitePolicy = contentSecurityPolicy({
    scriptHashes,
    styleHashes,
    wasm: needsWasm,
    dataImages: needsDataImages,
    frameSources: EMBED_FRAME_SOURCES,
  });
  writeFileSync(path.join(staging, '_headers'), renderHeadersFile(siteHeaderRules(sitePolicy)));

  // Last, once nothing will touch the files again (the swap into dist/ renames their folder only).
  const manifest = manifestOf([...files, '_headers'].sort().map((file) => [file, settle(file)]));
  const changedPaths = changedUrlPaths(previous, manifest);
  writeFileSync(path.join(staging, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  writeFileSync(path.join(staging, CHANGED_PATHS_FILE), changedPaths.map((urlPath) => `${urlPath}\n`).join(''));
  cache.save();
  return { pages: pages.length, changedPaths, linked };
}

/**
 * Reads, inspects (parse5) and finishes the pages no earlier build saw, on every core: a cold
 * build's 12,864 pages at 10,000 stories, about 1.5 ms each. On one thread (the build wrapper's
 * own, after Astro) that was twenty seconds; inspecting them on a thread beside Astro's rendering
 * instead slowed the rendering by about as much. Few pages are finished here without threads.
 *
 * `besideSearch`: the search index is being made meanwhile, and the threads take the lowest
 * priority. The index is a chain (each index's documents, Pagefind reading them, Pagefind working
 * out its files, writing them) with the CPU to itself only in places, and this is the work nothing
 * waits on until the chain ends. At the same priority the two halved each other's speed: after
 * Astro, a cold 10,000-story build spent 29.8 and 32.6 s, and 23.7 and 24.8 s with these threads
 * at the lowest priority (alternated pairs): the index was done 12 s sooner, the pages 5 s after it.
 */
async function finishNewPages(pages: NewPage[], site: SiteFacts, besideSearch: boolean, threads = os.availableParallelism()): Promise<FinishedNewPage[]> {
  if (pages.length < 200 || threads < 2) return pages.map((page) => finishNewPage(page, site));
  const script = new URL('./finish-worker.ts', import.meta.url);
  const data: FinishWorkerData = { site, lowPriority: besideSearch };
  const answers = await Promise.all(splitEvenly(pages, threads).map((part) => askWorker<NewPage[], FinishedNewPage[]>(script, part, 'page-finishing', data)));
  return answers.flat();
}
