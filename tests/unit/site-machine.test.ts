import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OUTPUT_LIST } from '../../src/build-env.ts';
import { SEARCH_INDEX_LATER, siteMachine } from '../../src/integrations/site-machine.ts';

type BuildDone = (options: { dir: URL; assets: Map<string, URL[]>; logger: { info: (line: string) => void } }) => Promise<void>;

const dirs: string[] = [];
const saved = (globalThis as { astroAsset?: unknown }).astroAsset;
afterEach(() => {
  dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true }));
  vi.unstubAllEnvs();
  (globalThis as { astroAsset?: unknown }).astroAsset = saved;
});

/** Runs site-machine's astro:build:done on an empty output folder, as the build wrapper starts Astro. */
async function buildDone(astroAsset: unknown): Promise<string[]> {
  const dir = mkdtempSync(path.join(tmpdir(), 'broadsheet-machine-'));
  dirs.push(dir);
  const list = path.join(dir, 'outputs.json');
  vi.stubEnv(OUTPUT_LIST, list);
  vi.stubEnv(SEARCH_INDEX_LATER, '1');
  (globalThis as { astroAsset?: unknown }).astroAsset = astroAsset;
  const hook = siteMachine({ language: 'en', shardSize: 5000 }).hooks['astro:build:done'] as unknown as BuildDone;
  const out = path.join(dir, 'dist');
  mkdirSync(out);
  await hook({
    dir: pathToFileURL(`${out}/`),
    assets: new Map([['/[section]/[slug]', [pathToFileURL(path.join(out, 'news', 'a', 'index.html'))]]]),
    logger: { info: () => {} },
  });
  return JSON.parse(readFileSync(list, 'utf8')) as string[];
}

describe("site-machine's list of outputs for the build wrapper", () => {
  it("names the routes' files and every picture Astro generated", async () => {
    const staticImages = new Map([
      ['/_astro/port.Dz.jpg', { transforms: new Map([['a1', { finalPath: '/_astro/port.Dz_a1.webp' }], ['b2', { finalPath: '/_astro/port.Dz_b2.avif' }]]) }],
    ]);
    expect(await buildDone({ staticImages })).toEqual(['news/a/index.html', '_astro/port.Dz_a1.webp', '_astro/port.Dz_b2.avif']);
  });

  it('names no picture for a site without any', async () => {
    expect(await buildDone({ referencedImages: new Set() })).toEqual(['news/a/index.html']);
  });

  it('fails the build when Astro no longer keeps its pictures where the list is read from', async () => {
    await expect(buildDone(undefined)).rejects.toThrow(/globalThis\.astroAsset/);
  });
});
