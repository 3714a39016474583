/**
 * builtPages() (src/integrations/dist-files.ts) for the build wrapper, on every core: after a cold
 * build, or any build that renders every page again, each of the 12,864 pages at 10,000 stories is
 * read and hashed, and each story page's search facts and document are taken from it (a scan of the
 * page, src/lib/search-key.ts). On the wrapper's one thread that was about 2.5 s, with the second
 * core idle. Pages an earlier build read and that are still the same file are not read at all, so
 * after an edit there are few to read and they are read here.
 */
import os from 'node:os';
import path from 'node:path';
import { distFiles, isBuiltPage, readBuiltPage, type BuiltPage, type KnownPages } from '../../src/integrations/dist-files.ts';
import type { ReadPagesRequest } from './read-pages-worker.ts';
import { askWorker, splitEvenly } from './threads.ts';

export interface ReadPagesOptions {
  /** The output folder's files (distFiles()), when the caller has listed them. */
  files?: readonly string[];
  threads?: number;
  /** Story pages whose search facts the index has already (searchFactsKnown()): not scanned. */
  searchKnown?: ReadonlySet<string>;
}

export async function readBuiltPages(
  dir: string,
  known: KnownPages,
  { files = distFiles(dir), threads = os.availableParallelism(), searchKnown = new Set() }: ReadPagesOptions = {},
): Promise<Map<string, BuiltPage>> {
  const script = new URL('./read-pages-worker.ts', import.meta.url);
  const pages = new Map<string, BuiltPage | undefined>();
  const toRead: string[] = [];
  for (const file of files) {
    if (!isBuiltPage(file)) continue;
    const page = known.built(file, path.join(dir, file));
    pages.set(file, page);
    if (!page) toRead.push(file);
  }
  const read =
    toRead.length < 200 || threads < 2
      ? toRead.map((file) => readBuiltPage(path.join(dir, file), searchKnown))
      : (
          await Promise.all(
            splitEvenly(toRead, threads).map((part) =>
              askWorker<ReadPagesRequest, BuiltPage[]>(script, { fullPaths: part.map((file) => path.join(dir, file)), searchKnown: [...searchKnown] }, 'page-reading'),
            ),
          )
        ).flat();
  toRead.forEach((file, i) => {
    const page = read[i]!;
    known.recordBuilt(file, path.join(dir, file), page);
    pages.set(file, page);
  });
  return pages as Map<string, BuiltPage>;
}
