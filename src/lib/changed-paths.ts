/**
 * What changed between two builds, as URL paths a deploy step can purge from a CDN. Each build
 * writes a manifest of its files and their SHA-256; the next build compares its own against it.
 */

export const MANIFEST_FILE = '.broadsheet-manifest.json';
export const CHANGED_PATHS_FILE = '.changed-paths';

/**
 * Files the CDN reads as configuration and never serves, and the two files this module writes
 * (they describe the build; they are not part of the site a reader sees).
 */
const NOT_SERVED = new Set(['_headers', '_redirects', '_routes.json', MANIFEST_FILE, CHANGED_PATHS_FILE]);

export interface Manifest {
  version: 1;
  /** Path relative to dist/ (with `/` separators) -> hex SHA-256 of the file's bytes. */
  files: Record<string, string>;
}

/** Whether a file in dist/ is served to readers at a URL. */
export function isServed(file: string): boolean {
  return !NOT_SERVED.has(file);
}

/**
 * The URL path a file in dist/ is served at: `index.html` -> `/`, `national/x/index.html` ->
 * `/national/x/`, `_astro/a.webp` -> `/_astro/a.webp`; characters a URL cannot carry are escaped.
 */
export function urlPathOfFile(file: string): string {
  const path = `/${file.split('\\').join('/')}`.replace(/(^|\/)index\.html$/, '$1');
  return encodeURI(path);
}

/** A manifest whose keys are sorted, so the same files always give the same bytes. */
export function manifestOf(hashes: Iterable<[file: string, sha256: string]>): Manifest {
  const sorted = [...hashes].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return { version: 1, files: Object.fromEntries(sorted) };
}

/**
 * URL paths of the files that were added, changed or removed since `previous`, sorted. Without a
 * previous manifest (a first build), every served file counts as changed.
 */
export function changedUrlPaths(previous: Manifest | undefined, next: Manifest): string[] {
  const before = previous?.files ?? {};
  const files = new Set([...Object.keys(before), ...Object.keys(next.files)]);
  const changed = [...files].filter((file) => isServed(file) && before[file] !== next.files[file]);
  return [...new Set(changed.map(urlPathOfFile))].sort();
}

/** Reads a manifest written by an earlier build; anything else (an older format, garbage) counts as none. */
export function parseManifest(text: string): Manifest | undefined {
  try {
    const value = JSON.parse(text) as Partial<Manifest>;
    if (value.version !== 1 || typeof value.files !== 'object' || value.files === null) return undefined;
    return value as Manifest;
  } catch {
    return undefined;
  }
}
