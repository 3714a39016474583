/**
 * Full garbage collections at the points of a build where garbage stacked onto the peak (and in the
 * content loader, src/content/story-bodies.ts), when the heap is large enough for it to matter.
 *
 * Before bundling (`astro:build:start`, after the content sync): writing the content store and
 * the content modules leaves several hundred megabytes of garbage from a cold 10,000-story sync
 * (V8's heap 604 MB, 496 MB of it in use, when bundling began), and bundling then grew the heap by
 * as much again before V8 collected anything: the peak of a cold build, at the start of bundling.
 *
 * Between bundling and page rendering:
 * Astro renders the pages from inside Vite's build (its `buildApp` hook), right after bundling,
 * and first reads its record of reusable pages (240 MB of JSON at 10,000 stories). V8 had not yet
 * collected what bundling left behind, so the two stacked up: the build's peak memory, about
 * 400 MB above what is alive. scripts/build.ts starts Astro with --expose-gc; without it (a plain
 * `astro build`) this does nothing.
 */
import v8 from 'node:v8';
import type { AstroIntegration } from 'astro';

/**
 * Below this much heap in use, a forced collection cannot lower the build's peak by much: an edit
 * build at 10,000 stories has 150 to 350 MB at the three points, a cold one 500 MB and more. Each
 * forced collection took about 70 ms there, for nothing.
 */
const WORTH_COLLECTING = 400 * 2 ** 20;

/**
 * A full garbage collection now, when the process was started with --expose-gc (scripts/build.ts
 * starts Astro so) and the heap holds enough to matter; nothing otherwise. For the points in a
 * build where V8 would let garbage pile onto the peak.
 */
export function collectGarbage(heapUsed: () => number = () => v8.getHeapStatistics().used_heap_size): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc && heapUsed() >= WORTH_COLLECTING) gc();
}

export function collectGarbageInBuilds(): AstroIntegration {
  return {
    name: 'broadsheet-collect-garbage',
    hooks: {
      'astro:build:start': () => collectGarbage(),
      'astro:config:setup': ({ command, updateConfig }) => {
        if (command !== 'build') return;
        updateConfig({
          vite: {
            plugins: [
              {
                name: 'broadsheet-collect-garbage-before-rendering',
                // Ours is an ordinary plugin and Astro's page generation an `enforce: 'post'` one,
                // so among the 'post' buildApp handlers this one runs first.
                buildApp: {
                  order: 'post',
                  handler: async () => collectGarbage(),
                },
              },
            ],
          },
        });
      },
    },
  };
}
