import { readFile } from 'node:fs/promises';
import type { Loader, LoaderContext } from 'astro/loaders';
import { glob } from 'astro/loaders';
import { loadFrontMatterYaml, splitMarkdown } from './front-matter.ts';

type GlobOptions = Parameters<typeof glob>[0];

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
    load: (context: LoaderContext) =>
      inner.load({
        ...context,
        parseData: async (props) => {
          let body: string | undefined;
          if (props.filePath) {
            const { yaml, body: markdown } = splitMarkdown(await readFile(props.filePath, 'utf8'));
            if (yaml !== undefined) {
              const plain = loadFrontMatterYaml(yaml, props.filePath);
              if (plain && typeof plain === 'object') props = { ...props, data: plain as typeof props.data };
            }
            body = markdown;
          }
          const data = await context.parseData(props);
          return fromBody && body !== undefined ? { ...data, ...fromBody(body, data) } : data;
        },
      }),
  };
}
