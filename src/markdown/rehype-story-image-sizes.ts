import type { Root } from 'hast';
import { eachElement } from './each-element.ts';

export interface StoryImageSizesOptions {
  /** Widths in pixels to offer in the `srcset`. Default: up to twice the 40rem story column. */
  widths?: number[];
  /** The `sizes` attribute: how wide the picture is shown. Default: the story column or the screen. */
  sizes?: string;
}

export const STORY_IMAGE_WIDTHS = [400, 640, 800, 1000, 1280];
export const STORY_IMAGE_SIZES = '(min-width: 40rem) 40rem, 100vw';

/**
 * Pictures in a story are never wider than the story column (40rem), so each local image gets
 * `widths` and `sizes` for that column, which Astro's image step (it runs after this plugin)
 * turns into the `srcset` and `sizes` attributes. Why: without them Astro offers widths up to the
 * original (2048 and 2400 px for a newsroom photo) with `sizes="… 100vw"`, so a desktop browser
 * fetches a picture three times wider than it shows, and every build encodes those big files.
 * Remote images are left alone.
 */
export default function rehypeStoryImageSizes(options: StoryImageSizesOptions = {}) {
  const widths = options.widths ?? STORY_IMAGE_WIDTHS;
  const sizes = options.sizes ?? STORY_IMAGE_SIZES;
  return (tree: Root) => {
    eachElement(tree, (node) => {
      if (node.tagName !== 'img') return;
      const src = node.properties['src'];
      if (typeof src !== 'string' || /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i.test(src)) return;
      // Astro reads an image's properties as options for its image step, where `widths` is a list
      // of numbers (hast's types know `widths` only as an HTML attribute string).
      Object.assign(node.properties, { widths: [...widths], sizes });
    });
  };
}
