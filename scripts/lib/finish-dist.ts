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
import { existsSync, linkSync, mkdirSync, readFileSync, renameSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { CHANGED_PATHS_FILE, changedUrlPaths, MANIFEST_FILE, manifestOf, parseManifest, urlPathOfFile } from '../../src/lib/changed-paths.ts';
import { contentSecurityPolicy, EMBED_FRAME_SOURCES } from '../../src/lib/content-security-policy.ts';
import { renderHeadersFile, siteHeaderRules } from '../../src/lib/headers-file.ts';
import { distFiles } from '../../src/integrations/dist-files.ts';
import { cssUsesDataUrl, inspectPage, withCspMeta, type PageInlineCode } from '../../src/lib/page-inline-code.ts';

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
 * Page inspections of earlier builds, by the SHA-256 of the page's HTML. Parsing every page with
 * parse5 is most of this step's time at 10,000 stories, and from one build to the next nearly
 * every page is byte for byte the same: its inspection is taken from here. The cache is keyed
 * also by the source of the inspecting code, so a change to it starts afresh.
 */
class InspectionCache {
  readonly #file: string | undefined;
  readonly #version: string;
  readonly #previous = new Map<string, PageInlineCode>();
  readonly #next = new Map<string, PageInlineCode>();
  /** Each page's hash, from prefill(), so inspect() need not hash it again. */
  readonly #hashOfFile = new Map<string, string>();

  constructor(file: string | undefined) {
    this.#file = file;
    const code = ['../../src/lib/page-inline-code.ts', '../../src/lib/content-security-policy.ts'].map((source) =>
      readFileSync(new URL(source, import.meta.url)),
    );
    this.#version = code.reduce((hash, source) => hash.update(source), createHash('sha256')).digest('hex');
    if (!file || !existsSync(file)) return;
    try {
      const saved = JSON.parse(readFileSync(file, 'utf8')) as { version?: string; pages?: Record<string, PageInlineCode> };
      if (saved.version === this.#version) for (const [hash, found] of Object.entries(saved.pages ?? {})) this.#previous.set(hash, found);
    } catch {
      // A damaged cache is only slower: every page is inspected again.
    }
  }

  /**
   * Inspects the pages the cache does not know, on every core: parse5 over 10,000 new pages (a
   * cold build) is half a minute on one.
   */
  async prefill(files: string[], threads = os.availableParallelism()): Promise<void> {
    const missing = new Map<string, string>();
    for (const file of files) {
      const hash = createHash('sha256').update(readFileSync(file, 'utf8')).digest('base64url');
      this.#hashOfFile.set(file, hash);
      if (!this.#previous.has(hash)) missing.set(hash, file);
    }
    const todo = [...missing];
    if (todo.length < 200 || threads < 2) return; // Not worth starting threads: inspect() does them.
    const size = Math.ceil(todo.length / threads);
    const parts = Array.from({ length: threads }, (_, i) => todo.slice(i * size, (i + 1) * size)).filter((part) => part.length);
    await Promise.all(
      parts.map(
        (part) =>
          new Promise<void>((resolve, reject) => {
            const worker = new Worker(new URL('./inspect-worker.ts', import.meta.url), { workerData: { files: part.map(([, file]) => file) } });
            worker.once('message', (found: PageInlineCode[]) => {
              part.forEach(([hash], i) => this.#previous.set(hash, found[i]!));
              resolve();
            });
            worker.once('error', reject);
            worker.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`A page inspection worker stopped (exit code ${code}).`))));
          }),
      ),
    );
  }

  /** The inspection of `html`, the contents of `file` (not changed since prefill()). */
  inspect(file: string, html: string): PageInlineCode {
    const hash = this.#hashOfFile.get(file) ?? createHash('sha256').update(html).digest('base64url');
    const found = this.#next.get(hash) ?? this.#previous.get(hash) ?? inspectPage(html);
    this.#next.set(hash, found);
    return found;
  }

  /** Keeps the inspections of this build's pages only. */
  save(): void {
    if (!this.#file) return;
    mkdirSync(path.dirname(this.#file), { recursive: true });
    writeFileSync(this.#file, JSON.stringify({ version: this.#version, pages: Object.fromEntries(this.#next) }));
  }
}

export interface FinishOptions {
  /** A file to keep page inspections in between builds (in the build cache folder). */
  inspectionCache?: string;
}

export async function finishDist(staging: string, previousDist: string, { inspectionCache }: FinishOptions = {}): Promise<FinishedDist> {
  const inspections = new InspectionCache(inspectionCache);
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
  const pages = files.filter((file) => file.endsWith('.html'));

  const previousFile = path.join(previousDist, MANIFEST_FILE);
  const previous = existsSync(previousFile) ? parseManifest(readFileSync(previousFile, 'utf8')) : undefined;
  /** Each page's SHA-256 as written, for the manifest (so pages are not read again for it). */
  const pageHashes = new Map<string, string>();
  let linked = 0;

  await inspections.prefill(pages.map((page) => path.join(staging, page)));
  for (const page of pages) {
    const fullPath = path.join(staging, page);
    const html = readFileSync(fullPath, 'utf8');
    const found = inspections.inspect(fullPath, html);
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
    const policy = contentSecurityPolicy({
      scriptHashes: found.scriptHashes,
      styleHashes: found.styleHashes,
      wasm: pageWasm,
      dataImages,
      frameSources: EMBED_FRAME_SOURCES,
      forMeta: true,
    });
    const finished = Buffer.from(withCspMeta(html, found.metaOffset!, policy));
    const hash = createHash('sha256').update(finished).digest('hex');
    pageHashes.set(page, hash);
    // After an edit nearly every page is the previous build's byte for byte: link that file
    // instead of writing the same bytes again (and the old dist/ then frees nothing on deletion).
    if (previous?.files[page] === hash && linkSame(path.join(previousDist, page), fullPath, finished)) linked++;
    else writeFileSync(fullPath, finished);
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
      .map((file) => [file, pageHashes.get(file) ?? createHash('sha256').update(readFileSync(path.join(staging, file))).digest('hex')]),
  );
  const changedPaths = changedUrlPaths(previous, manifest);
  // A file the previous build wrote byte for byte the same gets a fixed old mtime, so a sync that
  // compares times (aws s3 sync, rsync -u) uploads only what changed although every file was rewritten.
  for (const [file, hash] of Object.entries(manifest.files)) {
    if (previous?.files[file] === hash) utimesSync(path.join(staging, file), 0, 0);
  }
  writeFileSync(path.join(staging, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  writeFileSync(path.join(staging, CHANGED_PATHS_FILE), changedPaths.map((urlPath) => `${urlPath}\n`).join(''));
  inspections.save();
  return { pages: pages.length, changedPaths, linked };
}

/**
 * Puts a hard link to `previous` at `target` when `previous` holds exactly `bytes` (a manifest
 * can be out of date: dist/ edited by hand). False, and nothing changed, when it does not or
 * cannot (another file system): the caller writes the bytes.
 */
function linkSame(previous: string, target: string, bytes: Buffer): boolean {
  try {
    if (!readFileSync(previous).equals(bytes)) return false;
    const temporary = `${target}.link-${process.pid}`;
    linkSync(previous, temporary);
    renameSync(temporary, target);
    return true;
  } catch {
    return false;
  }
}
