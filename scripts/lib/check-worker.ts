/**
 * The content validator on a thread of its own, for scripts/build.ts: parsing every story leaves
 * hundreds of megabytes in the heap (about 340 MB at 100,000 stories), which the build process
 * would otherwise hold while Astro builds. A thread's heap is returned when it ends.
 * Posts the stories' picture counts (src/lib/incremental-budget.ts), or null when the content has
 * problems (printed here, in editor language).
 */
import { parentPort } from 'node:worker_threads';
import type { StoryPictures } from '../../src/lib/incremental-budget.ts';
import { checkContent } from '../check-content.ts';

const stories = checkContent();
parentPort!.postMessage(stories ? stories.map(({ inlinePictures }): StoryPictures => ({ inlinePictures })) : null);
