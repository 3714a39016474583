/**
 * Writes the benchmark corpus (see corpus.ts) to a content directory, with its photo pool.
 *
 *   node scripts/bench/generate-corpus.ts --out /tmp/corpus [--articles 1000] [--seed 1] [--photos 200 | --text-only]
 *
 * The pool's 2400x1600 JPEGs are slow to make, so they are generated once per seed and size into
 * `.broadsheet/bench-photos/` and hard-linked (or copied) into each corpus.
 */
import { copyFileSync, existsSync, linkSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { samplePhoto } from '../lib/sample-photo.ts';
import { generateCorpus, PHOTO_DIR, type Corpus, type CorpusOptions } from './corpus.ts';

export const DEFAULT_NOW = new Date('2026-01-15T12:00:00+07:00');

export interface PhotoSize {
  width: number;
  height: number;
}

export const POOL_SIZE = 200;
export const POOL_PHOTO: PhotoSize = { width: 2400, height: 1600 };

/** Makes any missing pool photos in `cacheDir` and returns that folder. */
export async function ensurePhotoPool(cacheRoot: string, seed: number, names: string[], size: PhotoSize, log = (_: string) => {}): Promise<string> {
  const dir = path.join(cacheRoot, `seed-${seed}-${size.width}x${size.height}`);
  mkdirSync(dir, { recursive: true });
  let made = 0;
  for (const [i, name] of names.entries()) {
    const file = path.join(dir, name);
    if (existsSync(file)) continue;
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, await samplePhoto({ ...size, seed: seed * 1000 + i }));
    // Rename last, so an interrupted run never leaves a half-written photo in the cache.
    renameSync(temp, file);
    made++;
    if (made % 20 === 0) log(`  made ${made} pool photos…`);
  }
  return dir;
}

export interface WriteCorpusOptions extends CorpusOptions {
  out: string;
  photoCache: string;
  photoSize?: PhotoSize;
  log?: (line: string) => void;
}

/** Writes the corpus to `out` (emptied first) and returns what was written. */
export async function writeCorpus({ out, photoCache, photoSize = POOL_PHOTO, log, ...options }: WriteCorpusOptions): Promise<Corpus> {
  const corpus = generateCorpus(options);
  rmSync(out, { recursive: true, force: true });
  const dirs = new Set<string>();
  for (const file of corpus.files) {
    const target = path.join(out, file.path);
    const dir = path.dirname(target);
    if (!dirs.has(dir)) {
      mkdirSync(dir, { recursive: true });
      dirs.add(dir);
    }
    writeFileSync(target, file.text);
  }
  if (corpus.photos.length) {
    const pool = await ensurePhotoPool(photoCache, options.seed, corpus.photos, photoSize, log);
    mkdirSync(path.join(out, PHOTO_DIR), { recursive: true });
    for (const name of corpus.photos) {
      const from = path.join(pool, name);
      const to = path.join(out, PHOTO_DIR, name);
      try {
        linkSync(from, to);
      } catch {
        copyFileSync(from, to);
      }
    }
  }
  return corpus;
}

if (import.meta.main) {
  const { values } = parseArgs({
    options: {
      out: { type: 'string' },
      articles: { type: 'string', default: '1000' },
      seed: { type: 'string', default: '1' },
      'text-only': { type: 'boolean', default: false },
      photos: { type: 'string', default: String(POOL_SIZE) },
    },
  });
  if (!values.out) {
    console.error('Say where to write the corpus: --out /tmp/corpus');
    process.exit(2);
  }
  const articles = Number(values.articles);
  const seed = Number(values.seed);
  const corpus = await writeCorpus({
    out: path.resolve(values.out),
    photoCache: path.resolve('.broadsheet', 'bench-photos'),
    seed,
    articles,
    photos: values['text-only'] ? 0 : Number(values.photos),
    now: DEFAULT_NOW,
    log: console.log,
  });
  console.log(`Wrote ${corpus.files.length} files and ${corpus.photos.length} photos to ${values.out}`);
}
