/**
 * A worker thread for scripts/lib/read-pages.ts: reads and hashes the pages it is sent (with each
 * story's search facts), answering with them in the same order, or with the error that stopped it.
 */
import { readBuiltPage } from '../../src/integrations/dist-files.ts';
import { answerRequests } from './threads.ts';

export interface ReadPagesRequest {
  fullPaths: string[];
  /** Story pages (by SHA-256) whose search facts are known already. */
  searchKnown: string[];
}

answerRequests(({ fullPaths, searchKnown }: ReadPagesRequest) => {
  const known = new Set(searchKnown);
  return fullPaths.map((fullPath) => readBuiltPage(fullPath, known));
});
