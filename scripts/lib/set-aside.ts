/**
 * Folders the build wrapper has finished with (the previous dist/, search indexes no build uses):
 * each is renamed into the wrapper's work folder as `old-<pid>` or `old-<pid>-<n>`, and a detached
 * process deletes them once the new dist/ is in place, so nobody waits for tens of thousands of
 * unlinks. The benchmark waits for them to be gone before it times the next build.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

/** The wrapper's work folder under the project root (staging folders, output lists, set-aside folders). */
export function workFolder(root: string): string {
  return path.join(root, '.broadsheet', 'build');
}

/** The name of the `n`th folder a build with process id `pid` sets aside (none: its previous dist/). */
export function setAsideName(pid: number, n?: number): string {
  return n === undefined ? `old-${pid}` : `old-${pid}-${n}`;
}

/** The set-aside folders still in `work`, waiting for (or in the middle of) deletion. */
export function setAsideFolders(work: string): string[] {
  if (!existsSync(work)) return [];
  return readdirSync(work)
    .filter((name) => /^old-\d+(-\d+)?$/.test(name))
    .map((name) => path.join(work, name));
}

/** Resolves once `work` holds no set-aside folder (or after `limitMs`), with the milliseconds waited. */
export async function untilSetAsideDeleted(work: string, limitMs = 300_000, pollMs = 100): Promise<number> {
  const started = performance.now();
  while (setAsideFolders(work).length > 0 && performance.now() - started < limitMs) {
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
  return performance.now() - started;
}
