import { unified } from '@astrojs/markdown-remark';
import sitemap from '@astrojs/sitemap';
import { defineConfig } from 'astro/config';
import { siteMachine } from './src/integrations/site-machine.ts';
import { newsLanguage } from './src/lib/news-sitemap.ts';
import { isSitemapPage, sitemapLastmod } from './src/lib/sitemap.ts';
import rehypeFigureCaptions from './src/markdown/rehype-figure-captions.ts';
import remarkPullQuotes from './src/markdown/remark-pull-quotes.ts';
import { siteConfig } from './src/site.config.ts';
import { readSitemapFacts } from './src/sitemap-facts.ts';

export default defineConfig({
  site: siteConfig.url,
  trailingSlash: 'always',
  // The build wrapper (scripts/build.ts) points this at a temporary folder and swaps it in only
  // when the build succeeds, so a failed build never leaves a half-written dist/.
  outDir: process.env.BROADSHEET_OUT_DIR || './dist',
  // Each fixture site in the tests keeps its own content cache, so builds never share a data store.
  cacheDir: process.env.BROADSHEET_CACHE_DIR || './node_modules/.astro',
  build: { format: 'directory' },
  // Two routes writing one path (an alias and a page the alias check does not know of) must stop
  // the build rather than silently drop one of them.
  prerenderConflictBehavior: 'error',
  markdown: {
    processor: unified({
      remarkPlugins: [remarkPullQuotes],
      rehypePlugins: [rehypeFigureCaptions],
    }),
  },
  image: {
    // Markdown images get width, height and a srcset like the hero does.
    layout: 'constrained',
    responsiveStyles: false,
  },
  integrations: [
    // Writes sitemap-index.xml and sitemap-0.xml…; the Google News sitemap is our own route.
    sitemap({
      filter: (url) => isSitemapPage(url, readSitemapFacts()),
      serialize: (item) => {
        const lastmod = sitemapLastmod(item.url, readSitemapFacts());
        return lastmod ? { ...item, lastmod } : item;
      },
    }),
    siteMachine({ language: newsLanguage(siteConfig.locale) }),
  ],
  devToolbar: { enabled: false },
});
