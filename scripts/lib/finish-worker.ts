/**
 * A worker thread for scripts/lib/finish-dist.ts: inspects and finishes (CSP `<meta>`, written
 * into the staging folder) the pages no earlier build saw, one list at a time. Answers each list
 * with what it found and wrote, or with the error that stopped it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { finishNewPage, type FinishedNewPage, type NewPage, type SiteFacts } from './finish-page.ts';

export type FinishReply = { finished: FinishedNewPage[] } | { error: string };

const site = workerData as SiteFacts;
parentPort!.on('message', (pages: NewPage[]) => {
  try {
    parentPort!.postMessage({ finished: pages.map((page) => finishNewPage(page, site)) } satisfies FinishReply);
  } catch (error) {
    parentPort!.postMessage({ error: error instanceof Error ? error.message : String(error) } satisfies FinishReply);
  }
});
