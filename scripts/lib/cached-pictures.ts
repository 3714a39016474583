/**
 * Encoded pictures from Astro's image cache, hard-linked into the staging folder before Astro
 * copies them.
 *
 * Astro encodes a picture once and keeps it in `<cacheDir>/assets/`, named like its output file;
 * every build then copies each picture it uses from there into `_astro/` of the output folder
 * (`copyFile` in astro/dist/assets/build/generate.js). A newsroom with a photo per story has about
 * 32 encoded files and 2.6 MB a photo: 26 GB written by every build at 10,000 stories, and read
 * again by the CSP pass to hash them for the manifest. So once the content check passes, the
 * pictures the last build used are hard-linked from the cache into the staging folder's `_astro/`:
 * Node's `copyFile` of a file onto a link to itself returns at once, untouched (libuv compares the
 * two files' device and inode before it truncates anything; tested), and the finished manifest
 * knows the file by its inode (`PageCache.fileHash` in finish-dist.ts) without reading it again.
 * Only the last build's pictures (a list kept in the cache): Astro never prunes its image cache, and
 * linking and unlinking every picture a newsroom ever replaced would grow with the years.
 *
 * What follows from the links, and how each is handled:
 * 1. A linked picture may not be used by this build: its story was withdrawn or embargoed again.
 *    After Astro, every linked picture not among the pictures Astro generated (its list, written at
 *    astro:build:done by site-machine) is removed (`settle()`). Without that list the build fails:
 *    an embargoed story's photo must not go online.
 * 2. dist/ shares these files with the cache. Nothing writes into either: Astro writes a cache file
 *    only when it is missing (a new file, not linked), and nothing after Astro writes into dist/
 *    (files are replaced: `replaceFile()` in src/integrations/dist-files.ts). Remote pictures,
 *    which Astro revalidates and may write again in place, are never linked (they have a `.json`
 *    beside them in the cache).
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { linkFiles } from './cached-pages.ts';

/** Astro's folder for built assets (`build.assets`, left at its default in astro.config.mjs). */
export const ASSETS_DIR = '_astro';

/** The encoded pictures in the cache that may be linked: local ones, whose file Astro never rewrites. */
function linkable(pictures: string): Set<string> {
  if (!existsSync(pictures)) return new Set();
  const names = readdirSync(pictures, { withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => entry.name);
  const meta = new Set(names.filter((name) => name.endsWith('.json')));
  return new Set(names.filter((name) => !name.endsWith('.json') && !meta.has(`${name}.json`)));
}

/** The pictures the last build used, as it recorded them (none if it did not). */
function lastUsed(record: string): string[] {
  try {
    const names = JSON.parse(readFileSync(record, 'utf8')) as unknown;
    return Array.isArray(names) ? names.filter((name): name is string => typeof name === 'string') : [];
  } catch {
    return []; // None yet, or damaged: Astro copies them, as it would have.
  }
}

/**
 * The names (in `_astro/`) of the pictures a build with this cache links into its output folder:
 * those the last build used that are still in Astro's image cache (`CachedPictures.link()`).
 */
export function picturesToLink(cacheDir: string): string[] {
  const pictures = path.join(cacheDir, 'assets');
  const cached = linkable(pictures);
  return lastUsed(path.join(cacheDir, 'broadsheet', 'pictures.json')).filter((name) => cached.has(name) && path.basename(name) === name);
}

export class CachedPictures {
  readonly #cacheDir: string;
  readonly #pictures: string;
  readonly #target: string;
  readonly #record: string;
  readonly #linked: string[] = [];

  constructor(cacheDir: string, staging: string) {
    this.#cacheDir = cacheDir;
    this.#pictures = path.join(cacheDir, 'assets');
    this.#target = path.join(staging, ASSETS_DIR);
    this.#record = path.join(cacheDir, 'broadsheet', 'pictures.json');
  }

  /**
   * Links the pictures the last build used, those still in the cache, into the staging folder's
   * `_astro/` while Astro starts (`linkFiles()`). Resolves with the number linked.
   */
  async link(): Promise<number> {
    const linked = await linkFiles(this.#pictures, this.#target, picturesToLink(this.#cacheDir));
    this.#linked.push(...linked.map((name) => `${ASSETS_DIR}/${name}`));
    return this.#linked.length;
  }

  /**
   * After Astro has finished: removes each linked picture that Astro did not generate in this
   * build (`used`: paths relative to the output folder, like `_astro/port.DzPfvff0_Z1abc.webp`),
   * and records the cached pictures it did, for the next build to link. Returns the pictures removed.
   */
  settle(used: ReadonlySet<string>): number {
    let removed = 0;
    for (const picture of this.#linked) {
      if (used.has(picture)) continue;
      rmSync(path.join(path.dirname(this.#target), picture), { force: true });
      removed++;
    }
    const cached = linkable(this.#pictures);
    const pictures = [...used].filter((file) => file.startsWith(`${ASSETS_DIR}/`)).map((file) => file.slice(ASSETS_DIR.length + 1));
    // A cached picture on the list that is not in the build: one taken from the record of kept
    // pictures (src/kept-pictures.ts), which nobody asked Astro for, that linking did not reach (it
    // stops at its first error, as across file systems). Copied: a kept page must not lose it.
    const linked = new Set(this.#linked);
    for (const name of pictures) {
      const target = path.join(this.#target, name);
      if (linked.has(`${ASSETS_DIR}/${name}`) || !cached.has(name) || existsSync(target)) continue;
      mkdirSync(this.#target, { recursive: true });
      copyFileSync(path.join(this.#pictures, name), target);
    }
    const names = pictures.filter((name) => cached.has(name));
    mkdirSync(path.dirname(this.#record), { recursive: true });
    writeFileSync(this.#record, JSON.stringify(names.sort()));
    return removed;
  }
}
