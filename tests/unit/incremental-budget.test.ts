import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ASK_GIT_FROM } from '../../src/content/git-blobs.ts';
import { countStoryPictures, fitsIncrementalBuild, incrementalRecordBytes, RECORD_BUDGET, RECORD_BYTES } from '../../src/lib/incremental-budget.ts';
import { commitFiles } from './git-repository.ts';

const stories = (count: number, inlinePictures: number) => Array.from({ length: count }, () => ({ inlinePictures }));

describe('incrementalRecordBytes', () => {
  it('counts every page and every inline picture', () => {
    expect(incrementalRecordBytes([])).toBe(0);
    expect(incrementalRecordBytes(stories(10, 0))).toBe(13 * RECORD_BYTES.page);
    expect(incrementalRecordBytes(stories(10, 2))).toBe(13 * RECORD_BYTES.page + 20 * RECORD_BYTES.inlinePicture);
  });

  it('is close to what Astro wrote for the 10,000-story benchmark (57 MB with one inline picture each)', () => {
    const estimate = incrementalRecordBytes(stories(10_000, 1));
    expect(estimate).toBeGreaterThan(50 * 2 ** 20);
    expect(estimate).toBeLessThan(65 * 2 ** 20);
  });
});

describe('fitsIncrementalBuild', () => {
  it('keeps incremental pages for 50,000 illustrated stories and for 100,000 text-only ones', () => {
    expect(fitsIncrementalBuild(stories(50_000, 1))).toBe(true);
    expect(fitsIncrementalBuild(stories(100_000, 0))).toBe(true);
  });

  it('renders every page of an archive whose record would come near the longest JavaScript string', () => {
    expect(fitsIncrementalBuild(stories(100_000, 1))).toBe(false);
    expect(RECORD_BUDGET).toBeLessThan(2 ** 29 - 24);
  });

  it('takes a smaller budget (to test the switch on a small site)', () => {
    expect(fitsIncrementalBuild(stories(3, 1), 3 * RECORD_BYTES.inlinePicture)).toBe(false);
    expect(fitsIncrementalBuild(stories(3, 1), 3 * RECORD_BYTES.inlinePicture + 4 * RECORD_BYTES.page)).toBe(true);
  });
});

describe('countStoryPictures', () => {
  it('counts the pictures a story body may show, never fewer than it has', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'broadsheet-budget-'));
    try {
      mkdirSync(path.join(dir, 'national'));
      writeFileSync(path.join(dir, 'national', 'a.md'), '---\ntitle: A\n---\n\n![Salt](salt.jpg)\n\nText.\n\n<IMG src="b.png" alt="">\n');
      writeFileSync(path.join(dir, 'b.md'), '---\ntitle: B\n---\n\nNo pictures here.\n');
      writeFileSync(path.join(dir, 'notes.txt'), '![not a story](x.jpg)');
      expect(countStoryPictures(dir).map((s) => s.inlinePictures).sort()).toEqual([0, 2]);
      expect(countStoryPictures(path.join(dir, 'missing'))).toEqual([]);

      // With a cache: a story still the same file is not read again; one written again is.
      const cache = path.join(dir, 'cache', 'story-pictures.json');
      expect(countStoryPictures(dir, cache).map((s) => s.inlinePictures).sort()).toEqual([0, 2]);
      const { mtime } = statSync(path.join(dir, 'b.md'));
      writeFileSync(path.join(dir, 'b.md'), '---\ntitle: B\n---\n\n![One](one.jpg)\n\n![Two](two.jpg)!\n\n![T](t.jpg)\n');
      utimesSync(path.join(dir, 'b.md'), mtime, mtime);
      // Same mtime, but another size: read again.
      expect(countStoryPictures(dir, cache).map((s) => s.inlinePictures).sort()).toEqual([2, 3]);
      // Same size and mtime as recorded (only a write behind the build's back could do it): trusted.
      const sameSize = '---\ntitle: B\n---\n\n![One](one.jpg)\n\n[Two](two.jpg)!!\n\n![T](t.jpg)\n';
      const { mtime: recorded } = statSync(path.join(dir, 'b.md'));
      writeFileSync(path.join(dir, 'b.md'), sameSize);
      utimesSync(path.join(dir, 'b.md'), recorded, recorded);
      expect(countStoryPictures(dir, cache).map((s) => s.inlinePictures).sort()).toEqual([2, 3]);
      // Touched: read again.
      writeFileSync(path.join(dir, 'b.md'), sameSize);
      expect(countStoryPictures(dir, cache).map((s) => s.inlinePictures).sort()).toEqual([2, 2]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('countStoryPictures after a fresh clone of a git checkout', () => {
  it("takes each count from the record by git's id of the story's bytes, reading only the stories git does not hold unchanged", () => {
    const root = mkdtempSync(path.join(tmpdir(), 'broadsheet-budget-git-'));
    try {
      const stories = Object.fromEntries(Array.from({ length: ASK_GIT_FROM + 4 }, (_, i) => [`articles/news/story-${i}.md`, `---\ntitle: ${i}\n---\n\n${'![P](p.jpg)\n\n'.repeat(i % 3)}Text.\n`]));
      const git = commitFiles(root, stories);
      const dir = path.join(root, 'articles');
      const cache = path.join(root, 'cache', 'story-pictures.json');
      const counts = countStoryPictures(dir, cache).map((s) => s.inlinePictures);
      expect(counts.reduce((a, b) => a + b, 0)).toBe(Object.keys(stories).reduce((sum, _, i) => sum + (i % 3), 0));
      // The record says 7 for story-1 (whose bytes hold 1): a count taken from it, not from the file, shows.
      const record = JSON.parse(readFileSync(cache, 'utf8')) as { version: string; files: Record<string, string> };
      const parts = record.files['news/story-1.md']!.split(' ');
      parts[3] = '7';
      record.files['news/story-1.md'] = parts.join(' ');
      writeFileSync(cache, JSON.stringify(record));
      // A fresh clone: every file written anew (another inode and times), one story edited after it.
      for (const file of Object.keys(stories)) rmSync(path.join(root, file));
      git('checkout', '--', '.');
      writeFileSync(path.join(dir, 'news/story-2.md'), '---\ntitle: 2\n---\n\nNo pictures now.\n');
      const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.md'));
      const again = new Map(countStoryPictures(dir, cache).map((s, i) => [files[i], s.inlinePictures]));
      expect(again.get('news/story-1.md')).toBe(7);
      expect(again.get('news/story-2.md')).toBe(0);
      expect(again.get('news/story-5.md')).toBe(2);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
