/**
 * A worker thread for scripts/lib/finish-dist.ts: inspects and finishes (CSP `<meta>`, written
 * into the staging folder) the pages no earlier build saw, one list at a time. Answers each list
 * with what it found and wrote, or with the error that stopped it.
 */
import { workerData } from 'node:worker_threads';
import { finishNewPage, type NewPage, type SiteFacts } from './finish-page.ts';
import { answerRequests } from './threads.ts';

const site = workerData as SiteFacts;
answerRequests((pages: NewPage[]) => pages.map((page) => finishNewPage(page, site)));
