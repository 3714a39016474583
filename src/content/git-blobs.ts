/**
 * Git's object id of each file under a folder whose bytes are the ones git holds for it, without
 * reading a file.
 *
 * Why: the build's records of story files (the article loader's stamps, src/content/file-stamps.ts;
 * the count of each story's pictures, src/lib/incremental-budget.ts) know a file by its inode, size
 * and times. A fresh clone, as in a CI that checks out every build, gives every file new ones, so
 * each such build read all 10,000 stories of the benchmark again, twice, although they are the same
 * bytes as last time. Git's ids are the same in every clone.
 *
 * Which files: those git tracks (`git ls-files --stage`, the ids in its index) and that have not
 * changed since git last recorded them (`git diff-files` lists every file whose stat no longer
 * matches its index entry, and compares the bytes of those it cannot tell by their stat). A file
 * git does not track, or one edited since, has no id here, and is read as before.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';

/** Fewer files than this unknown by their stamps are read rather than asking git (two processes: 33 ms at 10,000 stories). */
export const ASK_GIT_FROM = 16;

/**
 * The ids by path relative to `dir` (with `/`), or undefined when `dir` is not in a git work tree,
 * git is missing, or git fails: then every file is read, as without git.
 */
export function gitBlobIds(dir: string): Map<string, string> | undefined {
  // The repository `dir` is in, whatever a git hook or a shell pointed git at; and nothing here
  // needs the index lock, which a build must not hold from the editor's own git.
  const { GIT_DIR: _dir, GIT_WORK_TREE: _workTree, GIT_INDEX_FILE: _index, ...env } = process.env;
  const git = (...args: string[]) =>
    spawnSync('git', ['-C', dir, ...args], { encoding: 'utf8', maxBuffer: 512 * 2 ** 20, timeout: 60_000, env: { ...env, GIT_OPTIONAL_LOCKS: '0' } });
  try {
    const listed = git('ls-files', '--stage', '-z', '--', '.');
    if (listed.status !== 0) return undefined;
    const changed = git('diff-files', '--name-only', '--relative', '-z', '--', '.');
    if (changed.status !== 0) return undefined;
    const edited = new Set(changed.stdout.split('\0'));
    const ids = new Map<string, string>();
    for (const entry of listed.stdout.split('\0')) {
      // "<mode> <id> <stage>\t<path>": a regular file (not a link or a submodule), not in a merge.
      const match = /^(100644|100755) ([0-9a-f]{40,64}) 0\t(.+)$/s.exec(entry);
      if (match && !edited.has(match[3]!)) ids.set(match[3]!, match[2]!);
    }
    return ids;
  } catch {
    return undefined;
  }
}

/**
 * Git's id of `bytes` as a file ("blob"), in the same hash as `like` (an id git gave: SHA-1, or
 * SHA-256 in a repository made with it). For the records: an id worked out from the bytes actually
 * read, not the one git listed before they were read, so a file saved in between cannot pair one
 * file's id with another's contents.
 */
export function gitBlobId(bytes: Uint8Array, like: string): string {
  return createHash(like.length === 64 ? 'sha256' : 'sha1')
    .update(`blob ${bytes.byteLength}\0`)
    .update(bytes)
    .digest('hex');
}
