import { readFile } from 'node:fs/promises';
import { extractFrontmatter } from '@astrojs/markdown-remark';
import type { Loader, LoaderContext } from 'astro/loaders';
import { glob } from 'astro/loaders';
import { loadFrontMatterYaml } from './front-matter.ts';

type GlobOptions = Parameters<typeof glob>[0];

/**
 * Astro's `glob()` loader, with front matter read by YAML's core schema instead of the default
 * one. Why: the default schema turns `published: 2023-04-05 08:00` into a Date at 08:00 UTC and
 * forgets that no offset was written, but the content contract says such a time is Phnom Penh
 * time. The core schema keeps dates as text, and the collection schema reads them in the site
 * timezone. It also keeps `no`, `on` and `yes` as words, not booleans. The validator reads front
 * matter with the same function (`src/content/front-matter.ts`).
 */
export function plainDatesGlob(options: GlobOptions): Loader {
  const inner = glob(options);
  return {
    ...inner,
    name: 'broadsheet-glob',
    load: (context: LoaderContext) =>
      inner.load({
        ...context,
        parseData: async (props) => {
          if (props.filePath) {
            const source = await readFile(props.filePath, 'utf8');
            const raw = extractFrontmatter(source);
            if (raw !== undefined) {
              const plain = loadFrontMatterYaml(raw, props.filePath);
              if (plain && typeof plain === 'object') props = { ...props, data: plain as typeof props.data };
            }
          }
          return context.parseData(props);
        },
      }),
  };
}
