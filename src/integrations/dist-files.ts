/** Listing a built site's files, for the steps that run over the output (search index, feeds, CSP). */
import { createHash } from 'node:crypto';
import { closeSync, fstatSync, ftruncateSync, openSync, readdirSync, readFileSync, renameSync, rmdirSync, rmSync, writeFileSync, type Dirent } from 'node:fs';
import path from 'node:path';
import { storySearch, type StorySearch } from '../lib/search-key.ts';

/** `file` relative to `dir`, with `/` separators (as dist/ paths are listed and compared). */
export function relativeFilePath(dir: string, file: string): string {
  return path.relative(dir, file).split(path.sep).join('/');
}

/**
 * The path of a directory entry found under `dir` (by readdirSync(dir, { recursive: true })),
 * relative to it with `/` separators.
 *
 * Such an entry's parentPath is `dir` itself or path.join(dir, ...), so the part after `dir` and a
 * separator is already the relative path: sliced, not worked out by path.relative(), which
 * normalizes both paths on every call (0.12 to 0.19 s for the 42,000 entries of a 10,000-story
 * output, against 3 ms). A `dir` written otherwise (`dist/`, `./dist`) takes path.relative().
 */
export function relativeEntryPath(dir: string, entry: Dirent): string {
  const parent = entry.parentPath;
  if (parent === dir) return entry.name;
  if (parent.startsWith(dir + path.sep)) {
    const inside = parent.slice(dir.length + 1);
    return `${path.sep === '/' ? inside : inside.split(path.sep).join('/')}/${entry.name}`;
  }
  return relativeFilePath(dir, path.join(parent, entry.name));
}

/** Every file under `dir`, relative with `/` separators, in a stable order. */
export function distFiles(dir: string): string[] {
  return distListing(dir).files;
}

/** Every file under `dir` (as distFiles()) and every folder, from one walk. */
export function distListing(dir: string): { files: string[]; folders: string[] } {
  const files: string[] = [];
  const folders: string[] = [];
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true }) as Dirent[]) {
    if (entry.isFile()) files.push(relativeEntryPath(dir, entry));
    else if (entry.isDirectory()) folders.push(relativeEntryPath(dir, entry));
  }
  return { files: files.sort(), folders };
}

/**
 * Removes the folders under `dir` that hold no file, at any depth, given its listing (distListing()).
 * A build writes into the folders of an earlier output (scripts/lib/set-aside.ts), and those of
 * pages it no longer has (a withdrawn story, a list grown shorter) would be left empty. Returns the
 * folders removed.
 */
export function removeEmptyFolders(dir: string, { files, folders }: { files: readonly string[]; folders: readonly string[] }): string[] {
  const holding = new Set<string>();
  for (const file of files) {
    for (let folder = path.posix.dirname(file); folder !== '.' && !holding.has(folder); folder = path.posix.dirname(folder)) holding.add(folder);
  }
  // Deepest first: a folder's path is longer than its parent's.
  const empty = folders.filter((folder) => !holding.has(folder)).sort((a, b) => b.length - a.length);
  return empty.filter((folder) => {
    try {
      rmdirSync(path.join(dir, folder));
      return true;
    } catch (error) {
      // Something that is not a file (a symbolic link) is in it: kept, as that is.
      if ((error as NodeJS.ErrnoException).code === 'ENOTEMPTY') return false;
      throw error;
    }
  });
}

export interface BuiltPage {
  /** Hex SHA-256 of the page as Astro wrote it. */
  sha256: string;
  /** Marked for the search index (data-pagefind-body): a story. */
  story: boolean;
  /**
   * A story page read in this build: what the search index needs of it, so that the index does not
   * read the page again (it deletes this once taken).
   */
  search?: StorySearch;
}

/** What an earlier build read of a page, for a file that has not changed since (see PageCache in scripts/lib/finish-dist.ts). */
export interface KnownPages {
  /** The page as read before, if `fullPath` is still the file that was read then. */
  built(page: string, fullPath: string): BuiltPage | undefined;
  recordBuilt(page: string, fullPath: string, built: BuiltPage): void;
}

/**
 * Every HTML page under `dir` (Pagefind's output aside), read once: the search index and the CSP
 * pass both need to know which pages changed, and at 10,000 stories each reading and hashing the
 * half gigabyte of pages on its own was two seconds of every build. With `known`, a page that is
 * still the very file an earlier build read (Astro kept it, linked from its cache) is not read.
 */
export function builtPages(
  dir: string,
  files: readonly string[] = distFiles(dir),
  known?: KnownPages,
  searchKnown?: ReadonlySet<string>,
): Map<string, BuiltPage> {
  const pages = new Map<string, BuiltPage>();
  for (const file of files) {
    if (!isBuiltPage(file)) continue;
    const fullPath = path.join(dir, file);
    let page = known?.built(file, fullPath);
    if (!page) {
      page = readBuiltPage(fullPath, searchKnown);
      known?.recordBuilt(file, fullPath, page);
    }
    pages.set(file, page);
  }
  return pages;
}

/** Whether `file` (relative to the output folder) is a page builtPages() reads. */
export function isBuiltPage(file: string): boolean {
  return file.endsWith('.html') && !file.startsWith('pagefind/');
}

/**
 * Reads and hashes one page; a story's search facts are taken from the same read, unless the
 * search index has them already (`searchKnown`, by the page's SHA-256: searchFactsKnown()).
 */
export function readBuiltPage(fullPath: string, searchKnown?: ReadonlySet<string>): BuiltPage {
  const bytes = readFileSync(fullPath);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  if (!bytes.includes('data-pagefind-body')) return { sha256, story: false };
  if (searchKnown?.has(sha256)) return { sha256, story: true };
  return { sha256, story: true, search: storySearch(bytes.toString('utf8'), sha256) };
}

/**
 * Writes `data` to `file` by writing a file beside it and renaming that over it: a file that is a
 * hard link (a page linked from Astro's cache, a page of the previous dist/) is replaced, and
 * whatever else links to it keeps its bytes.
 */
export function replaceFile(file: string, data: string | Uint8Array): void {
  const temporary = `${file}.new-${process.pid}`;
  try {
    writeFileSync(temporary, data);
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

/**
 * Writes `data` into `file` itself when nothing else links to it (a page Astro rendered in this
 * build), else replaces it as replaceFile() does, so a hard link's other names keep their bytes.
 * Why: replacing costs a new file and a rename, about a third of a millisecond a page on this
 * disk, which was 2 s of each thread's share of a cold 10,000-story CSP pass. Only for files in a
 * staging folder that a failed build discards: a write cut short leaves a partial file.
 */
export function writeOver(file: string, data: Uint8Array): void {
  let fd: number;
  try {
    fd = openSync(file, 'r+');
  } catch {
    return replaceFile(file, data);
  }
  try {
    if (fstatSync(fd).nlink !== 1) return replaceFile(file, data);
    writeFileSync(fd, data);
    ftruncateSync(fd, data.byteLength);
  } finally {
    closeSync(fd);
  }
}
