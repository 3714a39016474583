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
    load: async ({ store, watcher, logger, generateDigest }) => {
      const sync = async () => {
        if (!existsSync(file)) {
          if (store.keys().length) store.clear();
          logger.info(`No ${displayPath(file)}: the rail will show the latest stories.`);
          return;
        }
        const text = await readFile(file, 'utf8');
        const digest = generateDigest(text);
        // Unchanged since the last build: nothing to parse or set (the rows were checked when they
        // were set). Clearing and setting the entry again in every build re-read the whole CSV and
        // had Astro regenerate its modules of the content's image and module imports.
        if (store.get('pageviews')?.digest === digest) return;
        const { rows, problems } = parsePageviewsCsv(text, displayPath(file));
        if (problems.length) {
          throw new EditorError(
            `The analytics file has ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n${formatPageviewProblems(problems)}`,
          );
        }
        store.clear();
        store.set({ id: 'pageviews', data: { rows }, digest });
      };
      await sync();
      watcher?.add(file);
      watcher?.on('change', (changed) => {
        if (path.resolve(changed) === path.resolve(file)) void sync();
      });
    },
  };
}
