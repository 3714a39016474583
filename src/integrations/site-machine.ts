/**
 * Build steps that need the finished output, at `astro:build:done`:
 *
 * 1. Pagefind indexes the built pages and writes /pagefind/ (src/integrations/search-index.ts), so
 *    that any `astro build` (the preview fixture, a CI that calls Astro directly) gets a search
 *    index. `npm run build` (scripts/build.ts) does this step itself after Astro has exited, on
 *    the staging folder before it is swapped in: a failed indexing still fails the build.
 * 2. Feed enclosures get their real byte length: Astro writes processed images only after every
 *    route has rendered, so the feeds are written with a placeholder (src/feeds.ts). Under
 *    `npm run build` the wrapper does this after Astro, once its links of cached pictures are done.
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { buildCacheDir, OUTPUT_LIST } from '../build-env.ts';
import { keptPhotoCounts, keptPictures, saveKeptPictures } from '../kept-pictures.ts';
import { handOver, handoverSocket } from '../story-handover.ts';
import { relativeFilePath, replaceFile } from './dist-files.ts';
import { writeSearchIndex } from './search-index.ts';

/** Replaces `length="0"` in each `<enclosure>` of a feed with the size of the file it names. */
export function fillEnclosureLengths(xml: string, site: string, distDir: string, feedFile: string): string {
  const origin = new URL(site).origin;
  return xml.replace(/<enclosure\b[^>]*>/g, (tag) => {
    const url = /\burl="([^"]+)"/.exec(tag)?.[1];
    if (!url || !/\blength="0"/.test(tag)) return tag;
    const target = new URL(url.replaceAll('&amp;', '&'));
    if (target.origin !== origin) return tag;
    const file = path.join(distDir, decodeURIComponent(target.pathname));
    let size: number;
    try {
      size = statSync(file).size;
    } catch {
      throw new Error(`${feedFile}: the enclosure ${url} names no file in the build (${file}).`);
    }
    return tag.replace(/\blength="0"/, `length="${size}"`);
  });
}

/**
 * Fills the enclosure lengths of the feeds among `outputs` (paths in `distDir`), replacing each feed
 * whose enclosures changed: the feed may be a file Astro's cache shares (scripts/lib/cached-pages.ts).
 * The feeds are among the files the routes wrote (a walk of the output for them was 0.3 s at
 * 10,000 stories).
 */
export function fillFeedEnclosures(distDir: string, outputs: Iterable<string>, site: string): void {
  for (const feedFile of outputs) {
    if (path.posix.basename(feedFile) !== 'rss.xml') continue;
    const feed = path.join(distDir, feedFile);
    const xml = readFileSync(feed, 'utf8');
    const filled = fillEnclosureLengths(xml, site, distDir, feedFile);
    if (filled !== xml) replaceFile(feed, filled);
  }
}

/**
 * Set by scripts/build.ts, which indexes the site itself once Astro has exited (so Astro's memory
 * is returned before Pagefind needs its own) and with the build cache to reuse shards from.
 */
export const SEARCH_INDEX_LATER = 'BROADSHEET_SEARCH_INDEX_AFTER_ASTRO';

export function siteMachine(options: { language: string; shardSize: number }): AstroIntegration {
  let site = '';
  return {
    name: 'broadsheet-site-machine',
    hooks: {
      'astro:config:done': ({ config }) => {
        site = config.site ?? '';
      },
      // Every page and picture is written: the build wrapper's early search index may work out its
      // files now, beside the rest of Astro's build (src/story-handover.ts).
      'astro:build:generated': () => {
        const socket = handoverSocket();
        if (socket !== undefined) handOver(socket, { rendered: true });
      },
      'astro:build:done': async ({ dir, assets, logger }) => {
        const distDir = fileURLToPath(dir);
        // For the build wrapper: every file Astro's routes wrote or kept, and every encoded picture
        // it generated. Pages and pictures the wrapper linked from Astro's caches that are not on
        // the list are no longer part of the site (scripts/lib/cached-pages.ts, cached-pictures.ts).
        // With them, the pictures of the hero photos taken from the last build's record, which
        // nobody asked Astro for (src/kept-pictures.ts); the record for the next build is written here.
        const outputs = [...assets.values()].flat().map((url) => relativeFilePath(distDir, fileURLToPath(url)));
        const outputList = process.env[OUTPUT_LIST];
        if (outputList) {
          writeFileSync(outputList, JSON.stringify([...outputs, ...generatedPictures(), ...keptPictures()]));
          saveKeptPictures(buildCacheDir());
          const { kept, photos } = keptPhotoCounts();
          if (kept > 0) logger.info(`Pictures of ${kept} of ${photos} hero photo(s) taken from the last build's record, not asked for again.`);
        }
        // Under the build wrapper, after Astro: the pictures of hero photos taken from the record are
        // the wrapper's links, which may still be in the making now (they start once the content
        // check has passed, and a loaded machine can keep it waiting until Astro is nearly done).
        if (!outputList) fillFeedEnclosures(distDir, outputs, site);
        if (process.env[SEARCH_INDEX_LATER] === '1') return;
        const search = await writeSearchIndex(distDir, options);
        logger.info(searchIndexSummary(search));
      },
    },
  };
}

interface AstroAssetGlobals {
  astroAsset?: { staticImages?: Map<string, { transforms: Map<string, { finalPath: string }> }> };
}

/**
 * The encoded pictures Astro generated in this build (its images phase, after the pages), as paths
 * relative to the output folder, like `_astro/port.DzPfvff0_Z1abc.webp`. Astro lists them in
 * `globalThis.astroAsset.staticImages` (astro/dist/assets/build/generate.js), which no public hook
 * passes on; `astroAsset` is set in every build, `staticImages` once a page asks for a picture. A
 * build fails if `astroAsset` is gone; if Astro renamed `staticImages` alone, the fixture builds'
 * pictures would no longer be linked and tests/build/deploy-output.test.ts fails.
 */
function generatedPictures(): string[] {
  const assets = (globalThis as AstroAssetGlobals).astroAsset;
  if (!assets) {
    throw new Error(
      'Astro no longer keeps its list of generated pictures in globalThis.astroAsset, which the build reads to publish only the pictures it uses (scripts/lib/cached-pictures.ts). Update generatedPictures() in src/integrations/site-machine.ts for this version of Astro.',
    );
  }
  const images = assets.staticImages;
  if (!images) return [];
  return [...images.values()].flatMap((original) => [...original.transforms.values()].map((transform) => transform.finalPath.replace(/^\/+/, '')));
}

export function searchIndexSummary({ pages, shards, reused, early }: { pages: number; shards: number; reused: number; early?: boolean | undefined }): string {
  return `Search index: ${pages} page(s) indexed into pagefind/ (${shards} index${shards === 1 ? '' : 'es'}${reused ? `, ${reused} unchanged and reused` : ''}${early ? ', the edited one read while Astro rendered' : ''}).`;
}
