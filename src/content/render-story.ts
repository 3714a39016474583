/**
 * Renders one story's Markdown as Astro's Markdown entry type would store it, with our pipeline
 * (src/markdown/story-processor.ts through @astrojs/markdown-remark). Used by the render workers
 * (src/content/markdown-worker.ts) and, for the first few stories of a sync, by the loader's own
 * thread (src/content/markdown-pool.ts): the same code, so the same HTML either way.
 */
import { pathToFileURL } from 'node:url';
import { gfmPartsFor } from '../markdown/gfm-parts.ts';
import { storyProcessor, storyProcessorWithGfm } from '../markdown/story-processor.ts';
import type { RenderedContent, RenderRequest, WorkerOptions } from './markdown-pool.ts';

export type StoryRenderer = (request: Omit<RenderRequest, 'id'>) => Promise<RenderedContent>;

export async function storyRenderer(options: WorkerOptions): Promise<StoryRenderer> {
  const renderer = await storyProcessor.createRenderer(options);
  type Renderer = typeof renderer;
  // With GFM on (Astro's default), a story that cannot hold a GFM autolink literal or a table is
  // rendered without looking for them: the same HTML in less time (src/markdown/gfm-parts.ts).
  const gfm = storyProcessor.options.gfm ?? options.gfm ?? true;
  const lighter = new Map<string, Promise<Renderer>>();
  const rendererFor = (body: string): Promise<Renderer> | Renderer => {
    if (!gfm) return renderer;
    const parts = gfmPartsFor(body);
    if (parts.autolinkLiterals && parts.tables) return renderer;
    const key = `${parts.autolinkLiterals} ${parts.tables}`;
    let made = lighter.get(key);
    if (!made) lighter.set(key, (made = storyProcessorWithGfm(parts).createRenderer(options)));
    return made;
  };
  return async ({ body, filePath, frontmatter }) => {
    const result = await (await rendererFor(body)).render(body, { frontmatter, ...(filePath ? { fileURL: pathToFileURL(filePath) } : {}) });
    // Not the front matter: Astro's Markdown entry type stores it again in `metadata`, for render()'s
    // `remarkPluginFrontmatter`, which is for plugins that add to it (ours add nothing; pages read
    // the entry's data). In the content store, which every build parses, writes and bundles as one
    // string, it was every story's front matter a second time.
    const { frontmatter: _frontmatter, ...metadata } = result.metadata;
    return {
      html: result.code,
      // Otherwise the shape Astro's own Markdown entry type stores (astro/dist/vite-plugin-markdown).
      metadata: { ...metadata, imagePaths: metadata.localImagePaths.concat(metadata.remoteImagePaths) },
    };
  };
}
