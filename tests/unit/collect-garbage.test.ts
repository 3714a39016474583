import v8 from 'node:v8';
import type { Plugin } from 'vite';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { collectGarbage, collectGarbageInBuilds } from '../../src/integrations/collect-garbage.ts';

const MB = 2 ** 20;
/** The heap in use as V8 reports it to the integration. */
function heapInUse(bytes: number) {
  const real = v8.getHeapStatistics();
  vi.spyOn(v8, 'getHeapStatistics').mockReturnValue({ ...real, used_heap_size: bytes });
}

/** The Vite plugins the integration adds for `command`. */
function pluginsFor(command: 'build' | 'dev'): Plugin[] {
  const plugins: Plugin[] = [];
  const setup = collectGarbageInBuilds().hooks['astro:config:setup'] as unknown as (options: object) => void;
  setup({ command, updateConfig: (config: { vite: { plugins: Plugin[] } }) => plugins.push(...config.vite.plugins) });
  return plugins;
}

const globals = globalThis as { gc?: (() => void) | undefined };
const original = globals.gc;
beforeEach(() => heapInUse(600 * MB));
afterEach(() => {
  globals.gc = original;
  vi.restoreAllMocks();
});

describe('collectGarbage', () => {
  it('collects only when the heap holds enough for a collection to lower the peak', () => {
    globals.gc = vi.fn();
    collectGarbage(() => 399 * MB);
    expect(globals.gc).not.toHaveBeenCalled();
    collectGarbage(() => 400 * MB);
    expect(globals.gc).toHaveBeenCalledOnce();
  });

  it('asks V8 for the heap in use by default', async () => {
    globals.gc = vi.fn();
    heapInUse(150 * MB);
    const start = collectGarbageInBuilds().hooks['astro:build:start'] as unknown as () => void;
    start();
    expect(globals.gc).not.toHaveBeenCalled();
    heapInUse(700 * MB);
    start();
    expect(globals.gc).toHaveBeenCalledOnce();
  });
});

describe('collectGarbageInBuilds', () => {
  it('runs a full garbage collection in Vite’s post buildApp phase of a build, before Astro renders pages', async () => {
    const [plugin, ...others] = pluginsFor('build');
    expect(others).toEqual([]);
    expect(plugin?.enforce).toBeUndefined(); // Astro's page generation is enforce: 'post', so this runs first.
    const hook = plugin!.buildApp as { order: string; handler: () => Promise<void> };
    expect(hook.order).toBe('post');
    globals.gc = vi.fn();
    await hook.handler();
    expect(globals.gc).toHaveBeenCalledOnce();
  });

  it('runs a full garbage collection when the build starts, after the content sync and before bundling', async () => {
    const start = collectGarbageInBuilds().hooks['astro:build:start'] as unknown as () => void;
    globals.gc = vi.fn();
    start();
    expect(globals.gc).toHaveBeenCalledOnce();
    globals.gc = undefined;
    expect(() => start()).not.toThrow();
  });

  it('does nothing without --expose-gc, and adds nothing to the dev server', async () => {
    globals.gc = undefined;
    const hook = pluginsFor('build')[0]!.buildApp as { handler: () => Promise<void> };
    await expect(hook.handler()).resolves.toBeUndefined();
    expect(pluginsFor('dev')).toEqual([]);
  });
});
