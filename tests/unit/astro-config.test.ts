import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('astro.config.mjs', () => {
  it('is loaded by Node itself, with the TypeScript modules it imports, so Astro starts no Vite server for it', () => {
    // What Astro does first with a .mjs config (core/config/vite-load.js); it falls back to Vite,
    // silently and slower, when this import fails. Vitest would compile it, so a plain Node does it.
    const loaded = spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '--eval',
        "const { default: config } = await import('./astro.config.mjs'); console.log(JSON.stringify(config.integrations.map((i) => i.name)));",
      ],
      { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } },
    );
    expect(loaded.stderr).toBe('');
    expect(loaded.status).toBe(0);
    expect(JSON.parse(loaded.stdout)).toEqual(expect.arrayContaining(['@astrojs/sitemap', 'broadsheet-site-machine', 'broadsheet-content-store']));
  });
});
