/**
 * The content validator on a thread of its own, for scripts/build.ts: parsing every story leaves
 * hundreds of megabytes in the heap (about 340 MB at 100,000 stories), which the build process
 * would otherwise hold while Astro builds, and Astro starts beside it. A thread's heap is returned
 * when it ends. Posts whether the content is valid; problems are printed here, in editor language.
 *
 * At the lowest priority: the build needs its answer only once Astro is done (the wrapper holds
 * Astro's output until then), while Astro's start, content sync and bundling use both cores. At
 * the same priority, the validator's 3.3 s of CPU at 10,000 stories slowed them: edit builds took
 * 15.1 to 15.4 s, and 14.3 to 14.6 s with the validator at the lowest priority, which still
 * answered before Astro began rendering.
 */
import { parentPort } from 'node:worker_threads';
import { checkContent } from '../check-content.ts';
import { lowerThisThreadsPriority } from './threads.ts';

lowerThisThreadsPriority();
parentPort!.postMessage(checkContent() !== undefined);
