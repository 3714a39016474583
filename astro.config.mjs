// @ts-check
// JavaScript, not TypeScript, so that Astro imports it with Node (and the .ts modules it imports
// with Node's type stripping) instead of starting a Vite server to compile it: 0.3 to 0.4 s of
// every build at 10,000 stories (0.52 s against 0.77 to 0.99 s to load it here).
// tests/unit/astro-config.test.ts holds it to that.
import { defineConfig } from 'astro/config';
import { buildCacheDir, incrementalPages, searchShardSize, wrapperOwnsOutDir } from './src/build-env.ts';
import { collectGarbageInBuilds } from './src/integrations/collect-garbage.ts';
import { contentStoreFile } from './src/integrations/content-store-file.ts';
import { sharedImageImports } from './src/integrations/shared-image-imports.ts';
import { siteMachine } from './src/integrations/site-machine.ts';
import { sitemapInOrder } from './src/integrations/sitemap-in-order.ts';
import { newsLanguage } from './src/lib/news-sitemap.ts';
import { isSitemapPage, sitemapLastmod } from './src/lib/sitemap.ts';
import { markdownWarnings } from './src/markdown/markdown-warnings.ts';
import { storyProcessor } from './src/markdown/story-processor.ts';
import { siteConfig } from './src/site.config.ts';
import { readSitemapFacts } from './src/sitemap-facts.ts';

export default defineConfig({
  site: siteConfig.url,
  trailingSlash: 'always',
  // The build wrapper (scripts/build.ts) points this at a temporary folder and swaps it in only
  // when the build succeeds, so a failed build never leaves a half-written dist/.
  outDir: process.env.BROADSHEET_OUT_DIR || './dist',
  // Each fixture site in the tests keeps its own content cache, so builds never share a data store.
  cacheDir: buildCacheDir(),
  build: {
    format: 'directory',
    // Astro renders one page at a time by default, and each page waits on the disk (its story body
    // read, the page written). Profiled, Astro alone rendering a 10,000-story site: one at a time,
    // 46.0 s with the main thread idle 16.7 s of it; four at a time, 29.3 s, idle 2.5 s. In whole
    // builds, where the page inspector shares the disk and the other core, the gain is smaller and
    // within this disk's noise (46 to 60 s one at a time, 46 to 49 s four at a time). Peak memory
    // the same; the pages byte for byte the same (1 and 8 compared). Warm builds render a handful.
    concurrency: 4,
  },
  // Two routes writing one path (an alias and a page the alias check does not know of) must stop
  // the build rather than silently drop one of them.
  prerenderConflictBehavior: 'error',
  markdown: {
    // Our plugins and their order: src/markdown/story-processor.ts.
    processor: storyProcessor,
    // Shiki colours code with inline style attributes, which the sanitizer (and a strict
    // Content-Security-Policy) would refuse; a news story needs no syntax colouring.
    syntaxHighlight: false,
  },
  image: {
    // Markdown images get width, height and a srcset like the hero does.
    layout: 'constrained',
    responsiveStyles: false,
  },
  integrations: [
    // Hands Astro's logger to the Markdown plugins, so their warnings appear in the build output.
    markdownWarnings(),
    // Writes sitemap-index.xml and sitemap-0.xml… (@astrojs/sitemap, given the pages in its order:
    // src/integrations/sitemap-in-order.ts); the Google News sitemap is our own route.
    sitemapInOrder({
      filter: (url) => isSitemapPage(url, readSitemapFacts()),
      serialize: (item) => {
        const lastmod = sitemapLastmod(item.url, readSitemapFacts());
        return lastmod ? { ...item, lastmod } : item;
      },
    }),
    siteMachine({ language: newsLanguage(siteConfig.locale), shardSize: searchShardSize() }),
    collectGarbageInBuilds(),
    // One import per photo in the module of content images, not one per story (the bundling of every build).
    sharedImageImports(),
    // The content store read from its file when the pages render, not carried through the bundle.
    contentStoreFile(),
  ],
  devToolbar: { enabled: false },
  // Under `npm run build` the output folder is new each build and already holds the pages Astro
  // would copy from its cache, hard-linked (scripts/lib/cached-pages.ts): emptying it would lose them.
  vite: { build: { emptyOutDir: !wrapperOwnsOutDir() } },
  experimental: {
    // Pages whose data and code did not change since the last build (in cacheDir) are copied, not
    // rendered again: the routes with many pages return a cacheKey, the fingerprint of everything
    // they show (src/lib/page-fingerprint.ts). `npm run build -- --force` renders every story and page;
    // scripts/build.ts turns it off for a site too large for Astro's record (src/lib/incremental-budget.ts).
    incrementalBuild: incrementalPages(),
  },
});
