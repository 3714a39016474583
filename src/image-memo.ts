/**
 * Answers from astro:assets kept for the rest of a build, per source photo. The same photo is asked
 * for on many pages (a story's teaser on every list it is in, its share crops on its page and in
 * every feed, the publisher logo on every page), and getImage() hashes its options for every width
 * each time: at 10,000 stories that was seconds of every build recomputing the same answers.
 * Not kept on the dev server, where a photo can change while the server runs.
 */
import { AsyncResource } from 'node:async_hooks';
import type { ImageMetadata } from 'astro';

/**
 * The photo's file. Why not `src.src`: in a build, reading any other property of an imported
 * image marks its original as used, and Astro then copies the original into dist/ (the proxy in
 * astro/dist/assets/utils/proxy.js); `fsPath` is the one property that does not.
 */
function photoKey(src: ImageMetadata): string {
  const fsPath = (src as { fsPath?: unknown }).fsPath;
  return typeof fsPath === 'string' ? fsPath : src.src;
}

let outsidePages: (<R>(make: () => R) => R) | undefined;

/**
 * From here on, an answer first asked for by a page is worked out as if asked for here, outside any
 * page's render. Called by the warm-up (src/image-warmup.ts) from getStaticPaths(), before any page.
 * Why: astro:assets records each picture a page's render asks for in Astro's record of that page
 * (an AsyncLocalStorage around the render), and a kept page's picture is already on the build's
 * list (the warm-up, or the record of src/kept-pictures.ts). Pages ask first for the photos the
 * warm-up took from that record; their pictures in every page's record would grow Astro's record
 * past what src/lib/incremental-budget.ts allows for.
 */
export function answerOutsidePages(): void {
  const run = <R>(make: () => R): R => make();
  outsidePages = AsyncResource.bind(run) as typeof run;
}

export function imageMemo<T>(): (src: ImageMetadata, variant: string, make: () => Promise<T>) => Promise<T> {
  const answers = new Map<string, Promise<T>>();
  return (src, variant, make) => {
    if (import.meta.env.DEV) return make();
    const key = `${photoKey(src)}|${variant}`;
    let answer = answers.get(key);
    if (!answer) {
      answer = outsidePages ? outsidePages(make) : make();
      answers.set(key, answer);
    }
    return answer;
  };
}

/**
 * The photo's size and format without marking its original as used: reading them from the
 * imported image itself would make Astro copy the full-size original into dist/. `clone` is the
 * plain copy astro:assets offers for that (its proxy in astro/dist/assets/utils/proxy.js).
 */
export function photoFacts(src: ImageMetadata): { width: number; height: number; format: string } {
  const plain = ((src as { clone?: ImageMetadata }).clone ?? src) as ImageMetadata;
  return { width: plain.width, height: plain.height, format: plain.format };
}
