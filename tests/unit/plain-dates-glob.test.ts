import { createHash } from 'node:crypto';
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { LoaderContext } from 'astro/loaders';
import { afterEach, describe, expect, it } from 'vitest';
import { plainDatesGlob } from '../../src/content/plain-dates-glob.ts';
import { idFromPath } from '../../src/content/schemas.ts';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

interface Stored {
  id: string;
  data: Record<string, unknown>;
  digest?: string;
  filePath?: string;
}

/** Astro's glob loader over a real folder, with a store and a Markdown reader that counts what it parses. */
function site(files: Record<string, string>, { afterRead }: { afterRead?: (file: string) => void } = {}) {
  const root = mkdtempSync(path.join(tmpdir(), 'broadsheet-glob-'));
  dirs.push(root);
  const base = path.join(root, 'content', 'articles');
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(base, file)), { recursive: true });
    writeFileSync(path.join(base, file), text);
  }
  const store = new Map<string, Stored>();
  const parsed: string[] = [];
  const markdown = {
    getEntryInfo: ({ contents, fileUrl }: { contents: string; fileUrl: URL }) => {
      parsed.push(path.relative(base, new URL(fileUrl).pathname));
      afterRead?.(new URL(fileUrl).pathname);
      const [, yaml = '', body = ''] = /^---\n([\s\S]*?)\n---\n?([\s\S]*)$/.exec(contents) ?? [];
      return { body, data: Object.fromEntries(yaml.split('\n').map((line) => line.split(': ') as [string, string])) };
    },
  };
  const context = {
    collection: 'articles',
    config: { root: pathToFileURL(`${root}/`), srcDir: pathToFileURL(`${root}/src/`) },
    logger: { warn: () => {}, error: () => {}, info: () => {}, debug: () => {} },
    store: {
      get: (id: string) => store.get(id),
      set: (entry: Stored) => (store.set(entry.id, entry), true),
      keys: () => [...store.keys()],
      delete: (id: string) => store.delete(id),
      has: (id: string) => store.has(id),
      addModuleImport: () => {},
      addAssetImports: () => {},
    },
    parseData: async ({ data }: { data: Record<string, unknown> }) => data,
    generateDigest: (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 16),
    entryTypes: new Map([['.md', markdown]]),
  } as unknown as LoaderContext;
  const loader = plainDatesGlob({ pattern: '**/*.md', base, generateId: idFromPath, retainBody: false });
  return { base, store, parsed, load: () => loader.load(context) };
}

describe('plainDatesGlob', () => {
  it('reads the front matter of new and changed stories only, with YAML dates kept as text', async () => {
    const { base, store, parsed, load } = site({
      'news/a.md': '---\ntitle: A\npublished: 2024-03-01 08:00\n---\nBody A.\n',
      'news/b.md': '---\ntitle: B\npublished: 2024-03-02 08:00\n---\nBody B.\n',
    });
    await load();
    expect(parsed.sort()).toEqual(['news/a.md', 'news/b.md']);
    expect(store.get('news/a')?.data).toMatchObject({ title: 'A', published: '2024-03-01 08:00' });

    parsed.length = 0;
    appendFileSync(path.join(base, 'news/b.md'), 'An edit.\n');
    writeFileSync(path.join(base, 'news/c.md'), '---\ntitle: C\npublished: 2024-03-03 08:00\n---\nBody C.\n');
    await load();
    // The unchanged story is kept as it was, without its front matter being read again.
    expect(parsed.sort()).toEqual(['news/b.md', 'news/c.md']);
    expect([...store.keys()].sort()).toEqual(['news/a', 'news/b', 'news/c']);
    expect(store.get('news/a')?.data).toMatchObject({ title: 'A', published: '2024-03-01 08:00' });
    expect(store.get('news/c')?.data).toMatchObject({ title: 'C' });
  });

  it('reads a story again when its stored entry is another file, even one with the same bytes', async () => {
    const text = '---\ntitle: Same\npublished: 2024-03-01 08:00\n---\nSame body.\n';
    const { store, parsed, load } = site({ 'news/a.md': text });
    await load();
    // As if the entry had come from another file (a story moved between folders keeps its id).
    store.set('news/a', { ...store.get('news/a')!, filePath: 'content/articles/sport/a.md' });
    parsed.length = 0;
    await load();
    expect(parsed).toEqual(['news/a.md']);
  });

  it('keeps the front matter of the bytes the glob loader read, even when the file changes right after', async () => {
    const first = '---\ntitle: As read\npublished: 2024-03-01 08:00\n---\nBody.\n';
    const { store, load } = site(
      { 'news/a.md': first },
      // An editor saving the story again between the glob loader's read and the front matter's.
      { afterRead: (file) => writeFileSync(file, first.replace('As read', 'Saved later')) },
    );
    await load();
    expect(store.get('news/a')?.data).toMatchObject({ title: 'As read' });
    expect(store.get('news/a')?.digest).toBe(createHash('sha256').update(first).digest('hex').slice(0, 16));
  });
});
