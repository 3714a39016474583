/**
 * Astro's cached pages, hard-linked into the staging folder before Astro renders.
 *
 * Astro's incremental build restores a page whose key did not change by copying its cached copy
 * (`<cacheDir>/dist/<page>`) into the output folder, unless the output folder already holds the
 * file, which it then keeps as it is ("(cached)" in its log; astro/dist/core/build/generate.js).
 * At 10,000 stories the copies are 12,900 files and half a gigabyte written by every build: on a
 * slow disk most of a warm build's render phase, and all of it again for CI with a restored cache.
 * So once the content check passes, every cached page is hard-linked into the staging folder
 * (which Astro is told not to empty: `wrapperOwnsOutDir()` in src/build-env.ts, used by astro.config.mjs), and Astro keeps it.
 *
 * What follows from the links, and how each is handled:
 * 1. A page Astro renders again is written through its link, into the cached copy. Astro then
 *    writes the same bytes there itself and records them at the end of the build, so a build
 *    that finishes leaves the cache and Astro's record agreeing. One that stops in between leaves
 *    cached copies the record does not describe; a marker in the cache says pages were linked,
 *    and the next build first removes every cached copy written since (`recover()`): those
 *    pages are rendered again.
 * 2. A page this build no longer has (a story withdrawn or embargoed again, a list that got
 *    shorter) was linked all the same. After Astro, every linked page that is not among the
 *    build's outputs (Astro's own list, written at astro:build:done by site-machine) is removed
 *    (`settle()`). If that list is missing the build fails: a withdrawn story must not go online.
 * 3. Nothing after Astro may write into a linked page, or the cached copy changes with it: the CSP
 *    pass and the feed lengths replace such files instead (`replaceFile()` and `writeOver()`, which
 *    writes in place only a file with no other link, in src/integrations/dist-files.ts).
 *    Only HTML pages are linked, and the CSP pass replaces every page, so the new dist/ shares no
 *    file with the cache (tested).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmdirSync, rmSync, statSync, writeFileSync, type Dirent } from 'node:fs';
import { link, mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import { relativeEntryPath } from '../../src/integrations/dist-files.ts';

/** Where Astro keeps the pages it can restore (astro/dist/core/build/incremental.js). */
function cachedPagesDir(cacheDir: string): string {
  return path.join(cacheDir, 'dist');
}

export class CachedPages {
  readonly #pages: string;
  readonly #staging: string;
  readonly #marker: string;
  readonly #linked: string[] = [];

  constructor(cacheDir: string, staging: string) {
    this.#pages = cachedPagesDir(cacheDir);
    this.#staging = staging;
    this.#marker = path.join(cacheDir, 'broadsheet', 'linked-pages');
  }

  /**
   * Before Astro starts: if the last build linked pages and did not finish, removes the cached
   * copies written since it started (a page it rendered, written through its link, that Astro's
   * record may not describe). Returns how many were removed; undefined when nothing was to do.
   */
  recover(): number | undefined {
    if (!existsSync(this.#marker)) return undefined;
    const started = Number(readFileSync(this.#marker, 'utf8'));
    // A file's time comes from the kernel's coarser clock, which can lag the process's by a few
    // milliseconds: a margin keeps every copy written during that build (an extra page rendered
    // again is only slower). An unreadable marker removes every copy.
    const since = Number.isFinite(started) ? started - 5000 : 0;
    let removed = 0;
    if (existsSync(this.#pages)) {
      for (const entry of readdirSync(this.#pages, { recursive: true, withFileTypes: true }) as Dirent[]) {
        if (!entry.isFile()) continue;
        const file = path.join(entry.parentPath, entry.name);
        if (statSync(file).mtimeMs >= since) {
          rmSync(file, { force: true });
          removed++;
        }
      }
    }
    rmSync(this.#marker, { force: true });
    return removed;
  }

  /**
   * Links every cached page into the staging folder, on libuv's threads while Astro starts.
   * A page already there (Astro got to it first) is left alone; on any other failure (the cache
   * on another file system) linking stops and Astro copies the rest, as it would have.
   * Resolves with the number of pages linked.
   */
  async link(): Promise<number> {
    if (!existsSync(this.#pages)) return 0;
    mkdirSync(path.dirname(this.#marker), { recursive: true });
    writeFileSync(this.#marker, String(Date.now()));
    const pages = (await readdir(this.#pages, { recursive: true, withFileTypes: true }))
      .filter((entry) => entry.isFile() && entry.name.endsWith('.html'))
      .map((entry) => relativeEntryPath(this.#pages, entry));
    this.#linked.push(...(await linkFiles(this.#pages, this.#staging, pages)));
    return this.#linked.length;
  }

  /**
   * After Astro has finished: removes each linked page that is not one of the build's outputs,
   * then the marker. Returns the pages removed.
   */
  settle(outputs: ReadonlySet<string>): number {
    let removed = 0;
    for (const page of this.#linked) {
      if (outputs.has(page)) continue;
      rmSync(path.join(this.#staging, page), { force: true });
      removed++;
      // And the folders it leaves empty (a withdrawn story's own folder).
      for (let dir = path.dirname(path.join(this.#staging, page)); dir.startsWith(this.#staging + path.sep); dir = path.dirname(dir)) {
        try {
          rmdirSync(dir);
        } catch {
          break;
        }
      }
    }
    rmSync(this.#marker, { force: true });
    return removed;
  }
}

/**
 * Hard-links each of `files` (paths relative to `from`) to the same path under `to`, making folders
 * as needed, on libuv's threads. A file already there (Astro got to it first) is left alone; on any
 * other failure (`from` on another file system) linking stops, and Astro copies the rest as it
 * would have. Resolves with the files linked.
 */
export async function linkFiles(from: string, to: string, files: readonly string[]): Promise<string[]> {
  const linked: string[] = [];
  const folders = new Map<string, Promise<unknown>>();
  let next = 0;
  let stopped = false;
  const linkNext = async (): Promise<void> => {
    while (!stopped && next < files.length) {
      const file = files[next++]!;
      const target = path.join(to, file);
      const folder = path.dirname(target);
      let made = folders.get(folder);
      if (!made) folders.set(folder, (made = mkdir(folder, { recursive: true })));
      try {
        await made;
        await link(path.join(from, file), target);
        linked.push(file);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') stopped = true;
      }
    }
  };
  // A few dozen links in flight keep libuv's four threads busy without flooding them.
  await Promise.all(Array.from({ length: 32 }, linkNext));
  return linked;
}

/**
 * The outputs Astro reported at astro:build:done (see site-machine): the files its routes wrote or
 * kept and the encoded pictures it generated, as paths relative to its output folder.
 */
export function readOutputList(file: string): Set<string> {
  if (!existsSync(file)) {
    throw new Error(
      `Astro did not say which files it built (${file} is missing), so pages and pictures kept from earlier builds cannot be checked against this one. Is the site-machine integration still in astro.config.mjs?`,
    );
  }
  return new Set(JSON.parse(readFileSync(file, 'utf8')) as string[]);
}
