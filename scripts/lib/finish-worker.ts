/**
 * A worker thread for scripts/lib/finish-dist.ts: inspects and finishes (CSP `<meta>`, written
 * into the staging folder) the pages no earlier build saw, one list at a time. Answers each list
 * with what it found and wrote, or with the error that stopped it.
 */
import { workerData } from 'node:worker_threads';
import { finishNewPage, type NewPage, type SiteFacts } from './finish-page.ts';
import { answerRequests, lowerThisThreadsPriority } from './threads.ts';

export interface FinishWorkerData {
  site: SiteFacts;
  /** Work that waits on nobody beside a chain that does (the search index): take only spare CPU. */
  lowPriority: boolean;
}

const { site, lowPriority } = workerData as FinishWorkerData;
if (lowPriority) lowerThisThreadsPriority();
answerRequests((pages: NewPage[]) => pages.map((page) => finishNewPage(page, site)));
