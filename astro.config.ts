import { unified } from '@astrojs/markdown-remark';
import sitemap from '@astrojs/sitemap';
import { defineConfig } from 'astro/config';
import rehypeRaw from 'rehype-raw';
import { siteMachine } from './src/integrations/site-machine.ts';
import { newsLanguage } from './src/lib/news-sitemap.ts';
import { isSitemapPage, sitemapLastmod } from './src/lib/sitemap.ts';
import rehypeEmbeds from './src/markdown/rehype-embeds.ts';
import rehypeFigureCaptions from './src/markdown/rehype-figure-captions.ts';
import { markdownWarnings } from './src/markdown/markdown-warnings.ts';
import rehypeSanitizeStory from './src/markdown/rehype-sanitize-story.ts';
import rehypeStoryImageSizes from './src/markdown/rehype-story-image-sizes.ts';
import remarkPullQuotes from './src/markdown/remark-pull-quotes.ts';
import remarkSmartPunctuation from './src/markdown/remark-smart-punctuation.ts';
import { locale } from './src/locale.ts';
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
      remarkPlugins: [remarkPullQuotes, remarkSmartPunctuation],
      // Story HTML is untrusted. Astro runs its own rehype-raw only after these plugins, so we
      // parse raw HTML first, turn embeds into safe iframes, add figures, sanitize, and only then
      // add our own trusted image sizes (the sanitizer would drop them).
      rehypePlugins: [
        rehypeRaw,
        [
          rehypeEmbeds,
          {
            titles: {
              youtube: locale.t('embedYoutube'),
              vimeo: locale.t('embedVimeo'),
              x: locale.t('embedX'),
              facebook: locale.t('embedFacebook'),
              'google-maps': locale.t('embedGoogleMaps'),
            },
          },
        ],
        rehypeFigureCaptions,
        rehypeSanitizeStory,
        rehypeStoryImageSizes,
      ],
      // Our remark-smart-punctuation does the same job at a fraction of the cost (see its comment).
      smartypants: false,
    }),
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
