/**
 * Renders story Markdown on every core. Why: Astro's glob() loader renders each changed entry on
 * the main thread, one after another, and on a cold build of 10,000 stories that rendering
 * (micromark, remark, rehype) is most of the content sync while the other cores sit idle. This
 * wrapper hands the loader a Markdown render function that posts each body to a pool of worker
 * threads running the same pipeline (src/markdown/story-processor.ts through Astro's own
 * @astrojs/markdown-remark), and returns what Astro's Markdown entry type would have stored.
 * Plugin warnings come back to the main thread and go to the build log as before.
 */
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { AstroMarkdownOptions } from '@astrojs/markdown-remark';
import type { ContentEntryType } from 'astro';
import type { Loader, LoaderContext } from 'astro/loaders';
import { reportToBuildLog } from '../markdown/markdown-warnings.ts';
import { storyRenderer, type StoryRenderer } from './render-story.ts';

/** What the worker needs from the Astro config to build Astro's renderer. */
export type WorkerOptions = Pick<AstroMarkdownOptions, 'syntaxHighlight' | 'gfm' | 'smartypants' | 'image'>;

/**
 * The context Astro's content layer hands every loader. `entryTypes` (how each file extension is
 * read and rendered) is what glob() renders Markdown with, but Astro's public type leaves it out.
 */
export type GlobLoaderContext = LoaderContext & { entryTypes: Map<string, ContentEntryType> };

export interface RenderRequest {
  id: number;
  body: string;
  filePath: string | undefined;
  frontmatter: Record<string, unknown>;
}

export interface RenderedContent {
  html: string;
  metadata: Record<string, unknown> & { imagePaths: string[] };
}

export type RenderReply = { warning: string } | { id: number; rendered: RenderedContent } | { id: number; error: string };

interface Pending {
  resolve: (rendered: RenderedContent) => void;
  reject: (error: Error) => void;
}

/** Worker threads that render Markdown; each request goes to the least busy one. */
class MarkdownPool {
  readonly #workers: { worker: Worker; pending: Map<number, Pending> }[] = [];
  #nextId = 0;

  constructor(size: number, options: WorkerOptions) {
    for (let i = 0; i < size; i++) {
      const worker = new Worker(new URL('./markdown-worker.ts', import.meta.url), { workerData: options });
      const pending = new Map<number, Pending>();
      worker.on('message', (reply: RenderReply) => {
        if ('warning' in reply) return reportToBuildLog(reply.warning);
        const waiting = pending.get(reply.id);
        pending.delete(reply.id);
        if (pending.size === 0) worker.unref();
        if ('error' in reply) waiting?.reject(new Error(reply.error));
        else waiting?.resolve(reply.rendered);
      });
      const fail = (error: Error) => {
        for (const waiting of pending.values()) waiting.reject(error);
        pending.clear();
      };
      worker.on('error', fail);
      worker.on('exit', (code) => fail(new Error(`A Markdown render worker stopped (exit code ${code}).`)));
      // An idle pool must not keep the dev server or a test run alive, but a busy one must keep
      // the process alive: nothing else may be left on the event loop while Astro waits for it.
      worker.unref();
      this.#workers.push({ worker, pending });
    }
  }

  render(request: Omit<RenderRequest, 'id'>): Promise<RenderedContent> {
    const target = this.#workers.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      if (target.pending.size === 0) target.worker.ref();
      target.pending.set(id, { resolve, reject });
      target.worker.postMessage({ ...request, id } satisfies RenderRequest);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.#workers.map(({ worker }) => worker.terminate()));
  }
}

/** Stories a sync renders on its own thread before it starts the pool (see below). */
export const RENDERED_HERE = 4;

/** Threads to render with: one per core the process may use, at most four. */
export function renderThreads(): number {
  return Math.max(1, Math.min(4, os.availableParallelism()));
}

/**
 * Wraps a glob() loader of Markdown files so that `.md` bodies are rendered by a worker pool.
 * The pool lives while the loader loads and is closed after it (a dev server's later single-file
 * re-renders start a new one).
 */
export function parallelMarkdown(inner: Loader, threads = renderThreads()): Loader {
  return {
    ...inner,
    load: async (loaderContext: LoaderContext) => {
      const context = loaderContext as GlobLoaderContext;
      const markdown = context.entryTypes.get('.md');
      if (!markdown?.getRenderFunction) return inner.load(context);
      const { image, markdown: markdownConfig } = context.config;
      // Plain data only: this is copied to each worker. (Astro's types mark these optional.)
      const options = {
        image: { domains: [...image.domains], remotePatterns: structuredClone(image.remotePatterns) },
        syntaxHighlight: markdownConfig.syntaxHighlight,
        gfm: markdownConfig.gfm,
        smartypants: markdownConfig.smartypants,
      } as WorkerOptions;
      let pool: MarkdownPool | undefined;
      let here: Promise<StoryRenderer> | undefined;
      let renderedHere = 0;
      const entryTypes = new Map(context.entryTypes);
      entryTypes.set('.md', {
        ...markdown,
        getRenderFunction: async () => async (entry: { body?: string; filePath?: string; data: Record<string, unknown> }) => {
          const request = { body: entry.body ?? '', filePath: entry.filePath, frontmatter: entry.data };
          // The first few on this thread: a worker takes about a second to start and load the
          // pipeline, most of the sync of a build that renders one edited story, and long enough
          // for Astro to write the whole content store once more while it waits.
          if (renderedHere < RENDERED_HERE) {
            renderedHere++;
            here ??= storyRenderer(options);
            return (await here)(request);
          }
          pool ??= new MarkdownPool(threads, options);
          return pool.render(request);
        },
      });
      try {
        await inner.load({ ...context, entryTypes } as GlobLoaderContext);
      } finally {
        const done = pool;
        pool = undefined;
        await done?.close();
      }
    },
  };
}
