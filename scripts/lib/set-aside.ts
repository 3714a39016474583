/**
 * Folders the build wrapper has finished with (the previous dist/, search indexes no build uses):
 * each is renamed into the wrapper's work folder as `old-<pid>` or `old-<pid>-<n>`, and a detached
 * process (scripts/lib/cleanup.ts) deletes them once the new dist/ is in place, so nobody waits for
 * tens of thousands of unlinks. The benchmark waits for that cleanup before it times the next build.
 *
 * The previous dist/ is not deleted but emptied: its files are unlinked and its folders kept, as
 * `tree-<key>` (folderTreeName()), for the next build of that output to build into. Why: a
 * 10,000-story site is 13,000 folders, one per page, and making them was 3 to 5 s of CPU on the
 * build machines' disk (ext4 without a journal, which passes over every recently freed inode one by
 * one to make a new one: each build freed the 13,000 of the folders it deleted). Linking the cached
 * pages into new folders took 2.7 to 5.4 s of a 10,000-story edit build; into the kept folders, 1.2
 * to 1.9 s. Edit builds were 2 to 3 s shorter in an alternated trial, and by a median of 1.2 s over
 * an hour of builds on a machine whose speed moved by 2 s either way (docs/benchmarks/README.md).
 * Folders the next build leaves empty (a withdrawn story's) are removed before its output is
 * swapped in (removeEmptyFolders() in src/integrations/dist-files.ts).
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, unlinkSync, type Dirent } from 'node:fs';
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

/** The key of the output folder `outDir` (an absolute path) in the names of the work folder's files for it. */
export function outputKey(outDir: string): string {
  return createHash('sha256').update(outDir).digest('hex').slice(0, 12);
}

/** The emptied folders of an earlier output that builds of the output keyed `key` build into. */
export function folderTreeName(key: string): string {
  return `tree-${key}`;
}

/**
 * Unlinks every file under `dir` (anything not a folder: links, sockets), keeping the folders, then
 * renames it to `tree`: a folder under that name holds no file. If anything fails, or `tree` is
 * taken, `dir` is deleted instead. Returns whether `tree` is now the emptied folder.
 */
export function keepFolderTree(dir: string, tree: string): boolean {
  try {
    for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true }) as Dirent[]) {
      if (!entry.isDirectory()) unlinkSync(path.join(entry.parentPath, entry.name));
    }
    if (!existsSync(tree)) {
      renameSync(dir, tree);
      return true;
    }
  } catch {
    // Deleted below.
  }
  rmSync(dir, { recursive: true, force: true });
  return false;
}

/** The process id in a set-aside folder's name: the build that set it aside. */
function ownerOf(folder: string): number {
  return Number(/^old-(\d+)/.exec(path.basename(folder))![1]);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: running, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Every argument on the command lines of the running processes (Linux's /proc; none elsewhere).
 * The wrapper's detached cleanup names the folders it deletes on its command line.
 */
function commandLineArguments(): Set<string> {
  const args = new Set<string>();
  if (!existsSync('/proc')) return args;
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      for (const arg of readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0')) args.add(arg);
    } catch {
      // Ended since the listing.
    }
  }
  return args;
}

/**
 * Whether some process will still delete `folder`: the build that set it aside is running (it
 * hands its folders to the cleanup at its end), or a cleanup process names it. A build that failed
 * or was stopped leaves its folders to nobody until the next build's cleanup.
 */
function inHand(folder: string, args: ReadonlySet<string>): boolean {
  return isRunning(ownerOf(folder)) || args.has(folder);
}

export interface SetAsideWait {
  /** Milliseconds waited. */
  waitedMs: number;
  /** Folders still there that no process will delete: set aside by a build that failed or was stopped. */
  orphans: string[];
}

/**
 * Resolves once `work` holds no set-aside folder that a process is still deleting (or after
 * `limitMs`). The benchmark waits for that cleanup before it times the next build, then deletes
 * the orphans itself: nobody would, before the next build's own cleanup.
 */
export async function untilSetAsideDeleted(work: string, limitMs = 300_000, pollMs = 100): Promise<SetAsideWait> {
  const started = performance.now();
  for (;;) {
    const folders = setAsideFolders(work);
    const args = folders.length > 0 ? commandLineArguments() : new Set<string>();
    const orphans = folders.filter((folder) => !inHand(folder, args));
    const waitedMs = performance.now() - started;
    if (orphans.length === folders.length || waitedMs >= limitMs) return { waitedMs, orphans };
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
