/**
 * A worker thread for scripts/lib/read-pages.ts: reads and hashes the pages it is sent (with each
 * story's search facts), answering with them in the same order, or with the error that stopped it.
 */
import { parentPort } from 'node:worker_threads';
import { readBuiltPage, type BuiltPage } from '../../src/integrations/dist-files.ts';

export interface ReadPagesRequest {
  fullPaths: string[];
  /** Story pages (by SHA-256) whose search facts are known already. */
  searchKnown: string[];
}

export type ReadPagesReply = { pages: BuiltPage[] } | { error: string };

parentPort!.on('message', ({ fullPaths, searchKnown }: ReadPagesRequest) => {
  try {
    const known = new Set(searchKnown);
    parentPort!.postMessage({ pages: fullPaths.map((fullPath) => readBuiltPage(fullPath, known)) } satisfies ReadPagesReply);
  } catch (error) {
    parentPort!.postMessage({ error: error instanceof Error ? error.message : String(error) } satisfies ReadPagesReply);
  }
});
