/** The record of each hero photo's pictures, which spares a build asking astro:assets again. */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { keptPhotoCounts, keptPictures, notePhoto, picturePaths, saveKeptPictures, startKeptPictures } from '../../src/kept-pictures.ts';

const root = process.cwd();
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A build cache whose image cache holds `cached` and whose last build used `used` (names in `_astro/`). */
function cacheWith(cached: string[], used: string[]): string {
  const cache = mkdtempSync(path.join(tmpdir(), 'broadsheet-kept-'));
  dirs.push(cache);
  mkdirSync(path.join(cache, 'assets'));
  for (const name of cached) writeFileSync(path.join(cache, 'assets', name), name);
  mkdirSync(path.join(cache, 'broadsheet'));
  writeFileSync(path.join(cache, 'broadsheet', 'pictures.json'), JSON.stringify(used));
  return cache;
}

const port = '/_astro/port.Dz1.jpg';
const portPictures = ['_astro/port.Dz1_a.webp', '_astro/port.Dz1_b.avif'];
const river = '/_astro/river.Ab2.jpg';
const riverPictures = ['_astro/river.Ab2_a.webp'];

/** A first build: both photos asked for, the record written. */
function firstBuild(cache: string): void {
  startKeptPictures(cache, root);
  notePhoto(port, portPictures, false);
  notePhoto(river, riverPictures, false);
  saveKeptPictures(cache);
}

describe('picturePaths', () => {
  it('finds every encoded picture in the answers: URLs, srcsets and absolute share URLs, once each', () => {
    const answers = [
      ['/_astro/port.Dz1_a.webp', '/_astro/port.Dz1_a.webp 160w, /_astro/port.Dz1_c.webp 320w'],
      [{ url: 'https://example.com/_astro/port.Dz1_d.jpg', width: 1200 }],
      { sources: [{ srcset: '/_astro/port.Dz1_b.avif 400w', type: 'image/avif' }], img: { src: '/_astro/port.Dz1_e.jpg?v=1', alt: '' } },
    ];
    expect(picturePaths(answers)).toEqual(['_astro/port.Dz1_a.webp', '_astro/port.Dz1_b.avif', '_astro/port.Dz1_c.webp', '_astro/port.Dz1_d.jpg', '_astro/port.Dz1_e.jpg']);
    expect(picturePaths([{ url: 'https://example.com/favicon.svg' }])).toEqual([]);
  });
});

describe('the record of kept pictures', () => {
  it('offers a recorded photo when every picture of it will be linked into the build', () => {
    const cache = cacheWith(['port.Dz1_a.webp', 'port.Dz1_b.avif', 'river.Ab2_a.webp'], ['port.Dz1_a.webp', 'port.Dz1_b.avif', 'river.Ab2_a.webp']);
    firstBuild(cache);
    const offered = startKeptPictures(cache, root);
    expect([...offered]).toEqual([
      [port, portPictures],
      [river, riverPictures],
    ]);
  });

  it('does not offer a photo with a picture the build will not link: gone from the cache, or not used last time', () => {
    const cache = cacheWith(['port.Dz1_a.webp', 'river.Ab2_a.webp'], ['port.Dz1_a.webp', 'port.Dz1_b.avif']);
    firstBuild(cache);
    expect([...startKeptPictures(cache, root).keys()]).toEqual([]);
  });

  it('offers nothing from a record made by other code, or a damaged one', () => {
    const all = ['port.Dz1_a.webp', 'port.Dz1_b.avif', 'river.Ab2_a.webp'];
    const cache = cacheWith(all, all);
    firstBuild(cache);
    const file = path.join(cache, 'broadsheet', 'kept-pictures.json');
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { version: string };
    writeFileSync(file, JSON.stringify({ ...saved, version: 'other code' }));
    expect(startKeptPictures(cache, root).size).toBe(0);
    writeFileSync(file, '{"version":');
    expect(startKeptPictures(cache, root).size).toBe(0);
  });

  it("lists the kept photos' pictures for the output list, and records only this build's photos", () => {
    const all = ['port.Dz1_a.webp', 'port.Dz1_b.avif', 'river.Ab2_a.webp'];
    const cache = cacheWith(all, all);
    firstBuild(cache);
    // The next build: the river story is withdrawn, the port photo taken from the record, a new photo asked for.
    const offered = startKeptPictures(cache, root);
    notePhoto(port, offered.get(port)!, true);
    notePhoto('/_astro/quay.Cc3.jpg', ['_astro/quay.Cc3_a.webp'], false);
    expect(keptPictures()).toEqual(portPictures);
    expect(keptPhotoCounts()).toEqual({ kept: 1, photos: 2 });
    saveKeptPictures(cache);
    const saved = JSON.parse(readFileSync(path.join(cache, 'broadsheet', 'kept-pictures.json'), 'utf8')) as { photos: Record<string, string[]> };
    expect(saved.photos).toEqual({ [port]: portPictures, '/_astro/quay.Cc3.jpg': ['_astro/quay.Cc3_a.webp'] });
  });

  it('records no photo without pictures, so it is never taken from the record with none', () => {
    const all = ['port.Dz1_a.webp'];
    const cache = cacheWith(all, all);
    startKeptPictures(cache, root);
    notePhoto(port, [], false);
    saveKeptPictures(cache);
    expect(startKeptPictures(cache, root).size).toBe(0);
  });
});
