/**
 * A worker thread that renders story Markdown with the same pipeline Astro would use
 * (src/content/render-story.ts), for the pool in src/content/markdown-pool.ts. Runs as plain Node
 * (type stripping), outside Vite.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { forwardWarnings } from '../markdown/markdown-warnings.ts';
import type { RenderReply, RenderRequest, WorkerOptions } from './markdown-pool.ts';
import { storyRenderer } from './render-story.ts';

const port = parentPort;
if (!port) throw new Error('src/content/markdown-worker.ts runs only as a worker thread.');

forwardWarnings((line) => port.postMessage({ warning: line } satisfies RenderReply));
const render = await storyRenderer(workerData as WorkerOptions);

port.on('message', async ({ id, ...request }: RenderRequest) => {
  try {
    port.postMessage({ id, rendered: await render(request) } satisfies RenderReply);
  } catch (error) {
    port.postMessage({ id, error: error instanceof Error ? error.message : String(error) } satisfies RenderReply);
  }
});
