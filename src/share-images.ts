/**
 * Share images and the publisher logo as absolute URLs of files processed by astro:assets (sharp),
 * for Open Graph, Twitter cards, JSON-LD and feeds. Kept out of src/lib because it calls
 * astro:assets; the size arithmetic is in src/lib/share-image-sizes.ts.
 */
import type { ImageMetadata } from 'astro';
import { getImage } from 'astro:assets';
import publisherLogo from './assets/publisher-logo.png';
import { imageMemo, photoFacts } from './image-memo.ts';
import { shareCropSizes } from './lib/share-image-sizes.ts';
import { absoluteUrl } from './lib/urls.ts';
import { machineConfig, siteConfig } from './site.config.ts';

export interface SharedImage {
  url: string;
  width: number;
  height: number;
  type: string;
}

// Kept per photo for the build (src/image-memo.ts says why).
const memo = imageMemo<SharedImage>();

function processed(src: ImageMetadata, width: number, height: number, format: 'jpeg' | 'png'): Promise<SharedImage> {
  return memo(src, `${width}x${height}.${format}`, async () => {
    // One file, no srcset: with the site's responsive layout (astro.config.mjs), getImage() would
    // also encode a srcset of up to eight widths that no card, feed or crawler asks for (24 unused
    // JPEGs a photo, over half of every build's encoded bytes). The file's URL is the same either way.
    const image = await getImage({ src, width, height, fit: 'cover', format, layout: 'none' });
    return { url: absoluteUrl(siteConfig.url, image.src), width, height, type: `image/${format}` };
  });
}

/**
 * The hero as JPEG crops in 16:9, 4:3 and 1:1 (JPEG because every crawler and feed reader reads
 * it); the first is the social card.
 */
export async function shareImages(hero: ImageMetadata): Promise<SharedImage[]> {
  return Promise.all(
    shareCropSizes(photoFacts(hero), machineConfig.social.imageWidth).map(({ width, height }) => processed(hero, width, height, 'jpeg')),
  );
}

export function logoImage(): Promise<SharedImage> {
  const size = machineConfig.publisher.logoSize;
  return processed(publisherLogo, size, size, 'png');
}
