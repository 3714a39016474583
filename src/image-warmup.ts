/**
 * Asks astro:assets for every picture that is kept per photo (src/image-memo.ts: story page heroes,
 * teaser pictures, share crops, the publisher logo) before any page is rendered, in every build.
 *
 * Why: Astro's incremental build remembers, for each page, the images that page asked for, and a
 * page copied from the last build brings back only those. A page that took a kept answer asked for
 * nothing, so a photo shown by cached pages only (a teaser on an unchanged list page) would be left
 * out of dist/. Asked here, from getStaticPaths(), which runs in every build before any page,
 * every kept picture is in the build's image list whatever is cached, and pages only ever take
 * kept answers (so their records in Astro's cache stay small).
 */
import type { ImageMetadata } from 'astro';
import { heroPicture } from './hero-image.ts';
import { logoImage, shareImages } from './share-images.ts';
import { teaserImage } from './teaser-image.ts';

let done: Promise<void> | undefined;

/** Every kept picture of these heroes, and the logo; once per build (a no-op on the dev server). */
export function warmImages(heroes: Iterable<ImageMetadata>): Promise<void> {
  if (import.meta.env.DEV) return Promise.resolve();
  done ??= (async () => {
    const work: Promise<unknown>[] = [logoImage()];
    for (const hero of heroes) {
      // Reading src and srcset is what adds a getImage() answer to the build's image list.
      work.push(teaserImage(hero).then((image) => [image.src, image.srcSet.attribute]), shareImages(hero), heroPicture(hero));
    }
    await Promise.all(work);
  })();
  return done;
}
