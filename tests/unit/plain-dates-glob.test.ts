import { createHash } from 'node:crypto';
import { appendFileSync, mkdirSync, mkdtempSync, promises, rmSync, statSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { LoaderContext } from 'astro/loaders';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ASK_GIT_FROM } from '../../src/content/git-blobs.ts';
import { plainDatesGlob } from '../../src/content/plain-dates-glob.ts';
import { commitFiles } from './git-repository.ts';
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
function site(files: Record<string, string>, { afterRead, stamps }: { afterRead?: (file: string) => void; stamps?: boolean } = {}) {
  const root = mkdtempSync(path.join(tmpdir(), 'broadsheet-glob-'));
  dirs.push(root);
  const base = path.join(root, 'content', 'articles');
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(base, file)), { recursive: true });
    writeFileSync(path.join(base, file), text);
  }
  const store = new Map<string, Stored>();
  const parsed: string[] = [];
  const said: string[] = [];
  const meta = new Map<string, string>();
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
    logger: { warn: () => {}, error: () => {}, info: (line: string) => said.push(line), debug: () => {} },
    store: {
      get: (id: string) => store.get(id),
      set: (entry: Stored) => (store.set(entry.id, entry), true),
      keys: () => [...store.keys()],
      delete: (id: string) => store.delete(id),
      has: (id: string) => store.has(id),
      addModuleImport: () => {},
      addAssetImports: () => {},
    },
    meta: { get: (key: string) => meta.get(key), set: (key: string, value: string) => void meta.set(key, value), has: (key: string) => meta.has(key), delete: (key: string) => meta.delete(key) },
    parseData: async ({ data }: { data: Record<string, unknown> }) => data,
    generateDigest: (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 16),
    entryTypes: new Map([['.md', markdown]]),
  } as unknown as LoaderContext;
  const loader = plainDatesGlob(
    { pattern: '**/*.md', base, generateId: idFromPath, retainBody: false },
    stamps ? { stamps: path.join(root, 'cache', 'story-stamps.json') } : {},
  );
  return { base, store, parsed, said, meta, load: () => loader.load(context) };
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

  describe('with a record of file stamps', () => {
    const story = (title: string) => `---\ntitle: ${title}\npublished: 2024-03-01 08:00\n---\nBody of ${title}.\n`;
    /** The story files the glob loader reads during `run`. */
    async function filesRead(base: string, run: () => Promise<void>): Promise<string[]> {
      const read = vi.spyOn(promises, 'readFile');
      try {
        await run();
        return read.mock.calls.map(([file]) => path.relative(base, new URL(String(file)).pathname)).sort();
      } finally {
        read.mockRestore();
      }
    }

    it('reads only new and changed files, and keeps every entry as a full read would', async () => {
      const { base, store, said, load } = site({ 'news/a.md': story('A'), 'news/b.md': story('B'), 'sport/c.md': story('C') }, { stamps: true });
      expect(await filesRead(base, load)).toEqual(['news/a.md', 'news/b.md', 'sport/c.md']);
      expect(await filesRead(base, load)).toEqual([]);
      expect(said.at(-1)).toBe('3 of 3 file(s) unchanged since the last build, not read again.');

      appendFileSync(path.join(base, 'news/b.md'), 'An edit.\n');
      writeFileSync(path.join(base, 'sport/d.md'), story('D'));
      expect(await filesRead(base, load)).toEqual(['news/b.md', 'sport/d.md']);
      expect([...store.keys()].sort()).toEqual(['news/a', 'news/b', 'sport/c', 'sport/d']);
      expect(store.get('news/a')?.data).toMatchObject({ title: 'A' });
      expect(store.get('sport/d')?.data).toMatchObject({ title: 'D' });
      expect(store.get('news/b')?.digest).toBe(createHash('sha256').update(`${story('B')}An edit.\n`).digest('hex').slice(0, 16));

      // A story deleted, with nothing else changed, and with another story changed.
      unlinkSync(path.join(base, 'sport/c.md'));
      expect(await filesRead(base, load)).toEqual([]);
      expect([...store.keys()].sort()).toEqual(['news/a', 'news/b', 'sport/d']);
      unlinkSync(path.join(base, 'sport/d.md'));
      appendFileSync(path.join(base, 'news/a.md'), 'An edit.\n');
      expect(await filesRead(base, load)).toEqual(['news/a.md']);
      expect([...store.keys()].sort()).toEqual(['news/a', 'news/b']);
    });

    it('reads a file written again even when its modification time was set back', async () => {
      const { base, store, load } = site({ 'news/a.md': story('A') }, { stamps: true });
      const file = path.join(base, 'news/a.md');
      // A whole second, which the file system keeps exactly (to the nanosecond).
      const time = 1_700_000_000;
      utimesSync(file, time, time);
      await load();
      const { ino } = statSync(file);
      // Same file, same size, same modification time: only the change time tells.
      writeFileSync(file, story('Z'));
      utimesSync(file, time, time);
      expect(statSync(file).ino).toBe(ino);
      expect(await filesRead(base, load)).toEqual(['news/a.md']);
      expect(store.get('news/a')?.data).toMatchObject({ title: 'Z' });
    });

    it('after a fresh clone (every file a new stamp) loads only the files whose bytes changed', async () => {
      const files = { 'news/a.md': story('A'), 'news/b.md': story('B'), 'sport/c.md': story('C') };
      const { base, store, parsed, said, meta, load } = site(files, { stamps: true });
      await load();
      expect(meta.size).toBe(0);
      // A checkout writes every file anew: new inodes and times, the same bytes but one.
      for (const [name, text] of Object.entries(files)) {
        unlinkSync(path.join(base, name));
        writeFileSync(path.join(base, name), name === 'news/b.md' ? story('B2') : text);
      }
      parsed.length = 0;
      await load();
      // Each file was read to hash it, but only the changed one was loaded (its front matter parsed).
      expect(parsed).toEqual(['news/b.md']);
      // One note in the loader's meta store once the files are read, which puts off Astro's debounced write of the store.
      expect(meta.get('stamp-check')).toBe('3 file(s) read');
      expect(said.at(-1)).toBe('2 of 3 file(s) unchanged since the last build (2 of them with new stamps, as after a fresh clone: read and hashed to tell), not loaded again.');
      expect(store.get('news/b')?.data).toMatchObject({ title: 'B2' });
      expect(store.get('news/a')?.data).toMatchObject({ title: 'A' });
      // The new stamps are on the record: the next build reads nothing.
      expect(await filesRead(base, load)).toEqual([]);
      expect(said.at(-1)).toBe('3 of 3 file(s) unchanged since the last build, not read again.');
    });

    it("after a fresh clone of a git checkout reads no file git holds unchanged: git's ids tell", async () => {
      // Enough files for git to be asked (ASK_GIT_FROM): fewer are read instead.
      const files = Object.fromEntries(Array.from({ length: ASK_GIT_FROM + 4 }, (_, i) => [`news/story-${i}.md`, story(`Story ${i}`)]));
      const { base, store, parsed, said, meta, load } = site(files, { stamps: true });
      const root = path.dirname(path.dirname(base));
      const git = commitFiles(root, {});
      await load();
      // A fresh clone's files: every one written anew from git (new inodes and times), one edited since.
      for (const name of Object.keys(files)) unlinkSync(path.join(base, name));
      git('checkout', '--', '.');
      writeFileSync(path.join(base, 'news/story-3.md'), story('Story 3, edited'));
      parsed.length = 0;
      await load();
      expect(parsed).toEqual(['news/story-3.md']);
      // One file read to hash it, the edited one (git no longer holds it unchanged); the rest known by git's ids.
      expect(meta.get('stamp-check')).toBe('1 file(s) read');
      expect(said.at(-1)).toBe(
        `${ASK_GIT_FROM + 3} of ${ASK_GIT_FROM + 4} file(s) unchanged since the last build (${ASK_GIT_FROM + 3} of them with new stamps, as after a fresh clone: git's ids of their bytes told, none read), not loaded again.`,
      );
      expect(store.get('news/story-3')?.data).toMatchObject({ title: 'Story 3, edited' });
      expect(store.get('news/story-4')?.data).toMatchObject({ title: 'Story 4' });

      // A file git says is another blob than the one recorded is read, whatever its stamp record says.
      for (const name of Object.keys(files)) unlinkSync(path.join(base, name));
      git('checkout', '--', '.');
      parsed.length = 0;
      await load();
      // story-3 is git's committed text again: its entry (the edited text) is not its bytes, so it is loaded.
      expect(parsed).toEqual(['news/story-3.md']);
      expect(store.get('news/story-3')?.data).toMatchObject({ title: 'Story 3' });
    });

    it('reads a file again when the store no longer holds what was read (a cleared or replaced store)', async () => {
      const { base, store, load } = site({ 'news/a.md': story('A'), 'news/b.md': story('B') }, { stamps: true });
      await load();
      store.delete('news/a');
      store.set('news/b', { ...store.get('news/b')!, digest: 'another' });
      expect(await filesRead(base, load)).toEqual(['news/a.md', 'news/b.md']);
      expect(store.get('news/a')?.data).toMatchObject({ title: 'A' });
    });
  });
});
