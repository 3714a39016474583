import { constants, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { copyFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CachedPictures } from '../../scripts/lib/cached-pictures.ts';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/**
 * A build cache whose image cache holds these files, the last build having used `lastUsed` (by
 * default every picture; null: no build recorded any), and an empty staging folder beside it.
 */
function setUp(pictures: Record<string, string>, lastUsed: string[] | null = Object.keys(pictures)): { cache: string; staging: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'broadsheet-pictures-'));
  dirs.push(dir);
  const cache = path.join(dir, 'cache');
  mkdirSync(path.join(cache, 'assets'), { recursive: true });
  for (const [name, bytes] of Object.entries(pictures)) writeFileSync(path.join(cache, 'assets', name), bytes);
  if (lastUsed) {
    mkdirSync(path.join(cache, 'broadsheet'), { recursive: true });
    writeFileSync(path.join(cache, 'broadsheet', 'pictures.json'), JSON.stringify(lastUsed));
  }
  return { cache, staging: path.join(dir, 'staging') };
}

const recorded = (cache: string) => JSON.parse(readFileSync(path.join(cache, 'broadsheet', 'pictures.json'), 'utf8')) as string[];

const inode = (file: string) => statSync(file).ino;

describe("pictures from Astro's image cache", () => {
  it('links the local pictures the last build used into _astro/: not others, nor a remote one (which Astro may write again in place)', async () => {
    const { cache, staging } = setUp(
      {
        'port.Dz_a1.webp': 'webp bytes',
        'port.Dz_b2.avif': 'avif bytes',
        'replaced-years-ago.Ab_c1.webp': 'a photo no build uses any more',
        'remote_c3.jpg': 'remote bytes',
        'remote_c3.jpg.json': '{"expires":0}',
      },
      ['port.Dz_a1.webp', 'port.Dz_b2.avif', 'remote_c3.jpg', 'gone-from-the-cache.Zz_9.webp', '../outside.webp'],
    );
    const pictures = new CachedPictures(cache, staging);
    expect(await pictures.link()).toBe(2);
    expect(inode(path.join(staging, '_astro', 'port.Dz_a1.webp'))).toBe(inode(path.join(cache, 'assets', 'port.Dz_a1.webp')));
    expect(inode(path.join(staging, '_astro', 'port.Dz_b2.avif'))).toBe(inode(path.join(cache, 'assets', 'port.Dz_b2.avif')));
    expect(readdirSync(path.join(staging, '_astro')).sort()).toEqual(['port.Dz_a1.webp', 'port.Dz_b2.avif']);
  });

  it('links nothing before a build has recorded what it used', async () => {
    const { cache, staging } = setUp({ 'port.Dz_a1.webp': 'webp bytes' }, null);
    expect(await new CachedPictures(cache, staging).link()).toBe(0);
    expect(existsSync(staging)).toBe(false);
  });

  it("leaves Astro's copy of a linked picture nothing to do: the cached file keeps its bytes and time", async () => {
    // Astro copies a cached picture with copyFile(cached, output, COPYFILE_FICLONE)
    // (astro/dist/assets/build/generate.js); onto a link to the same file, Node returns at once.
    const bytes = 'x'.repeat(100_000);
    const { cache, staging } = setUp({ 'port.Dz_a1.webp': bytes });
    await new CachedPictures(cache, staging).link();
    const cached = path.join(cache, 'assets', 'port.Dz_a1.webp');
    const output = path.join(staging, '_astro', 'port.Dz_a1.webp');
    const before = statSync(cached, { bigint: true });
    copyFileSync(cached, output, constants.COPYFILE_FICLONE);
    await copyFile(cached, output, constants.COPYFILE_FICLONE);
    const after = statSync(cached, { bigint: true });
    expect(readFileSync(cached, 'utf8')).toBe(bytes);
    expect(after.ino).toBe(before.ino);
    expect(after.mtimeNs).toBe(before.mtimeNs);
    expect(inode(output)).toBe(inode(cached));
  });

  it('removes the linked pictures this build did not use, and nothing it did not link; records the cached ones it used', async () => {
    const { cache, staging } = setUp({ 'kept.A_1.webp': 'kept', 'withdrawn.B_2.webp': 'a withdrawn story', 'bundled.C_3.webp': 'cached too', 'new.E_5.webp': 'encoded this build' }, [
      'kept.A_1.webp',
      'withdrawn.B_2.webp',
      'bundled.C_3.webp',
    ]);
    // Already in the output folder before linking (written by Vite, or by Astro): not linked, never removed.
    mkdirSync(path.join(staging, '_astro'), { recursive: true });
    writeFileSync(path.join(staging, '_astro', 'bundled.C_3.webp'), 'written by the build');
    writeFileSync(path.join(staging, '_astro', 'page.D4.css'), 'p{}');
    const pictures = new CachedPictures(cache, staging);
    expect(await pictures.link()).toBe(2);
    expect(pictures.settle(new Set(['_astro/kept.A_1.webp', '_astro/new.E_5.webp', '_astro/not-cached.F_6.webp', 'index.html']))).toBe(1);
    expect(existsSync(path.join(staging, '_astro', 'kept.A_1.webp'))).toBe(true);
    expect(existsSync(path.join(staging, '_astro', 'withdrawn.B_2.webp'))).toBe(false);
    expect(readFileSync(path.join(staging, '_astro', 'bundled.C_3.webp'), 'utf8')).toBe('written by the build');
    expect(existsSync(path.join(staging, '_astro', 'page.D4.css'))).toBe(true);
    // The cache keeps every picture: a later build may use it again.
    expect(existsSync(path.join(cache, 'assets', 'withdrawn.B_2.webp'))).toBe(true);
    expect(recorded(cache)).toEqual(['kept.A_1.webp', 'new.E_5.webp']);
  });

  it('copies from the cache a picture on the list that linking did not reach', async () => {
    const { cache, staging } = setUp({ 'kept.A_1.webp': 'kept', 'unlinked.B_2.webp': 'taken from the record of kept pictures' }, ['kept.A_1.webp']);
    const pictures = new CachedPictures(cache, staging);
    expect(await pictures.link()).toBe(1);
    expect(pictures.settle(new Set(['_astro/kept.A_1.webp', '_astro/unlinked.B_2.webp', '_astro/nowhere.C_3.webp']))).toBe(0);
    expect(readFileSync(path.join(staging, '_astro', 'unlinked.B_2.webp'), 'utf8')).toBe('taken from the record of kept pictures');
    expect(existsSync(path.join(staging, '_astro', 'nowhere.C_3.webp'))).toBe(false);
    expect(recorded(cache)).toEqual(['kept.A_1.webp', 'unlinked.B_2.webp']);
  });

  it('does nothing without an image cache', async () => {
    const { cache, staging } = setUp({});
    rmSync(path.join(cache, 'assets'), { recursive: true });
    const pictures = new CachedPictures(cache, staging);
    expect(await pictures.link()).toBe(0);
    expect(pictures.settle(new Set())).toBe(0);
    expect(existsSync(staging)).toBe(false);
  });
});
