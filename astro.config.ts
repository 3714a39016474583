import { unified } from '@astrojs/markdown-remark';
import { defineConfig } from 'astro/config';
import rehypeRaw from 'rehype-raw';
import rehypeEmbeds from './src/markdown/rehype-embeds.ts';
import rehypeFigureCaptions from './src/markdown/rehype-figure-captions.ts';
import { markdownWarnings } from './src/markdown/markdown-warnings.ts';
import rehypeSanitizeStory from './src/markdown/rehype-sanitize-story.ts';
import remarkPullQuotes from './src/markdown/remark-pull-quotes.ts';
import { locale } from './src/locale.ts';
import { siteConfig } from './src/site.config.ts';

export default defineConfig({
  site: siteConfig.url,
  trailingSlash: 'always',
  // The build wrapper (scripts/build.ts) points this at a temporary folder and swaps it in only
  // when the build succeeds, so a failed build never leaves a half-written dist/.
  outDir: process.env.BROADSHEET_OUT_DIR || './dist',
  // Each fixture site in the tests keeps its own content cache, so builds never share a data store.
  cacheDir: process.env.BROADSHEET_CACHE_DIR || './node_modules/.astro',
  build: { format: 'directory' },
  markdown: {
    processor: unified({
      remarkPlugins: [remarkPullQuotes],
      // Story HTML is untrusted. Astro runs its own rehype-raw only after these plugins, so we
      // parse raw HTML first, turn embeds into safe iframes, add figures, then sanitize last.
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
      ],
    }),
    // Shiki colours code with inline style attributes, which the sanitizer (and a strict
    // Content-Security-Policy) would refuse; a news story needs no syntax colouring.
    syntaxHighlight: false,
  },
  // Hands Astro's logger to the Markdown plugins, so their warnings appear in the build output.
  integrations: [markdownWarnings()],
  image: {
    // Markdown images get width, height and a srcset like the hero does.
    layout: 'constrained',
    responsiveStyles: false,
  },
  devToolbar: { enabled: false },
});
