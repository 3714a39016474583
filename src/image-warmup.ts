/**
 * Asks astro:assets for every picture that is kept per photo (src/image-memo.ts: story page heroes,
 * teaser pictures, share crops, the publisher logo) before any page is rendered, in every build,
 * or takes a photo's pictures from the last build's record (src/kept-pictures.ts).
 *
 * Why: Astro's incremental build remembers, for each page, the images that page asked for, and a
 * page copied from the last build brings back only those. A page that took a kept answer asked for
 * nothing, so a photo shown by cached pages only (a teaser on an unchanged list page) would be left
 * out of dist/. Asked here, from getStaticPaths(), which runs in every build before any page,
 * every kept picture is in the build's image list whatever is cached, and pages only ever take
 * kept answers (so their records in Astro's cache stay small).
 */
import type { ImageMetadata } from 'astro';
import { buildCacheDir, wrapperOwnsOutDir } from './build-env.ts';
import { heroPicture } from './hero-image.ts';
import { answerOutsidePages } from './image-memo.ts';
import { notePhoto, photoContentKey, picturePaths, startKeptPictures } from './kept-pictures.ts';
import { logoImage, shareImages } from './share-images.ts';
import { teaserImage } from './teaser-image.ts';

let done: Promise<void> | undefined;

/**
 * Every kept picture of these heroes, and the logo; once per build (a no-op on the dev server).
 * Under the build wrapper, a photo whose pictures the last build recorded and this build links
 * from Astro's image cache is not asked for again (src/kept-pictures.ts).
 */
export function warmImages(heroes: Iterable<ImageMetadata>): Promise<void> {
  if (import.meta.env.DEV) return Promise.resolve();
  done ??= (async () => {
    answerOutsidePages();
    const recorded = wrapperOwnsOutDir() ? startKeptPictures(buildCacheDir(), process.cwd()) : new Map<string, string[]>();
    const work: Promise<unknown>[] = [logoImage()];
    const seen = new Set<string>();
    for (const hero of heroes) {
      const photo = photoContentKey(hero);
      if (seen.has(photo)) continue;
      seen.add(photo);
      const pictures = recorded.get(photo);
      if (pictures) {
        notePhoto(photo, pictures, true);
        continue;
      }
      // Reading src and srcset is what adds a getImage() answer to the build's image list.
      const answers = Promise.all([teaserImage(hero).then((image) => [image.src, image.srcSet.attribute]), shareImages(hero), heroPicture(hero)]);
      work.push(answers.then((answered) => notePhoto(photo, picturePaths(answered), false)));
    }
    await Promise.all(work);
  })();
  return done;
}
