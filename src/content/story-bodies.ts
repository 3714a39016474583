/**
 * Rendered story bodies live in files next to the content store, not inside it.
 *
 * Why: Astro keeps every entry's rendered HTML in its content store, and a build inlines the whole
 * store into the server bundle as one string (`astro:data-layer-content`), which Vite then parses,
 * copies and writes, and every page-rendering process holds in memory. At 10,000 stories that is
 * over 100 MB of HTML held several times over: most of a 4 GB peak and seconds of bundling on
 * every build, even when one story changed. A page needs one body, so each body is written to its
 * own file when the loader renders it, and read back only by the pages that show it.
 *
 * Files are named by the entry's digest (a hash of the whole Markdown file) and kept in a folder
 * named by a hash of the Markdown pipeline (our plugins, the Astro config, the lockfile), so a
 * changed plugin re-renders every story instead of serving HTML from the old code. An entry
 * whose file is missing (a cleared or moved cache) is dropped from the store before loading, so
 * the loader renders it again.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Loader, LoaderContext } from 'astro/loaders';
import { collectGarbage } from '../integrations/collect-garbage.ts';

/** Where in an entry's `rendered.metadata` the body file's absolute path is kept. */
const BODY_FILE = 'broadsheetBodyFile';

interface StoredEntry {
  rendered?: { html: string; metadata?: Record<string, unknown> };
}

/** The absolute path of an entry's rendered body, or undefined for an entry not stored by us. */
export function storyBodyFile(entry: StoredEntry): string | undefined {
  const file = entry.rendered?.metadata?.[BODY_FILE];
  return typeof file === 'string' ? file : undefined;
}

/**
 * The entry with its rendered HTML read back from its body file, ready for Astro's `render()`
 * (which turns the image placeholders in it into processed images). Entries that still carry
 * their HTML are returned as they are.
 */
export async function withStoryBody<T extends StoredEntry>(entry: T): Promise<T> {
  const file = storyBodyFile(entry);
  if (!file || !entry.rendered) return entry;
  let html: string;
  try {
    html = await readFile(file, 'utf8');
  } catch {
    throw new Error(
      `The rendered story body ${file} is missing: the content cache changed while the site was building. Run the build again.`,
    );
  }
  return { ...entry, rendered: { ...entry.rendered, html } };
}

/** How a story is rendered (with the pipeline, src/markdown/story-processor.ts): it and every module it imports decide how Markdown becomes HTML. */
const PIPELINE_ENTRY = path.join('src', 'content', 'render-story.ts');

/**
 * The project's own files whose contents decide what `entry` does: the module and everything it
 * imports by relative path (for the pipeline: the plugins, the embed rules, the locale's strings),
 * the Astro config, and the lockfile for every package it uses.
 */
function sourceFiles(root: string, entry: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file) || !existsSync(file)) return;
    seen.add(file);
    for (const [, spec] of readFileSync(file, 'utf8').matchAll(/\bfrom\s+'(\.{1,2}\/[^']+\.ts)'/g)) {
      visit(path.resolve(path.dirname(file), spec!));
    }
  };
  visit(path.join(root, entry));
  return [...[...seen].sort(), path.join(root, 'astro.config.mjs'), path.join(root, 'package-lock.json')];
}

/** A short hash of the module `entry` (a path under `root`), the modules it imports, the Astro config and the lockfile. */
export function sourceHash(root: string, entry: string): string {
  const hash = createHash('sha256');
  for (const file of sourceFiles(root, entry)) {
    hash.update(file.slice(root.length));
    hash.update('\0');
    hash.update(existsSync(file) ? readFileSync(file) : '');
    hash.update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

/** A short hash of the Markdown pipeline: its modules, the Astro config and the lockfile. */
export function pipelineHash(root: string): string {
  return sourceHash(root, PIPELINE_ENTRY);
}

/**
 * Wraps a Markdown loader so the rendered HTML of each entry goes to a body file and the content
 * store keeps only its metadata (headings, image paths) and the file's path. Put it outermost, so
 * the entries other wrappers remove (drafts, embargoed stories) lose their body files too.
 */
export function bodiesOnDisk(inner: Loader): Loader {
  return {
    ...inner,
    load: async (context: LoaderContext) => {
      const root = fileURLToPath(context.config.root);
      // The store sits in the cache folder for builds and in .astro/ for the dev server (which has
      // a watcher); each keeps its own bodies so neither prunes the other's.
      const storeDir = context.watcher ? path.join(root, '.astro') : fileURLToPath(context.config.cacheDir);
      const parent = path.join(storeDir, 'story-bodies');
      const dir = path.join(parent, pipelineHash(root));
      mkdirSync(dir, { recursive: true });
      for (const old of readdirSync(parent)) {
        if (path.join(parent, old) !== dir) rmSync(path.join(parent, old), { recursive: true, force: true });
      }

      const { store } = context;
      // One listing of the folder rather than a file check per story (10,000 at newsroom scale).
      const present = new Set(readdirSync(dir));
      for (const [id, entry] of store.entries()) {
        const file = storyBodyFile(entry);
        if (!file || path.dirname(file) !== dir || !present.has(path.basename(file))) store.delete(id);
      }

      // Written on libuv's threads while the loader goes on: one synchronous write per story was
      // about a millisecond each of the main thread in a cold 10,000-story sync.
      const writes: Promise<void>[] = [];
      const set: typeof store.set = (entry) => {
        if (!entry.rendered || entry.digest === undefined) return store.set(entry);
        const file = path.join(dir, `${String(entry.digest)}.html`);
        // Whole or not at all: a build stopped mid-write (Ctrl-C, or scripts/build.ts stopping
        // Astro when the validator finds a mistake) must not leave a cut-off body under the
        // story's digest, which later builds would take as the rendered story.
        const partial = `${file}.${process.pid}.partial`;
        writes.push(writeFile(partial, entry.rendered.html).then(() => rename(partial, file)));
        return store.set({ ...entry, rendered: { html: '', metadata: { ...entry.rendered.metadata, [BODY_FILE]: file } } });
      };
      try {
        await inner.load({ ...context, store: { ...store, set } });
      } catch (error) {
        await Promise.allSettled(writes);
        throw error;
      }
      await Promise.all(writes);

      const kept = new Set(store.values().map((entry) => storyBodyFile(entry)));
      for (const name of readdirSync(dir)) {
        const file = path.join(dir, name);
        if (!kept.has(file)) rmSync(file, { force: true });
      }
      // Rendering thousands of stories leaves hundreds of megabytes of garbage that V8 would keep
      // through bundling and page rendering; scripts/build.ts starts Astro with --expose-gc so the
      // heap can shrink to what is alive before those phases.
      collectGarbage();
    },
  };
}
