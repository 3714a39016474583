/** Listing a built site's files, for the steps that run over the output (search index, feeds, CSP). */
import { readdirSync, type Dirent } from 'node:fs';
import path from 'node:path';

/** Every file under `dir`, relative with `/` separators, in a stable order. */
export function distFiles(dir: string): string[] {
  return (readdirSync(dir, { recursive: true, withFileTypes: true }) as Dirent[])
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
}
