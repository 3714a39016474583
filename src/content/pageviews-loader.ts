import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Loader } from 'astro/loaders';
import { viewsInWindow } from '../lib/most-viewed.ts';
import { formatPageviewProblems, parsePageviewsCsv } from '../lib/pageviews.ts';
import { displayPath, EditorError } from './editor-error.ts';

/**
 * Loads `analytics/pageviews.csv` as one entry (`id: "pageviews"`) holding each URL path's views
 * over the Most Viewed window of `windowDays` days (`viewsInWindow()`), not the rows. A missing file
 * is not an error: the site then shows the latest stories instead of Most Viewed. A malformed row
 * fails the build, naming the file, the line and the fix.
 */
export function pageviewsLoader({ file, windowDays }: { file: string; windowDays: number }): Loader {
  return {
    name: 'broadsheet-pageviews',
    load: async ({ store, watcher, logger, generateDigest }) => {
      const sync = async () => {
        if (!existsSync(file)) {
          if (store.keys().length) store.clear();
          logger.info(`No ${displayPath(file)}: the rail will show the latest stories.`);
          return;
        }
        const text = await readFile(file, 'utf8');
        // The sums depend on the window too: a new window sums the rows again.
        const digest = generateDigest(`${windowDays}\n${text}`);
        // Unchanged since the last build: nothing to parse or set (the rows were checked when they
        // were summed). Clearing and setting the entry again in every build re-read the whole CSV and
        // had Astro regenerate its modules of the content's image and module imports.
        if (store.get('pageviews')?.digest === digest) return;
        const { rows, problems } = parsePageviewsCsv(text, displayPath(file));
        if (problems.length) {
          throw new EditorError(
            `The analytics file has ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n${formatPageviewProblems(problems)}`,
          );
        }
        store.clear();
        store.set({ id: 'pageviews', data: { views: viewsInWindow(rows, windowDays) }, digest });
      };
      await sync();
      watcher?.add(file);
      watcher?.on('change', (changed) => {
        if (path.resolve(changed) === path.resolve(file)) void sync();
      });
    },
  };
}
