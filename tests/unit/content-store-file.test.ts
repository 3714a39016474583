/**
 * The module that reads Astro's content store from its file when the pages render
 * (src/integrations/content-store-file.ts): it gives what Astro's inlined module gave, and a store
 * that is gone or not the one the build synced stops the process with a message, since Astro
 * would take any error for an empty store and build the site without its stories.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
// Astro's own writer of the store file (not exported by the package, so by path).
import { MutableDataStore } from '../../node_modules/astro/dist/content/mutable-data-store.js';
import { contentStoreModule, DATA_STORE_FILE } from '../../src/integrations/content-store-file.ts';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A store file written by Astro with two stories, and the module that reads it. */
async function storeAndModule(): Promise<{ file: string; module: string }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'broadsheet-content-store-'));
  dirs.push(dir);
  const file = path.join(dir, DATA_STORE_FILE);
  const store = await MutableDataStore.fromFile(pathToFileURL(file));
  const articles = store.scopedStore('articles');
  articles.set({ id: 'national/one', data: { title: 'Salt farmers’ record “harvest”', published: new Date('2026-01-02T03:04:05Z') }, digest: 'a1' });
  articles.set({ id: 'business/two', data: { title: 'Rice prices', tags: ['rice', 'markets'] }, digest: 'b2' });
  await store.writeToDisk();
  const module = path.join(dir, 'store.mjs');
  writeFileSync(module, contentStoreModule(file, createHash('sha256').update(readFileSync(file)).digest('hex')));
  return { file, module };
}

/**
 * Imports the module in a process of its own, as Astro's content runtime does (any error taken
 * for an empty store), and prints its default export as JSON.
 */
function importModule(module: string) {
  const script = `let store = 'empty'; try { store = (await import(${JSON.stringify(pathToFileURL(module).href)})).default; } catch {} console.log(JSON.stringify(store));`;
  return spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
}

describe('the content store read from its file', () => {
  it('exports what Astro inlined: the file parsed as JSON', async () => {
    const { file, module } = await storeAndModule();
    const run = importModule(module);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(JSON.parse(readFileSync(file, 'utf8')));
    // Astro's inlined module, for comparison: `export default JSON.parse("<the file>")`.
    expect(run.stdout).toContain('Salt farmers’ record “harvest”');
  });

  it('stops the process with a message naming the file when the store changed after the sync', async () => {
    const { file, module } = await storeAndModule();
    appendFileSync(file, ' ');
    const run = importModule(module);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`Astro's content store ${file} could not be read as this build left it: it changed after this build synced the content.`);
    expect(run.stderr).toContain('run the build again');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('stops the process when the store is gone', async () => {
    const { file, module } = await storeAndModule();
    rmSync(file);
    const run = importModule(module);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`Astro's content store ${file} could not be read as this build left it: ENOENT`);
  });
});
