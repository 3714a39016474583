/**
 * A record of the encoded pictures each hero photo gave in the last build (its teaser, share crops
 * and article picture: src/image-warmup.ts), so a build need not ask astro:assets for them again.
 *
 * Why: the warm-up asks getImage() for every kept picture of every story in every build, so that a
 * picture shown only by pages copied from the last build is on Astro's list; and Astro's images
 * phase then handles each listed picture, although the build wrapper has already linked it from
 * the image cache. Both grow with the photos: about 11.6 s of getImage() at 10,000 distinct photos
 * (measured by asking as if each were different), and 0.12 ms a picture of the images phase
 * (32 pictures a photo). A photo the record holds, whose pictures the wrapper links into this build
 * (scripts/lib/cached-pictures.ts), is not asked for: its pictures go on the output list from here,
 * and pages rendered in this build still ask for (and so list) what they show.
 *
 * Only under the build wrapper (it sets the output list), which links those pictures: under a
 * plain `astro build` nothing would copy a picture Astro was not asked for. A photo is known by its
 * content (the hashed `src` of its `clone`), so a replaced photo is asked for again and its old
 * pictures leave dist/. The record starts afresh when the picture code, the Astro config or the
 * lockfile change (`sourceHash()`), as those decide which pictures a photo gives and their names.
 *
 * The warm-up runs in Astro's bundled page code and the record is written by the site-machine
 * integration: two copies of this module in one process, so their state is kept on globalThis.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ImageMetadata } from 'astro';
import { ASSETS_DIR, picturesToLink } from '../scripts/lib/cached-pictures.ts';
import { sourceHash } from './content/story-bodies.ts';

interface KeptState {
  /** The record's version for this build's code. */
  version: string;
  /** Every hero photo of this build, by content, with the pictures it gives (`_astro/…` paths). */
  photos: Map<string, string[]>;
  /** The photos taken from the record, not asked for. */
  kept: Set<string>;
}

interface SavedRecord {
  version?: string;
  photos?: Record<string, string[]>;
}

const STATE = Symbol.for('broadsheet.kept-pictures');
const WARMUP_ENTRY = path.join('src', 'image-warmup.ts');

function recordFile(cacheDir: string): string {
  return path.join(cacheDir, 'broadsheet', 'kept-pictures.json');
}

function state(): KeptState | undefined {
  return (globalThis as { [STATE]?: KeptState })[STATE];
}

/** The photo by its content: `src` holds a hash of the file. Read from `clone`, which does not mark the original as used. */
export function photoContentKey(src: ImageMetadata): string {
  return ((src as { clone?: ImageMetadata }).clone ?? src).src;
}

/** The encoded pictures named in astro:assets answers (URLs and srcsets), as paths under the output folder. */
export function picturePaths(answers: unknown): string[] {
  const found = JSON.stringify(answers).match(new RegExp(`/${ASSETS_DIR}/[^\\s,"\\\\?#]+`, 'g')) ?? [];
  return [...new Set(found.map((url) => url.slice(1)))].sort();
}

/**
 * Starts this build's record and returns the photos whose pictures may be taken from the last
 * one: recorded under the same code, every picture linked into this build. Empty when the record
 * is missing, damaged or from other code.
 */
export function startKeptPictures(cacheDir: string, root: string): Map<string, string[]> {
  const version = sourceHash(root, WARMUP_ENTRY);
  (globalThis as { [STATE]?: KeptState })[STATE] = { version, photos: new Map(), kept: new Set() };
  let saved: SavedRecord;
  try {
    saved = JSON.parse(readFileSync(recordFile(cacheDir), 'utf8')) as SavedRecord;
  } catch {
    return new Map();
  }
  if (saved.version !== version || !saved.photos) return new Map();
  const linked = new Set(picturesToLink(cacheDir).map((name) => `${ASSETS_DIR}/${name}`));
  const usable = new Map<string, string[]>();
  for (const [photo, pictures] of Object.entries(saved.photos)) {
    if (Array.isArray(pictures) && pictures.length > 0 && pictures.every((picture) => linked.has(picture))) usable.set(photo, pictures);
  }
  return usable;
}

/** Notes a hero photo of this build and its pictures; `kept` when they came from the record. */
export function notePhoto(photo: string, pictures: readonly string[], kept: boolean): void {
  const current = state();
  if (!current || pictures.length === 0) return;
  current.photos.set(photo, [...pictures]);
  if (kept) current.kept.add(photo);
}

/** The pictures of the photos taken from the record: for the output list, as Astro lists those it generated. */
export function keptPictures(): string[] {
  const current = state();
  if (!current) return [];
  return [...current.kept].flatMap((photo) => current.photos.get(photo) ?? []);
}

/** How many photos this build took from the record, and how many it noted in all. */
export function keptPhotoCounts(): { kept: number; photos: number } {
  const current = state();
  return { kept: current?.kept.size ?? 0, photos: current?.photos.size ?? 0 };
}

/** Writes this build's record for the next build: this build's hero photos only. */
export function saveKeptPictures(cacheDir: string): void {
  const current = state();
  if (!current) return;
  const file = recordFile(cacheDir);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify({ version: current.version, photos: Object.fromEntries([...current.photos].sort(([a], [b]) => (a < b ? -1 : 1))) }));
}
