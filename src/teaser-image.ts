/**
 * The small picture beside a teaser's headline.
 *
 * Why not astro:assets' <Image> in StoryTeaser: the same story is teased on its section's pages,
 * its tags' and authors' pages, the front page and beside related stories, and <Image> calls
 * getImage() every time. This asks getImage() with the options <Image> would use (the configured
 * layout, fit and position) once per photo per build (src/image-memo.ts).
 */
import type { ImageMetadata } from 'astro';
import { getImage, imageConfig } from 'astro:assets';
import { imageMemo, photoFacts } from './image-memo.ts';

const TEASER_WIDTHS = [160, 320, 480];
const TEASER_SIZES = '(min-width: 48rem) 10rem, 33vw';

type Processed = Awaited<ReturnType<typeof getImage>>;
const memo = imageMemo<Processed>();

export function teaserImage(src: ImageMetadata): Promise<Processed> {
  return memo(src, 'teaser', async () => {
    const layout = imageConfig.layout ?? 'none';
    const image = await getImage({
      src,
      alt: '',
      widths: TEASER_WIDTHS.filter((width) => width <= photoFacts(src).width),
      sizes: TEASER_SIZES,
      loading: 'lazy',
      decoding: 'async',
      ...(layout !== 'none' ? { layout, fit: imageConfig.objectFit ?? 'cover', position: imageConfig.objectPosition ?? 'center' } : {}),
    });
    // astro:assets puts the picture of `src` on the build's list when `src` is first read: read
    // here, where the answer is worked out (outside any page: src/image-memo.ts), not by a page.
    void image.src;
    return image;
  });
}
