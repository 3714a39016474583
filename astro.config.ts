import { unified } from '@astrojs/markdown-remark';
import { defineConfig } from 'astro/config';
import rehypeFigureCaptions from './src/markdown/rehype-figure-captions.ts';
import rehypeStoryImageSizes from './src/markdown/rehype-story-image-sizes.ts';
import remarkPullQuotes from './src/markdown/remark-pull-quotes.ts';
import remarkSmartPunctuation from './src/markdown/remark-smart-punctuation.ts';
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
      remarkPlugins: [remarkPullQuotes, remarkSmartPunctuation],
      rehypePlugins: [rehypeFigureCaptions, rehypeStoryImageSizes],
      // Our remark-smart-punctuation does the same job at a fraction of the cost (see its comment).
      smartypants: false,
    }),
    // Stories carry no code to colour; Shiki only costs start-up time and inline styles.
    syntaxHighlight: false,
  },
  image: {
    // Markdown images get width, height and a srcset like the hero does.
    layout: 'constrained',
    responsiveStyles: false,
  },
  devToolbar: { enabled: false },
  experimental: {
    // Pages whose getStaticPaths() cacheKey and template are unchanged since the last build are
    // copied from cacheDir instead of rendered again: a one-story edit on a 10,000-story site
    // re-renders that story (and every page whose key it changes), not the whole site.
    incrementalBuild: true,
  },
});
