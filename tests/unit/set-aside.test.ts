/** The build wrapper's set-aside folders, their cleanup into the next build's folders, and the benchmark's wait for it. */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { distListing } from '../../src/integrations/dist-files.ts';
import { folderTreeName, keepFolderTree, setAsideFolders, setAsideName, untilSetAsideDeleted } from '../../scripts/lib/set-aside.ts';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function work(...names: string[]): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'broadsheet-work-'));
  dirs.push(dir);
  for (const name of names) mkdirSync(path.join(dir, name));
  return dir;
}

describe('setAsideFolders', () => {
  it('lists the folders builds set aside, not staging folders or output lists', () => {
    const dir = work(setAsideName(41), setAsideName(41, 2), 'staging-abc', 'old-notes');
    writeFileSync(path.join(dir, 'outputs-abc.json'), '[]');
    expect(setAsideFolders(dir).sort()).toEqual([path.join(dir, 'old-41'), path.join(dir, 'old-41-2')]);
    expect(setAsideFolders(path.join(dir, 'missing'))).toEqual([]);
  });
});

/** The id of a process that has ended. */
function endedPid(): number {
  const child = spawnSync(process.execPath, ['-e', '']);
  return child.pid!;
}

describe('untilSetAsideDeleted', () => {
  it('returns at once when nothing is set aside', async () => {
    const { waitedMs, orphans } = await untilSetAsideDeleted(work('staging-abc'));
    expect(waitedMs).toBeLessThan(50);
    expect(orphans).toEqual([]);
  });

  it('waits while the cleanup process that names the folder runs', async () => {
    const dir = work(setAsideName(endedPid()));
    const [folder] = setAsideFolders(dir);
    // As the build wrapper starts it: the folders to delete on its command line.
    const remove = 'setTimeout(() => { for (const dir of process.argv.slice(1)) require("node:fs").rmSync(dir, { recursive: true }); }, 300);';
    const cleanup = spawn(process.execPath, ['-e', remove, folder!], { stdio: 'ignore' });
    await new Promise((resolve) => cleanup.on('spawn', resolve));
    const { waitedMs, orphans } = await untilSetAsideDeleted(dir, 10_000, 20);
    expect(waitedMs).toBeGreaterThanOrEqual(250);
    expect(orphans).toEqual([]);
    expect(setAsideFolders(dir)).toEqual([]);
  });

  it('waits while the build that set the folder aside runs', async () => {
    const dir = work(setAsideName(process.pid));
    setTimeout(() => rmSync(path.join(dir, setAsideName(process.pid)), { recursive: true }), 200);
    const { waitedMs, orphans } = await untilSetAsideDeleted(dir, 5_000, 20);
    expect(waitedMs).toBeGreaterThanOrEqual(190);
    expect(orphans).toEqual([]);
  });

  it('does not wait for the folders of a build that ended without handing them over', async () => {
    const pid = endedPid();
    const dir = work(setAsideName(pid), setAsideName(pid, 1));
    const { waitedMs, orphans } = await untilSetAsideDeleted(dir, 5_000, 20);
    expect(waitedMs).toBeLessThan(1_000);
    expect(orphans.sort()).toEqual([path.join(dir, setAsideName(pid)), path.join(dir, setAsideName(pid, 1))]);
  });

  it('gives up at its limit', async () => {
    const dir = work(setAsideName(process.pid));
    const { waitedMs, orphans } = await untilSetAsideDeleted(dir, 100, 20);
    expect(waitedMs).toBeGreaterThanOrEqual(100);
    expect(orphans).toEqual([]);
    expect(setAsideFolders(dir)).toHaveLength(1);
  });
});

/** An old output: pages in folders, a page hard-linked from elsewhere (a cache), a symbolic link, an empty folder. */
function oldOutput(dir: string, cache: string): void {
  for (const folder of ['national/ferry', 'national/market', '_astro', 'empty/inside']) mkdirSync(path.join(dir, folder), { recursive: true });
  writeFileSync(path.join(dir, 'index.html'), 'front');
  writeFileSync(path.join(dir, 'national/ferry/index.html'), 'ferry');
  writeFileSync(path.join(cache, 'market.html'), 'market');
  linkSync(path.join(cache, 'market.html'), path.join(dir, 'national/market/index.html'));
  symlinkSync('../index.html', path.join(dir, '_astro/link'));
}

describe('keepFolderTree', () => {
  it('unlinks every file and keeps every folder, under the name the next build looks for', () => {
    const dir = work(setAsideName(41), 'cache');
    const old = path.join(dir, setAsideName(41));
    oldOutput(old, path.join(dir, 'cache'));
    const tree = path.join(dir, folderTreeName('abc'));
    expect(keepFolderTree(old, tree)).toBe(true);
    expect(existsSync(old)).toBe(false);
    const { files, folders } = distListing(tree);
    expect(files).toEqual([]);
    expect(readdirSync(path.join(tree, '_astro'))).toEqual([]);
    expect(folders.sort()).toEqual(['_astro', 'empty', 'empty/inside', 'national', 'national/ferry', 'national/market']);
    // A file another folder links to keeps its bytes there.
    expect(readFileSync(path.join(dir, 'cache', 'market.html'), 'utf8')).toBe('market');
  });

  it('deletes the folder instead when the next build has folders waiting already', () => {
    const dir = work(setAsideName(41), 'cache', folderTreeName('abc'));
    const old = path.join(dir, setAsideName(41));
    oldOutput(old, path.join(dir, 'cache'));
    writeFileSync(path.join(dir, folderTreeName('abc'), 'marker'), '');
    expect(keepFolderTree(old, path.join(dir, folderTreeName('abc')))).toBe(false);
    expect(existsSync(old)).toBe(false);
    expect(readdirSync(path.join(dir, folderTreeName('abc')))).toEqual(['marker']);
  });

  it('runs as the detached cleanup: the first folder kept as the tree, the others deleted', () => {
    const dir = work(setAsideName(41), setAsideName(41, 1), 'cache');
    oldOutput(path.join(dir, setAsideName(41)), path.join(dir, 'cache'));
    writeFileSync(path.join(dir, setAsideName(41, 1), 'index.json'), '{}');
    const tree = path.join(dir, folderTreeName('abc'));
    const cleanup = path.join(import.meta.dirname, '../../scripts/lib/cleanup.ts');
    const run = spawnSync(process.execPath, [cleanup, tree, path.join(dir, setAsideName(41)), path.join(dir, setAsideName(41, 1))], { encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['cache', folderTreeName('abc')]);
    expect(distListing(tree).files).toEqual([]);
    // Without a tree to keep ('': the build had no earlier output), every folder is deleted.
    const again = work(setAsideName(42));
    expect(spawnSync(process.execPath, [cleanup, '', path.join(again, setAsideName(42))]).status).toBe(0);
    expect(readdirSync(again)).toEqual([]);
  });
});
