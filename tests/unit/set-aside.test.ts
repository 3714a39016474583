/** The build wrapper's set-aside folders, and the benchmark's wait for their deletion. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { setAsideFolders, setAsideName, untilSetAsideDeleted } from '../../scripts/lib/set-aside.ts';

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

describe('untilSetAsideDeleted', () => {
  it('returns at once when nothing is set aside', async () => {
    expect(await untilSetAsideDeleted(work('staging-abc'))).toBeLessThan(50);
  });

  it('waits until the deleting process is done', async () => {
    const dir = work(setAsideName(7));
    setTimeout(() => rmSync(path.join(dir, 'old-7'), { recursive: true }), 200);
    const waited = await untilSetAsideDeleted(dir, 5_000, 20);
    expect(waited).toBeGreaterThanOrEqual(190);
    expect(setAsideFolders(dir)).toEqual([]);
  });

  it('gives up at its limit', async () => {
    const dir = work(setAsideName(8));
    const waited = await untilSetAsideDeleted(dir, 100, 20);
    expect(waited).toBeGreaterThanOrEqual(100);
    expect(setAsideFolders(dir)).toHaveLength(1);
  });
});
