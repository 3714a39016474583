/**
 * Which story files are the very files the content store last read, without reading them.
 *
 * Why: Astro's glob loader reads and hashes every file of a collection on every build to find the
 * few that changed. At 10,000 stories that was about 3 s of each edit build: the reads, the
 * hashing, and a write of the whole content store that Astro's 500 ms debounce started while the
 * loader was still reading (the store was written twice). Most builds change a handful of stories.
 *
 * How: after each sync, the loader records each file's stamp (inode, size, and modification and
 * change times in nanoseconds) with the digest of the bytes it read. A file whose stamp is the
 * same and whose stored entry still has that digest is not read again. Every write to a file
 * changes its change time (ctime), which no tool can set back, so a file edited since, even with
 * its modification time restored (`touch -r`, `rsync -t`), has another stamp. The stamp is taken
 * before the file is read: a file saved between the two is read again next time.
 *
 * A fresh git clone (a CI that checks out every build) gives every file a new stamp. The record
 * also keeps git's id of the bytes read (src/content/git-blobs.ts), and a file git holds unchanged
 * under the recorded id is not read either; without git, such a build reads and hashes every file,
 * and hands the glob loader only those whose bytes are not their stored entry's
 * (src/content/plain-dates-glob.ts). Builds in a checkout that persists (an editor's machine, a
 * build server, the benchmark) read only what changed.
 */
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { replaceFile } from '../integrations/dist-files.ts';

/** Identifies the file's bytes as far as the file system tells without reading them. */
export function fileStamp(file: string): string | undefined {
  try {
    const stat = statSync(file, { bigint: true });
    return `${stat.ino}:${stat.size}:${stat.mtimeNs}:${stat.ctimeNs}`;
  } catch {
    return undefined;
  }
}

/**
 * Each file's stamp and the digest of the bytes read at that stamp, by path (relative to the
 * project root); and git's id of those bytes, where git had one (src/content/git-blobs.ts).
 */
export type FileStamps = Map<string, { stamp: string; digest: string; blob?: string | undefined }>;

const VERSION = 1;

/** The record of the last sync, or an empty one (missing, unreadable or from another version). */
export function readFileStamps(file: string): FileStamps {
  try {
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { version: number; files: Record<string, [string, string, string?]> };
    if (saved.version !== VERSION) return new Map();
    return new Map(Object.entries(saved.files).map(([name, [stamp, digest, blob]]) => [name, { stamp, digest, blob }]));
  } catch {
    return new Map();
  }
}

/** Saves the record whole or not at all. */
export function writeFileStamps(file: string, stamps: FileStamps): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const files = Object.fromEntries(
    [...stamps].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([name, { stamp, digest, blob }]) => [name, blob === undefined ? [stamp, digest] : [stamp, digest, blob]]),
  );
  replaceFile(file, JSON.stringify({ version: VERSION, files }));
}
