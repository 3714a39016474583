import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseHTML } from 'linkedom';
import { distFiles } from '../../src/integrations/dist-files.ts';
import { distDir, resultFile, type BuildResult } from './fixture-builds.ts';

export function buildResult(name: string): BuildResult {
  return JSON.parse(readFileSync(resultFile(name), 'utf8')) as BuildResult;
}

/** A built page as a DOM, parsed by a real HTML parser. */
export function page(site: string, urlPath: string): Document {
  const file = path.join(distDir(site), urlPath.replace(/^\//, ''), urlPath.endsWith('/') ? 'index.html' : '');
  return parseHTML(readFileSync(file, 'utf8')).document;
}

/** Every file under a built site, as paths relative to its dist/. */
export function listFiles(site: string): string[] {
  return filesUnder(distDir(site));
}

/** Every file under a folder, as paths relative to it (sorted, `/` separators). */
export function filesUnder(base: string): string[] {
  return distFiles(base);
}

export function readDistFile(site: string, file: string): Buffer {
  return readFileSync(path.join(distDir(site), file));
}

/** Files whose bytes differ between two dist/ folders, or that only one of them has. */
export function differingFiles(a: string, b: string): string[] {
  const filesA = new Set(filesUnder(a));
  const filesB = new Set(filesUnder(b));
  const all = [...new Set([...filesA, ...filesB])].sort();
  const same = (file: string) => readFileSync(path.join(a, file)).equals(readFileSync(path.join(b, file)));
  return all.filter((file) => !filesA.has(file) || !filesB.has(file) || !same(file));
}
