/**
 * Whether Astro's incremental build can keep its record of this site.
 *
 * Astro keeps, for every cached page, the image transforms the page asked for, and writes the whole
 * record as one JSON text (`<cacheDir>/incremental-build.json`, indented). A JavaScript string holds
 * at most 2^29 - 24 characters (V8), so a large enough site stops the build with "Invalid string
 * length" at the end of rendering. A story page with a hero asks for 19 transforms (AVIF, WebP and
 * JPEG at six widths) and each inline picture for six: about 16 KB and 5 KB of that record (10,000
 * stories with a hero and one inline picture measured 240 MB). Past the budget below the build
 * renders every page instead, which is slower but always completes.
 */

/** Bytes of Astro's incremental record per page, per hero and per inline picture (measured, rounded up). */
export const RECORD_BYTES = { page: 600, hero: 16_000, inlinePicture: 5_000 } as const;

/** Three quarters of V8's longest string, leaving room for an estimate that is a little short. */
export const RECORD_BUDGET = Math.floor((2 ** 29 - 24) * 0.75);

export interface StoryPictures {
  hero: boolean;
  inlinePictures: number;
}

/** The estimated size of Astro's incremental record for these stories (list pages add about a third as many pages). */
export function incrementalRecordBytes(stories: readonly StoryPictures[]): number {
  let bytes = Math.ceil(stories.length * 1.3) * RECORD_BYTES.page;
  for (const story of stories) {
    if (story.hero) bytes += RECORD_BYTES.hero;
    bytes += story.inlinePictures * RECORD_BYTES.inlinePicture;
  }
  return bytes;
}

export function fitsIncrementalBuild(stories: readonly StoryPictures[], budget = RECORD_BUDGET): boolean {
  return incrementalRecordBytes(stories) <= budget;
}
