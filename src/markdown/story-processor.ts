/**
 * The Markdown pipeline for stories, in one place: astro.config.ts hands it to Astro, and the
 * content loader's render workers (src/content/markdown-pool.ts) build the same renderer from it.
 */
import { unified } from '@astrojs/markdown-remark';
import rehypeRaw from 'rehype-raw';
import remarkGfmWithoutAutolinkLiterals from './gfm-without-autolink-literals.ts';
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
 * The same pipeline with GFM's autolink literals left out: the render workers use it for stories
 * that cannot contain one (`mayHaveAutolinkLiterals`), where it gives the same HTML in about two
 * thirds of the time. Only for a site with GFM on, as Astro's default is.
 */
export const storyProcessorWithoutAutolinkLiterals = unified({
  ...storyProcessor.options,
  gfm: false,
  remarkPlugins: [remarkGfmWithoutAutolinkLiterals, ...storyProcessor.options.remarkPlugins],
});
