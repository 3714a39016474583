import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { ContentEntryType } from 'astro';
import type { Loader, LoaderContext } from 'astro/loaders';
import { glob } from 'astro/loaders';
import { relativeFilePath } from '../integrations/dist-files.ts';
import { loadFrontMatterYaml, splitMarkdown } from './front-matter.ts';
import type { GlobLoaderContext } from './markdown-pool.ts';

type GlobOptions = Parameters<typeof glob>[0];

/**
 * The context with Markdown's `getEntryInfo` skipping the front matter of a file the store already
 * holds unchanged. Astro's glob loader parses every file's front matter (YAML) before it compares
 * the file's digest with the stored entry's, and then drops the result of an unchanged file: at
 * 10,000 stories, most of a second of every warm build's main thread. The answer given instead is
 * never used: the glob loader compares the same digest for the same id (both come from the same
 * `generateId` and `generateDigest`) and skips the file. Only with a `generateId` that does not read
 * the front matter (the default one reads `slug`).
 */
function skippingUnchanged(context: LoaderContext, { base, generateId }: GlobOptions, contents: Map<string, string>): LoaderContext {
  const { entryTypes } = context as GlobLoaderContext;
  const markdown = entryTypes?.get('.md');
  if (!markdown || !generateId || base === undefined) return context;
  // As the glob loader resolves them: the base folder (with a trailing slash), and each file's
  // entry (its path under the base) and stored path (relative to the project root).
  const baseUrl = new URL(String(base), context.config.root);
  if (!baseUrl.pathname.endsWith('/')) baseUrl.pathname = `${baseUrl.pathname}/`;
  const baseDir = fileURLToPath(baseUrl);
  const root = fileURLToPath(context.config.root);
  const skipping: ContentEntryType = {
    ...markdown,
    getEntryInfo: (params) => {
      const file = fileURLToPath(params.fileUrl);
      const stored = context.store.get(String(generateId({ entry: relativeFilePath(baseDir, file), base: baseUrl, data: {} })));
      // This file's entry (by its path), holding these very bytes: the glob loader will skip it.
      if (stored?.filePath === relativeFilePath(root, file) && stored.digest === context.generateDigest(params.contents)) {
        return { body: '', data: {}, rawData: '', slug: '' };
      }
      // For parseData below, which reads the front matter again with our YAML schema: the bytes
      // the glob loader read and digested, not a second read of the file.
      contents.set(file, params.contents);
      return markdown.getEntryInfo(params);
    },
  };
  return { ...context, entryTypes: new Map([...entryTypes, ['.md', skipping]]) } as GlobLoaderContext;
}

export interface PlainDatesGlobExtras {
  /**
   * Values computed from an entry's Markdown body, added to its data after validation. They are
   * computed only when the file changed (the glob loader skips unchanged files by digest) and kept
   * in the content store, so a loader with `retainBody: false` can still offer what it needs from
   * the body (the excerpt) without keeping every body in memory.
   */
  fromBody?: (body: string, data: Record<string, unknown>) => Record<string, unknown>;
}

/**
 * Astro's `glob()` loader, with front matter read by YAML's core schema instead of the default
 * one. Why: the default schema turns `published: 2023-04-05 08:00` into a Date at 08:00 UTC and
 * forgets that no offset was written, but the content contract says such a time is Phnom Penh
 * time. The core schema keeps dates as text, and the collection schema reads them in the site
 * timezone. It also keeps `no`, `on` and `yes` as words, not booleans. The validator reads front
 * matter with the same function (`src/content/front-matter.ts`).
 */
export function plainDatesGlob(options: GlobOptions, { fromBody }: PlainDatesGlobExtras = {}): Loader {
  const inner = glob(options);
  return {
    ...inner,
    name: 'broadsheet-glob',
    load: async (context: LoaderContext) => {
      // Each changed file's text, from the glob loader's read to its parseData (a few at a time).
      const contents = new Map<string, string>();
      try {
        await inner.load({
          ...skippingUnchanged(context, options, contents),
          parseData: async (props) => {
            let body: string | undefined;
            if (props.filePath) {
              const text = contents.get(props.filePath) ?? (await readFile(props.filePath, 'utf8'));
              contents.delete(props.filePath);
              const { yaml, body: markdown } = splitMarkdown(text);
              if (yaml !== undefined) {
                const plain = loadFrontMatterYaml(yaml, props.filePath);
                if (plain && typeof plain === 'object') props = { ...props, data: plain as typeof props.data };
              }
              body = markdown;
            }
            const data = await context.parseData(props);
            return fromBody && body !== undefined ? { ...data, ...fromBody(body, data) } : data;
          },
        });
      } finally {
        contents.clear();
      }
    },
  };
}
