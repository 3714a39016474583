/**
 * The content validator on a thread of its own, for scripts/build.ts: parsing every story leaves
 * hundreds of megabytes in the heap (about 340 MB at 100,000 stories), which the build process
 * would otherwise hold while Astro builds, and Astro starts beside it. A thread's heap is returned
 * when it ends. Posts whether the content is valid; problems are printed here, in editor language.
 */
import { parentPort } from 'node:worker_threads';
import { checkContent } from '../check-content.ts';

parentPort!.postMessage(checkContent() !== undefined);
