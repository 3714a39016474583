/**
 * The Markdown pipeline for stories, in one place: astro.config.mjs hands it to Astro, and the
 * content loader's render workers (src/content/markdown-pool.ts) build the same renderer from it.
 */
import { unified } from '@astrojs/markdown-remark';
import rehypeRaw from 'rehype-raw';
import remarkGfmParts, { type GfmParts } from './gfm-parts.ts';
import { locale } from '../locale.ts';
import rehypeEmbeds from './rehype-embeds.ts';
import rehypeFigureCaptions from './rehype-figure-captions.ts';
import rehypeSanitizeStory from './rehype-sanitize-story.ts';
import rehypeStoryImageSizes from './rehype-story-image-sizes.ts';
import remarkPullQuotes from './remark-pull-quotes.ts';
import remarkSmartPunctuation from './remark-smart-punctuation.ts';

export const storyProcessor = unified({
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
});

/**
 * The same pipeline with only these parts of GFM (src/markdown/gfm-parts.ts): the render workers
 * use it for a story that cannot contain an autolink literal or a table, where it gives the same
 * HTML in less time (a story with neither: about half the time). Only for a site with GFM on, as
 * Astro's default is.
 */
export function storyProcessorWithGfm(parts: GfmParts) {
  return unified({
    ...storyProcessor.options,
    gfm: false,
    remarkPlugins: [[remarkGfmParts, parts], ...storyProcessor.options.remarkPlugins],
  });
}
