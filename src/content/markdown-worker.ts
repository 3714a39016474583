/**
 * A worker thread that renders story Markdown with the same pipeline Astro would use
 * (src/markdown/story-processor.ts through @astrojs/markdown-remark), for the pool in
 * src/content/markdown-pool.ts. Runs as plain Node (type stripping), outside Vite.
 */
import { pathToFileURL } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';
import { forwardWarnings } from '../markdown/markdown-warnings.ts';
import { gfmPartsFor } from '../markdown/gfm-parts.ts';
import { storyProcessor, storyProcessorWithGfm } from '../markdown/story-processor.ts';
import type { RenderReply, RenderRequest, WorkerOptions } from './markdown-pool.ts';

const port = parentPort;
if (!port) throw new Error('src/content/markdown-worker.ts runs only as a worker thread.');

forwardWarnings((line) => port.postMessage({ warning: line } satisfies RenderReply));
const options = workerData as WorkerOptions;
const renderer = await storyProcessor.createRenderer(options);
type Renderer = typeof renderer;
// With GFM on (Astro's default), a story that cannot hold a GFM autolink literal or a table is
// rendered without looking for them: the same HTML in less time (src/markdown/gfm-parts.ts).
const gfm = storyProcessor.options.gfm ?? options.gfm ?? true;
const lighter = new Map<string, Promise<Renderer>>();
function rendererFor(body: string): Promise<Renderer> | Renderer {
  if (!gfm) return renderer;
  const parts = gfmPartsFor(body);
  if (parts.autolinkLiterals && parts.tables) return renderer;
  const key = `${parts.autolinkLiterals} ${parts.tables}`;
  let made = lighter.get(key);
  if (!made) lighter.set(key, (made = storyProcessorWithGfm(parts).createRenderer(options)));
  return made;
}

port.on('message', async ({ id, body, filePath, frontmatter }: RenderRequest) => {
  try {
    const result = await (await rendererFor(body)).render(body, { frontmatter, ...(filePath ? { fileURL: pathToFileURL(filePath) } : {}) });
    // Not the front matter: Astro's Markdown entry type stores it again in `metadata`, for render()'s
    // `remarkPluginFrontmatter`, which is for plugins that add to it (ours add nothing; pages read
    // the entry's data). In the content store, which every build parses, writes and bundles as one
    // string, it was every story's front matter a second time.
    const { frontmatter: _frontmatter, ...metadata } = result.metadata;
    const reply: RenderReply = {
      id,
      rendered: {
        html: result.code,
        // Otherwise the shape Astro's own Markdown entry type stores (astro/dist/vite-plugin-markdown).
        metadata: { ...metadata, imagePaths: metadata.localImagePaths.concat(metadata.remoteImagePaths) },
      },
    };
    port.postMessage(reply);
  } catch (error) {
    port.postMessage({ id, error: error instanceof Error ? error.message : String(error) } satisfies RenderReply);
  }
});
