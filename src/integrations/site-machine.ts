/**
 * Build steps that need the finished output, at `astro:build:done`:
 *
 * 1. Pagefind indexes the built pages and writes /pagefind/ (index + its default UI). An Astro
 *    integration rather than a step in scripts/build.ts, so that any `astro build` (the fixture
 *    builds, a CI that calls Astro directly) gets a search index, and it runs on the staging
 *    folder before scripts/build.ts swaps it in: a failed indexing fails the build.
 * 2. Feed enclosures get their real byte length: Astro writes processed images only after every
 *    route has rendered, so the feeds are written with a placeholder (src/feeds.ts).
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import * as pagefind from 'pagefind';

function filesNamed(dir: string, name: string): string[] {
  return (readdirSync(dir, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
    .filter((entry) => entry.isFile() && entry.name === name)
    .map((entry) => path.join(entry.parentPath, entry.name));
}

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

async function buildSearchIndex(distDir: string, language: string): Promise<number> {
  const { index, errors } = await pagefind.createIndex({ forceLanguage: language });
  if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
  try {
    const added = await index.addDirectory({ path: distDir });
    if (added.errors.length) throw new Error(`Pagefind could not index the site: ${added.errors.join('; ')}`);
    const written = await index.writeFiles({ outputPath: path.join(distDir, 'pagefind') });
    if (written.errors.length) throw new Error(`Pagefind could not write its index: ${written.errors.join('; ')}`);
    return added.page_count;
  } finally {
    await pagefind.close();
  }
}

export function siteMachine(options: { language: string }): AstroIntegration {
  let site = '';
  return {
    name: 'broadsheet-site-machine',
    hooks: {
      'astro:config:done': ({ config }) => {
        site = config.site ?? '';
      },
      'astro:build:done': async ({ dir, logger }) => {
        const distDir = fileURLToPath(dir);
        for (const feed of filesNamed(distDir, 'rss.xml')) {
          const xml = readFileSync(feed, 'utf8');
          const filled = fillEnclosureLengths(xml, site, distDir, path.relative(distDir, feed));
          if (filled !== xml) writeFileSync(feed, filled);
        }
        const pages = await buildSearchIndex(distDir, options.language);
        logger.info(`Search index: ${pages} page(s) indexed into pagefind/.`);
      },
    },
  };
}
