/** Listing an output folder, and removing the folders a build left without a file. */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { distListing, removeEmptyFolders } from '../../src/integrations/dist-files.ts';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function site(files: Record<string, string>, folders: string[] = []): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'broadsheet-dist-'));
  dirs.push(dir);
  for (const folder of folders) mkdirSync(path.join(dir, folder), { recursive: true });
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

describe('distListing', () => {
  it('lists the files, sorted, and every folder, from one walk', () => {
    const dir = site({ 'b/index.html': '', 'a/x/index.html': '', 'index.html': '' }, ['c/d']);
    const { files, folders } = distListing(dir);
    expect(files).toEqual(['a/x/index.html', 'b/index.html', 'index.html']);
    expect(folders.sort()).toEqual(['a', 'a/x', 'b', 'c', 'c/d']);
  });

  it('gives the same paths however the folder is written', () => {
    const dir = site({ 'b/index.html': '', 'a/x/y/index.html': '', 'index.html': '' }, ['c/d']);
    const expected = distListing(dir);
    const relative = path.relative(process.cwd(), dir);
    for (const written of [`${dir}/`, `${dir}/.`, `${dir}//`, relative, `./${relative}`, `${relative}/`]) {
      const listed = distListing(written);
      expect(listed.files, written).toEqual(expected.files);
      expect(listed.folders.sort(), written).toEqual([...expected.folders].sort());
    }
  });
});

describe('removeEmptyFolders', () => {
  it('removes the folders no file is in, however deep, and keeps the rest', () => {
    const dir = site(
      { 'index.html': '', 'national/ferry/index.html': '', 'national/page/2/index.html': '', 'pagefind/fragment/a.pf_fragment': '' },
      ['national/market', 'national/page/3', 'politics/old-story/deeper', 'pagefind/shard-4/fragment'],
    );
    const removed = removeEmptyFolders(dir, distListing(dir));
    expect(removed.sort()).toEqual(['national/market', 'national/page/3', 'pagefind/shard-4', 'pagefind/shard-4/fragment', 'politics', 'politics/old-story', 'politics/old-story/deeper']);
    const { files, folders } = distListing(dir);
    expect(files).toEqual(['index.html', 'national/ferry/index.html', 'national/page/2/index.html', 'pagefind/fragment/a.pf_fragment']);
    expect(folders.sort()).toEqual(['national', 'national/ferry', 'national/page', 'national/page/2', 'pagefind', 'pagefind/fragment']);
  });

  it('keeps a folder holding something that is not a file, and the folders above it', () => {
    const dir = site({ 'index.html': '' }, ['a/b']);
    symlinkSync('../../index.html', path.join(dir, 'a/b/link'));
    expect(removeEmptyFolders(dir, distListing(dir))).toEqual([]);
    expect(readdirSync(path.join(dir, 'a/b'))).toEqual(['link']);
  });
});
