import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { LoaderContext } from 'astro/loaders';
import { afterEach, describe, expect, it } from 'vitest';
import { EditorError } from '../../src/content/editor-error.ts';
import { pageviewsLoader } from '../../src/content/pageviews-loader.ts';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

interface Stored {
  id: string;
  data: { views: unknown[] };
  digest?: string;
}

/** The loader over a real file, with a store that records every change made to it. */
function site(windowDays = 7) {
  const root = mkdtempSync(path.join(tmpdir(), 'broadsheet-pageviews-'));
  dirs.push(root);
  const file = path.join(root, 'analytics', 'pageviews.csv');
  mkdirSync(path.dirname(file));
  const store = new Map<string, Stored>();
  const changes: string[] = [];
  const context = {
    collection: 'pageviews',
    logger: { warn: () => {}, error: () => {}, info: () => {}, debug: () => {} },
    store: {
      get: (id: string) => store.get(id),
      set: (entry: Stored) => (changes.push(`set ${entry.id}`), store.set(entry.id, entry), true),
      keys: () => [...store.keys()],
      clear: () => (changes.push('clear'), store.clear()),
    },
    generateDigest: (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 16),
  } as unknown as LoaderContext;
  return { file, store, changes, load: (days = windowDays) => pageviewsLoader({ file, windowDays: days }).load(context) };
}

describe('pageviewsLoader', () => {
  it('sets the views per path when the file is new or changed, and leaves the store alone when it is not', async () => {
    const { file, store, changes, load } = site();
    writeFileSync(file, 'date,path,views\n2026-01-14,/national/a/,120\n');
    await load();
    expect(changes).toEqual(['clear', 'set pageviews']);
    expect(store.get('pageviews')?.data.views).toEqual([{ path: '/national/a/', views: 120 }]);

    // Unchanged: touching the store would have Astro treat the collection as changed.
    changes.length = 0;
    await load();
    expect(changes).toEqual([]);

    writeFileSync(file, 'date,path,views\n2026-01-13,/national/a,5\n2026-01-14,/national/a/,120\n2026-01-14,/national/b/,7\n');
    await load();
    expect(changes).toEqual(['clear', 'set pageviews']);
    expect(store.get('pageviews')?.data.views).toEqual([
      { path: '/national/a/', views: 125 },
      { path: '/national/b/', views: 7 },
    ]);
  });

  it('sums the rows again for a new window, the file unchanged', async () => {
    const { file, store, changes, load } = site();
    writeFileSync(file, 'date,path,views\n2026-01-12,/national/a/,50\n2026-01-14,/national/a/,120\n2026-01-14,/national/b/,7\n');
    await load(7);
    expect(store.get('pageviews')?.data.views).toEqual([
      { path: '/national/a/', views: 170 },
      { path: '/national/b/', views: 7 },
    ]);
    changes.length = 0;
    await load(1);
    expect(changes).toEqual(['clear', 'set pageviews']);
    expect(store.get('pageviews')?.data.views).toEqual([
      { path: '/national/a/', views: 120 },
      { path: '/national/b/', views: 7 },
    ]);
  });

  it('fails on a malformed file even when the store holds good rows from before', async () => {
    const { file, store, load } = site();
    writeFileSync(file, 'date,path,views\n2026-01-14,/national/a/,120\n');
    await load();
    writeFileSync(file, 'date,path,views\n2026-01-14,/national/a/,many\n');
    await expect(load()).rejects.toThrow(EditorError);
    await expect(load()).rejects.toThrow(/pageviews\.csv:2: views "many"/);
    expect(store.get('pageviews')?.data.views).toHaveLength(1);
  });

  it('empties the collection when the file is removed', async () => {
    const { file, store, changes, load } = site();
    writeFileSync(file, 'date,path,views\n2026-01-14,/national/a/,120\n');
    await load();
    rmSync(file);
    changes.length = 0;
    await load();
    expect(changes).toEqual(['clear']);
    expect(store.size).toBe(0);
    // Still no file, nothing stored: nothing to change.
    changes.length = 0;
    await load();
    expect(changes).toEqual([]);
  });
});
