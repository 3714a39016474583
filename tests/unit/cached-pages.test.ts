import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CachedPages, readOutputList } from '../../scripts/lib/cached-pages.ts';
import { replaceFile, writeOver } from '../../src/integrations/dist-files.ts';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A build cache whose Astro page cache holds these files, and an empty staging folder beside it. */
function setUp(files: Record<string, string>): { cache: string; staging: string } {
  const root = mkdtempSync(path.join(tmpdir(), 'broadsheet-cached-pages-'));
  dirs.push(root);
  const cache = path.join(root, 'cache');
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(cache, 'dist', file)), { recursive: true });
    writeFileSync(path.join(cache, 'dist', file), text);
  }
  return { cache, staging: path.join(root, 'staging') };
}

const marker = (cache: string) => path.join(cache, 'broadsheet', 'linked-pages');

describe('pages linked from Astro cache', () => {
  it('links every cached HTML page into the staging folder, and nothing else', async () => {
    const { cache, staging } = setUp({ 'index.html': 'front', 'politics/a/index.html': 'story a', 'politics/rss.xml': '<rss/>' });
    const pages = new CachedPages(cache, staging);
    expect(await pages.link()).toBe(2);
    const inode = (file: string) => statSync(file).ino;
    expect(inode(path.join(staging, 'politics/a/index.html'))).toBe(inode(path.join(cache, 'dist/politics/a/index.html')));
    expect(inode(path.join(staging, 'index.html'))).toBe(inode(path.join(cache, 'dist/index.html')));
    // A feed is filled in after Astro (its enclosure lengths): Astro copies it as before.
    expect(existsSync(path.join(staging, 'politics/rss.xml'))).toBe(false);
    expect(existsSync(marker(cache))).toBe(true);
  });

  it('leaves a page Astro wrote first as Astro wrote it', async () => {
    const { cache, staging } = setUp({ 'politics/a/index.html': 'old story a', 'politics/b/index.html': 'story b' });
    mkdirSync(path.join(staging, 'politics/a'), { recursive: true });
    writeFileSync(path.join(staging, 'politics/a/index.html'), 'new story a');
    expect(await new CachedPages(cache, staging).link()).toBe(1);
    expect(readFileSync(path.join(staging, 'politics/a/index.html'), 'utf8')).toBe('new story a');
    expect(readFileSync(path.join(cache, 'dist/politics/a/index.html'), 'utf8')).toBe('old story a');
  });

  it('removes a linked page that is not among the outputs (a withdrawn story), and the folder it leaves empty', async () => {
    const { cache, staging } = setUp({
      'index.html': 'front',
      'politics/kept/index.html': 'kept',
      'politics/withdrawn/index.html': 'withdrawn',
      'politics/withdrawn/gallery/index.html': 'withdrawn gallery',
    });
    const pages = new CachedPages(cache, staging);
    await pages.link();
    expect(pages.settle(new Set(['index.html', 'politics/kept/index.html', 'politics/rss.xml']))).toBe(2);
    expect(existsSync(path.join(staging, 'politics/withdrawn'))).toBe(false);
    expect(readFileSync(path.join(staging, 'politics/kept/index.html'), 'utf8')).toBe('kept');
    expect(existsSync(path.join(staging, 'index.html'))).toBe(true);
    // The build finished: nothing to recover next time.
    expect(existsSync(marker(cache))).toBe(false);
    expect(new CachedPages(cache, staging).recover()).toBeUndefined();
  });

  it('after a build that stopped with pages linked, removes the cached copies written since it started', async () => {
    const { cache, staging } = setUp({ 'politics/a/index.html': 'story a', 'politics/b/index.html': 'story b' });
    // Written by earlier builds.
    for (const file of ['politics/a/index.html', 'politics/b/index.html']) utimesSync(path.join(cache, 'dist', file), 1000, 1000);
    await new CachedPages(cache, staging).link();
    // Astro renders b again, through the link, and the build stops before its record is written.
    writeFileSync(path.join(staging, 'politics/b/index.html'), 'story b, edited');
    expect(readFileSync(path.join(cache, 'dist/politics/b/index.html'), 'utf8')).toBe('story b, edited');

    expect(new CachedPages(cache, staging).recover()).toBe(1);
    expect(existsSync(path.join(cache, 'dist/politics/b/index.html'))).toBe(false);
    expect(readFileSync(path.join(cache, 'dist/politics/a/index.html'), 'utf8')).toBe('story a');
    expect(existsSync(marker(cache))).toBe(false);
  });

  it('does nothing without a page cache (a first build)', async () => {
    const { cache, staging } = setUp({});
    const pages = new CachedPages(cache, staging);
    expect(pages.recover()).toBeUndefined();
    expect(await pages.link()).toBe(0);
    expect(existsSync(marker(cache))).toBe(false);
  });

  it('fails when Astro did not list what it built', () => {
    const { staging } = setUp({});
    expect(() => readOutputList(path.join(staging, 'outputs.json'))).toThrow(/did not say which files it built/);
  });
});

describe('replaceFile', () => {
  it('replaces a hard-linked file without changing what else links to it', async () => {
    const { cache, staging } = setUp({ 'index.html': 'as Astro wrote it' });
    await new CachedPages(cache, staging).link();
    replaceFile(path.join(staging, 'index.html'), 'with a CSP meta');
    expect(readFileSync(path.join(staging, 'index.html'), 'utf8')).toBe('with a CSP meta');
    expect(readFileSync(path.join(cache, 'dist/index.html'), 'utf8')).toBe('as Astro wrote it');
  });
});

describe('writeOver', () => {
  it('writes a file no other name links to in place, longer or shorter', () => {
    const { staging } = setUp({});
    const file = path.join(staging, 'page.html');
    mkdirSync(staging, { recursive: true });
    writeFileSync(file, 'as Astro wrote it');
    const inode = statSync(file).ino;
    writeOver(file, Buffer.from('as Astro wrote it, with a CSP meta'));
    expect(readFileSync(file, 'utf8')).toBe('as Astro wrote it, with a CSP meta');
    writeOver(file, Buffer.from('short'));
    expect(readFileSync(file, 'utf8')).toBe('short');
    expect(statSync(file).ino).toBe(inode);
  });

  it('replaces a hard-linked file without changing what else links to it', async () => {
    const { cache, staging } = setUp({ 'index.html': 'as Astro wrote it' });
    await new CachedPages(cache, staging).link();
    writeOver(path.join(staging, 'index.html'), Buffer.from('with a CSP meta'));
    expect(readFileSync(path.join(staging, 'index.html'), 'utf8')).toBe('with a CSP meta');
    expect(readFileSync(path.join(cache, 'dist/index.html'), 'utf8')).toBe('as Astro wrote it');
  });

  it('creates a file that is not there', () => {
    const { staging } = setUp({});
    mkdirSync(staging, { recursive: true });
    writeOver(path.join(staging, 'new.html'), Buffer.from('new'));
    expect(readFileSync(path.join(staging, 'new.html'), 'utf8')).toBe('new');
  });
});
