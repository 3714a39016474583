/** The build wrapper's set-aside folders, and the benchmark's wait for their deletion. */
import { spawn, spawnSync } from 'node:child_process';
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
