/**
 * A worker thread that renders story Markdown with the same pipeline Astro would use
 * (src/markdown/story-processor.ts through @astrojs/markdown-remark), for the pool in
 * src/content/markdown-pool.ts. Runs as plain Node (type stripping), outside Vite.
 */
import { pathToFileURL } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';
import { forwardWarnings } from '../markdown/markdown-warnings.ts';
import { mayHaveAutolinkLiterals } from '../markdown/gfm-without-autolink-literals.ts';
import { storyProcessor, storyProcessorWithoutAutolinkLiterals } from '../markdown/story-processor.ts';
import type { RenderReply, RenderRequest, WorkerOptions } from './markdown-pool.ts';

const port = parentPort;
if (!port) throw new Error('src/content/markdown-worker.ts runs only as a worker thread.');

forwardWarnings((line) => port.postMessage({ warning: line } satisfies RenderReply));
const options = workerData as WorkerOptions;
const renderer = await storyProcessor.createRenderer(options);
// With GFM on (Astro's default), a story that cannot hold a GFM autolink literal is rendered
// without looking for them: the same HTML, a third less time (src/markdown/gfm-without-autolink-literals.ts).
const gfm = storyProcessor.options.gfm ?? options.gfm ?? true;
const lighter = gfm ? await storyProcessorWithoutAutolinkLiterals.createRenderer(options) : renderer;

port.on('message', async ({ id, body, filePath, frontmatter }: RenderRequest) => {
  try {
    const result = await (mayHaveAutolinkLiterals(body) ? renderer : lighter).render(body, { frontmatter, ...(filePath ? { fileURL: pathToFileURL(filePath) } : {}) });
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
