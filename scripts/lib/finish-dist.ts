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
 */
import { createHash } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { CHANGED_PATHS_FILE, changedUrlPaths, MANIFEST_FILE, manifestOf, parseManifest, urlPathOfFile } from '../../src/lib/changed-paths.ts';
import { contentSecurityPolicy, EMBED_FRAME_SOURCES } from '../../src/lib/content-security-policy.ts';
import { renderHeadersFile, siteHeaderRules } from '../../src/lib/headers-file.ts';
import { builtPages, distFiles, replaceFile, type BuiltPage, type KnownPages } from '../../src/integrations/dist-files.ts';
import { cssUsesDataUrl, inspectPage, withCspMeta, type PageInlineCode } from '../../src/lib/page-inline-code.ts';
import type { Inspected } from './inspect-worker.ts';

export interface FinishedDist {
  pages: number;
  changedPaths: string[];
  /** Pages the previous build wrote byte for byte the same, hard-linked instead of written. */
  linked: number;
}

/** Pagefind's search runs in WebAssembly; a page that runs script on such a site may need it. */
function hasWebAssembly(files: string[]): boolean {
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
    const code = ['./finish-dist.ts', '../../src/lib/page-inline-code.ts', '../../src/lib/content-security-policy.ts', '../../src/integrations/dist-files.ts'].map((source) =>
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

  /** The pages whose inspection this cache holds, by SHA-256. */
  knownPages(): string[] {
    return [...this.#previous.keys(), ...this.#next.keys()];
  }

  /** Inspections made elsewhere (by inspectWhileBuilding()). */
  learn(inspected: readonly Inspected[]): void {
    for (const { sha256, inspection } of inspected) this.#previous.set(sha256, inspection);
  }

  /**
   * Inspects the pages the cache does not know, on every core: parse5 over 10,000 new pages (a
   * cold build) is half a minute on one.
   */
  async prefill(files: [file: string, sha256: string][], threads = os.availableParallelism()): Promise<void> {
    const missing = new Map<string, string>();
    for (const [file, hash] of files) if (!this.#previous.has(hash)) missing.set(hash, file);
    const todo = [...missing.values()];
    if (todo.length < 200 || threads < 2) return; // Not worth starting threads: inspect() does them.
    const size = Math.ceil(todo.length / threads);
    const parts = Array.from({ length: threads }, (_, i) => todo.slice(i * size, (i + 1) * size)).filter((part) => part.length);
    await Promise.all(
      parts.map(async (part) => {
        const worker = new InspectionWorker();
        try {
          this.learn(await worker.inspect(part));
        } finally {
          await worker.close();
        }
      }),
    );
  }

  /** The inspection of the page whose SHA-256 is `hash`; `html` reads it when it must be parsed. */
  inspect(hash: string, html: () => string): PageInlineCode {
    const found = this.#next.get(hash) ?? this.#previous.get(hash) ?? inspectPage(html());
    this.#next.set(hash, found);
    return found;
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

/** A thread running scripts/lib/inspect-worker.ts, asked one list of files at a time. */
class InspectionWorker {
  readonly #worker: Worker;
  #failed: Error | undefined;

  constructor(known: string[] = []) {
    // A page's parse is garbage once inspected: a small young generation keeps the thread's memory
    // small while it runs beside Astro, whose peak is the build's.
    this.#worker = new Worker(new URL('./inspect-worker.ts', import.meta.url), {
      workerData: { known },
      resourceLimits: { maxYoungGenerationSizeMb: 4 },
    });
    this.#worker.on('error', (error) => (this.#failed = error));
  }

  inspect(files: string[]): Promise<Inspected[]> {
    if (this.#failed) return Promise.reject(this.#failed);
    return new Promise((resolve, reject) => {
      const onExit = (code: number) => reject(this.#failed ?? new Error(`A page inspection worker stopped (exit code ${code}).`));
      this.#worker.once('exit', onExit);
      this.#worker.once('message', (answers: Inspected[]) => {
        this.#worker.off('exit', onExit);
        resolve(answers);
      });
      this.#worker.postMessage(files);
    });
  }

  async close(): Promise<void> {
    await this.#worker.terminate();
  }
}

/**
 * Inspects the pages of `dir` on a thread of its own while Astro writes them: Astro renders on one
 * core, and parse5 over 10,000 new pages was twenty seconds of a cold build after it. Looks for new
 * pages every `interval` ms and hands their inspections to `cache`; stop() once Astro has exited
 * (pages it did not get to are inspected by finishDist as before). Pages the cache knows are only
 * hashed, and when nearly all are known (Astro copied them from its cache) it stops looking. Keyed
 * by the hash of what was read, a page caught half written is never mistaken for the finished one.
 */
export function inspectWhileBuilding(dir: string, cache: PageCache, { interval = 2000, batch = 100 } = {}): { stop(): Promise<number> } {
  let worker: InspectionWorker | undefined;
  const sent = new Set<string>();
  let inspected = 0;
  let stopped = false;
  let running: Promise<void> | undefined;
  const look = async () => {
    let files: string[];
    try {
      files = distFiles(dir);
    } catch {
      return; // Not made yet.
    }
    const now = Date.now();
    const ready = files.filter((file) => {
      if (!file.endsWith('.html') || file.startsWith('pagefind/') || sent.has(file)) return false;
      try {
        return now - statSync(path.join(dir, file)).mtimeMs > 500; // Written a moment ago at least.
      } catch {
        return false;
      }
    });
    if (ready.length === 0) {
      // Nothing new: Astro is bundling, or done rendering and writing its records, the moment its
      // memory peaks. The thread's memory is given back until pages appear again.
      await worker?.close();
      worker = undefined;
      return;
    }
    const active = (worker ??= new InspectionWorker(cache.knownPages()));
    for (let i = 0; i < ready.length && !stopped; i += batch) {
      const part = ready.slice(i, i + batch);
      part.forEach((file) => sent.add(file));
      const answers = await active.inspect(part.map((file) => path.join(dir, file)));
      cache.learn(answers);
      inspected += answers.length;
      // A build that copies most pages from Astro's cache (a warm one) has little to inspect, and
      // reading every copied page beside Astro only slows it down: leave those to finishDist.
      if (sent.size >= 5 * batch && inspected < sent.size / 10) {
        stopped = true;
        worker = undefined;
        await active.close();
      }
    }
  };
  const timer = setInterval(() => {
    if (stopped) return;
    running ??= look()
      .catch(() => {
        stopped = true; // Only slower: finishDist inspects what is left.
      })
      .finally(() => (running = undefined));
  }, interval);
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
      await worker?.close();
      return inspected;
    },
  };
}

function fileIdentity(file: string): string {
  const { ino, size, mtimeNs } = statSync(file, { bigint: true });
  return `${ino} ${size} ${mtimeNs}`;
}

export interface FinishOptions {
  /** A file to keep what was learnt about pages in between builds (in the build cache folder). */
  inspectionCache?: string;
  /** That cache, already open (and filled by inspectWhileBuilding()); `inspectionCache` is ignored. */
  cache?: PageCache;
  /** The staging folder's pages, when the caller has read them already (builtPages). */
  pages?: ReadonlyMap<string, BuiltPage>;
}

export async function finishDist(staging: string, previousDist: string, options: FinishOptions = {}): Promise<FinishedDist> {
  const cache = options.cache ?? new PageCache(options.inspectionCache);
  const files = distFiles(staging).filter((file) => file !== MANIFEST_FILE && file !== CHANGED_PATHS_FILE);
  if (files.includes('_headers')) {
    throw new Error(
      'The build writes dist/_headers itself, but one already exists (public/_headers?). Remove it and add the rule to src/lib/headers-file.ts.',
    );
  }
  const wasm = hasWebAssembly(files);
  const stylesheetsWithDataUrls = new Set(
    files.filter((file) => file.endsWith('.css') && cssUsesDataUrl(readFileSync(path.join(staging, file), 'utf8'))).map(urlPathOfFile),
  );
  const scriptHashes = new Set<string>();
  const styleHashes = new Set<string>();
  let needsWasm = false;
  let needsDataImages = false;
  const problems: string[] = [];
  const built = options.pages ?? builtPages(staging, files, cache);
  const pages = files.filter((file) => file.endsWith('.html'));

  const previousFile = path.join(previousDist, MANIFEST_FILE);
  const previous = existsSync(previousFile) ? parseManifest(readFileSync(previousFile, 'utf8')) : undefined;
  /** Each page's SHA-256 as written, for the manifest (so pages are not read again for it). */
  const pageHashes = new Map<string, string>();
  let linked = 0;

  const digestOf = (page: string) => {
    const known = built.get(page);
    if (known) return known.sha256;
    throw new Error(`${page} was written after the build's pages were read; nothing may write pages between the search index and the CSP pass.`);
  };
  await cache.prefill(pages.map((page) => [path.join(staging, page), digestOf(page)]));
  for (const page of pages) {
    const fullPath = path.join(staging, page);
    const digest = digestOf(page);
    let html: string | undefined;
    const read = () => (html ??= readFileSync(fullPath, 'utf8'));
    const found = cache.inspect(digest, read);
    for (const markup of found.blockedMarkup) {
      problems.push(`${page}: ${markup} would be blocked by the Content-Security-Policy; use a stylesheet or a script file instead.`);
    }
    if (found.hasCspMeta) problems.push(`${page}: already has a Content-Security-Policy <meta>; the build writes it, so remove the page's own.`);
    if (found.metaOffset === undefined) problems.push(`${page}: has no <head> to put the Content-Security-Policy <meta> in.`);
    if (problems.length > 0) continue;
    const pageWasm = wasm && found.runsScript;
    needsWasm ||= pageWasm;
    const pageUrl = new URL(urlPathOfFile(page), 'https://site.invalid');
    const dataImages =
      found.usesDataImages || found.stylesheets.some((href) => stylesheetsWithDataUrls.has(new URL(href, pageUrl).pathname));
    needsDataImages ||= dataImages;
    found.scriptHashes.forEach((hash) => scriptHashes.add(hash));
    found.styleHashes.forEach((hash) => styleHashes.add(hash));
    // The finished page is a function of the page Astro wrote, the policy code (in the cache's
    // version) and these two facts.
    const finishedKey = `${digest} ${pageWasm ? 'wasm' : '-'} ${dataImages ? 'data' : '-'}`;
    const known = cache.finishedHash(finishedKey);
    const previousPage = path.join(previousDist, page);
    // After an edit nearly every page is the previous build's byte for byte: link that file
    // instead of writing the same bytes again (and the old dist/ then frees nothing on deletion).
    if (known && cache.holds(previousPage, page, known) && linkOver(previousPage, fullPath)) {
      cache.recordFinished(finishedKey, known);
      pageHashes.set(page, known);
      linked++;
      continue;
    }
    const policy = contentSecurityPolicy({
      scriptHashes: found.scriptHashes,
      styleHashes: found.styleHashes,
      wasm: pageWasm,
      dataImages,
      frameSources: EMBED_FRAME_SOURCES,
      forMeta: true,
    });
    const finished = Buffer.from(withCspMeta(read(), found.metaOffset!, policy));
    const hash = createHash('sha256').update(finished).digest('hex');
    cache.recordFinished(finishedKey, hash);
    pageHashes.set(page, hash);
    if (previous?.files[page] === hash && linkSame(previousPage, fullPath, finished)) linked++;
    // Replaced, not written into: the page may be a link to Astro's cached copy (scripts/lib/cached-pages.ts).
    else replaceFile(fullPath, finished);
  }
  if (problems.length > 0) {
    throw new Error(`${problems.length} page(s) cannot get a Content-Security-Policy:\n  ${problems.join('\n  ')}`);
  }

  const sitePolicy = contentSecurityPolicy({
    scriptHashes,
    styleHashes,
    wasm: needsWasm,
    dataImages: needsDataImages,
    frameSources: EMBED_FRAME_SOURCES,
  });
  writeFileSync(path.join(staging, '_headers'), renderHeadersFile(siteHeaderRules(sitePolicy)));

  const manifest = manifestOf(
    [...files, '_headers']
      .sort()
      .map((file) => [file, pageHashes.get(file) ?? cache.fileHash(path.join(staging, file), file)]),
  );
  const changedPaths = changedUrlPaths(previous, manifest);
  // A file the previous build wrote byte for byte the same gets a fixed old mtime, so a sync that
  // compares times (aws s3 sync, rsync -u) uploads only what changed although every file was rewritten.
  for (const [file, hash] of Object.entries(manifest.files)) {
    if (previous?.files[file] === hash) utimesSync(path.join(staging, file), 0, 0);
  }
  // Last, once nothing will touch the pages again (the swap into dist/ renames their folder only).
  for (const [page, hash] of pageHashes) cache.recordWritten(path.join(staging, page), page, hash);
  for (const [file, hash] of Object.entries(manifest.files)) if (!pageHashes.has(file)) cache.recordFile(path.join(staging, file), file, hash);
  writeFileSync(path.join(staging, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  writeFileSync(path.join(staging, CHANGED_PATHS_FILE), changedPaths.map((urlPath) => `${urlPath}\n`).join(''));
  cache.save();
  return { pages: pages.length, changedPaths, linked };
}

/**
 * Puts a hard link to `previous` at `target` when `previous` holds exactly `bytes` (a manifest
 * can be out of date: dist/ edited by hand). False, and nothing changed, when it does not or
 * cannot (another file system): the caller writes the bytes.
 */
function linkSame(previous: string, target: string, bytes: Buffer): boolean {
  try {
    return readFileSync(previous).equals(bytes) && linkOver(previous, target);
  } catch {
    return false;
  }
}

/** Replaces `target` with a hard link to `previous`; false, and `target` untouched, if it cannot. */
function linkOver(previous: string, target: string): boolean {
  const temporary = `${target}.link-${process.pid}`;
  try {
    linkSync(previous, temporary);
    renameSync(temporary, target);
    return true;
  } catch {
    rmSync(temporary, { force: true });
    return false;
  }
}
