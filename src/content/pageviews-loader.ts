import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Loader } from 'astro/loaders';
import { formatPageviewProblems, parsePageviewsCsv } from '../lib/pageviews.ts';
import { displayPath, EditorError } from './editor-error.ts';

/**
 * Loads `analytics/pageviews.csv` as one entry (`id: "pageviews"`) holding every row. A missing file
 * is not an error: the site then shows the latest stories instead of Most Viewed. A malformed row
 * fails the build, naming the file, the line and the fix.
 */
export function pageviewsLoader({ file }: { file: string }): Loader {
  return {
    name: 'broadsheet-pageviews',
    load: async ({ store, watcher, logger }) => {
      const sync = async () => {
        store.clear();
        if (!existsSync(file)) {
          logger.info(`No ${displayPath(file)}: the rail will show the latest stories.`);
          return;
        }
        const { rows, problems } = parsePageviewsCsv(await readFile(file, 'utf8'), displayPath(file));
        if (problems.length) {
          throw new EditorError(
            `The analytics file has ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n${formatPageviewProblems(problems)}`,
          );
        }
        store.set({ id: 'pageviews', data: { rows } });
      };
      await sync();
      watcher?.add(file);
      watcher?.on('change', (changed) => {
        if (path.resolve(changed) === path.resolve(file)) void sync();
      });
    },
  };
}
