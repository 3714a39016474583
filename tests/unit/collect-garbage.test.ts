import type { Plugin } from 'vite';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { collectGarbageInBuilds } from '../../src/integrations/collect-garbage.ts';

/** The Vite plugins the integration adds for `command`. */
function pluginsFor(command: 'build' | 'dev'): Plugin[] {
  const plugins: Plugin[] = [];
  const setup = collectGarbageInBuilds().hooks['astro:config:setup'] as unknown as (options: object) => void;
  setup({ command, updateConfig: (config: { vite: { plugins: Plugin[] } }) => plugins.push(...config.vite.plugins) });
  return plugins;
}

const globals = globalThis as { gc?: (() => void) | undefined };
const original = globals.gc;
afterEach(() => {
  globals.gc = original;
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
