/**
 * A story's hero as a `<picture>`: AVIF and WebP sources and a JPEG (or the original format)
 * fallback, at the article column's widths, asked of astro:assets once per photo per build.
 *
 * Why not astro:assets' <Picture> in HeroFigure: Astro's incremental build records, for each
 * page, every image transform the page asked for, and a hero is 19 of them (six widths in three
 * formats and a fallback). At 10,000 stories that was three quarters of Astro's record of cached
 * pages (180 of 240 MB), written as one JSON text by every build: the build's peak memory, and
 * what limits how large a site can keep incremental builds (src/lib/incremental-budget.ts). Kept
 * per photo like teasers (src/image-memo.ts) and asked for every build in getStaticPaths()
 * (src/image-warmup.ts), a hero is recorded by no page. This builds the same markup <Picture> does
 * for these options (astro/components/Picture.astro): the page-weight, article and image tests
 * read it.
 */
import type { ImageMetadata } from 'astro';
import { getImage, imageConfig } from 'astro:assets';
import { imageMemo, photoFacts } from './image-memo.ts';

/** How wide the hero is shown on a story page: the article column. */
export const ARTICLE_HERO_SIZES = '(min-width: 48rem) 46rem, 100vw';

const HERO_WIDTHS = [400, 640, 800, 1000, 1280, 1600];
const HERO_FORMATS = ['avif', 'webp'] as const;
const MIME = { avif: 'image/avif', webp: 'image/webp' } as const;

/** What <Picture> keeps the original format for as the fallback; anything else falls back to PNG. */
const KEEPS_FORMAT = ['gif', 'svg', 'jpg', 'jpeg'];

export interface HeroPicture {
  sources: { srcset: string; type: string; sizes: string }[];
  /** The fallback <img>'s attributes in <Picture>'s order, `alt` left for the caller to fill in. */
  img: Record<string, string | number | boolean | undefined>;
}

const memo = imageMemo<HeroPicture>();

export function heroPicture(src: ImageMetadata, sizes: string = ARTICLE_HERO_SIZES): Promise<HeroPicture> {
  return memo(src, `hero ${sizes}`, async () => {
    const { width, format } = photoFacts(src);
    const fitting = HERO_WIDTHS.filter((w) => w <= width);
    const layout = imageConfig.layout ?? 'none';
    const options = {
      src,
      // Each story's own alt text is set by HeroFigure: the answer is shared by every story with this photo.
      alt: '',
      widths: fitting.length ? fitting : [width],
      sizes,
      loading: 'eager',
      fetchpriority: 'high',
      decoding: 'async',
      ...(layout !== 'none' ? { layout, fit: imageConfig.objectFit ?? 'cover', position: imageConfig.objectPosition ?? 'center' } : {}),
    } as const;
    const [sources, fallback] = await Promise.all([
      Promise.all(HERO_FORMATS.map((f) => getImage({ ...options, format: f }))),
      getImage({ ...options, format: (KEEPS_FORMAT.includes(format) ? format : 'png') as 'png' }),
    ]);
    // Reading src and srcset is also what puts each answer in the build's image list.
    return {
      sources: sources.map((image, i) => ({ srcset: image.srcSet.attribute, type: MIME[HERO_FORMATS[i]!], sizes })),
      img: {
        src: fallback.src,
        ...(fallback.srcSet.values.length > 0 ? { srcset: fallback.srcSet.attribute } : {}),
        ...fallback.attributes,
      },
    };
  });
}
