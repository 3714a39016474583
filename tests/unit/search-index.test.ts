/**
 * writeSearchIndex with real Pagefind over a few story pages: one index per `shardSize` stories,
 * made from the stories' search documents and byte for byte the one their whole pages give; the
 * documents kept in the build cache, one folder per index, written again only when they change.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as pagefind from 'pagefind';
import { builtPages, distFiles } from '../../src/integrations/dist-files.ts';
import { EarlySearchIndex, searchFactsKnown, writeSearchIndex } from '../../src/integrations/search-index.ts';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const story = (title: string, published: string) =>
  `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>` +
  `<meta property="article:published_time" content="${published}"></head>` +
  `<body><article data-pagefind-body><h1>${title}</h1><p>${title} reported from the river.</p></article></body></html>`;

/** A story page as the templates write one: site chrome around the body, an ignored rail inside it. */
const fullStory = (title: string, published: string, words: string) =>
  `<!DOCTYPE html><html lang="en" dir="ltr"><head><meta charset="utf-8"><title>${title} | The Daily</title>` +
  `<meta property="article:published_time" content="${published}"><meta name="description" content="Nothing Pagefind reads">` +
  `<style>body{margin:0}</style></head><body><header><nav><a href="/national/">National</a> <a href="/world/">World</a></nav></header>` +
  `<main><article data-pagefind-body><p class="kicker">National</p><h1>${title}</h1>` +
  `<figure><img src="/_astro/photo.webp" alt="Boats on the ${words} river" width="800" height="533"><figcaption>Boats at dawn. Photo: Sok Dara</figcaption></figure>` +
  `<p>${title} reported that the ${words} ferry &amp; market <em>reopened</em> on Monday.</p>` +
  `<aside data-pagefind-ignore><h2>Related stories</h2><ul><li><a href="/x/">Floods close the ring road</a></li></ul></aside>` +
  `<h2 id="more">What comes next</h2><ul><li>Council vote</li><li>Budget</li></ul><blockquote><p>"We waited," said ${words}.</p></blockquote>` +
  `</article><section data-pagefind-ignore><h2>Most viewed</h2><ol><li>Election results</li></ol></section></main>` +
  `<footer><p>Copyright The Daily</p></footer><script type="application/ld+json">{"@type":"NewsArticle"}</script></body></html>`;

/** Every file under `dir` with its bytes. */
const tree = (dir: string) => new Map(distFiles(dir).map((file) => [file, readFileSync(path.join(dir, file))]));

async function pagefindOver(folder: string, outputPath: string): Promise<void> {
  const { index } = await pagefind.createIndex({ forceLanguage: 'en' });
  await index!.addDirectory({ path: folder });
  await index!.writeFiles({ outputPath });
  await pagefind.close();
}

describe('writeSearchIndex', () => {
  it('indexes search documents into the same bytes as the whole pages, and keeps them in the cache', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'broadsheet-search-'));
    dirs.push(root);
    const dist = path.join(root, 'staging');
    const write = (file: string, html: string) => {
      mkdirSync(path.dirname(path.join(dist, file)), { recursive: true });
      writeFileSync(path.join(dist, file), html);
    };
    // Pagefind's own index of the pages as they are, to compare with.
    const expected = path.join(root, 'expected');
    const expectSameIndex = async () => {
      rmSync(expected, { recursive: true, force: true });
      await pagefindOver(dist, expected);
      const built = tree(path.join(dist, 'pagefind'));
      expect([...built.keys()]).toEqual([...tree(expected).keys()]);
      for (const [file, bytes] of tree(expected)) expect(built.get(file)!.equals(bytes), file).toBe(true);
      rmSync(path.join(dist, 'pagefind'), { recursive: true });
    };
    const cacheDir = path.join(root, 'cache');
    const documents = path.join(cacheDir, 'search-pages', 'shard-0');
    const document = (file: string) => readFileSync(path.join(documents, file), 'utf8');
    /** The one index in the cache: its folder, and each file's inode and bytes. */
    const cachedIndex = () => {
      const [folder, ...others] = readdirSync(path.join(cacheDir, 'search'));
      expect(others).toEqual([]);
      const root = path.join(cacheDir, 'search', folder!);
      return { folder, files: new Map(distFiles(root).map((file) => [file, { ino: statSync(path.join(root, file)).ino, bytes: readFileSync(path.join(root, file)) }])) };
    };

    write('national/ferry/index.html', fullStory('Ferry returns', '2026-01-01T08:00:00+07:00', 'Mekong'));
    write('national/market/index.html', fullStory('Market reopens', '2026-01-02T08:00:00+07:00', 'Tonle Sap'));
    // Pagefind reads a filter outside the body: this story's document is its whole page.
    const summit = fullStory('Summit ends', '2026-01-03T08:00:00+07:00', 'Bassac').replace('<main>', '<main><span data-pagefind-filter="desk">World</span>');
    write('world/summit/index.html', summit);
    write('index.html', '<!DOCTYPE html><html lang="en"><body><h1>Front page</h1></body></html>');
    expect(await writeSearchIndex(dist, { language: 'en', shardSize: 10, cacheDir })).toMatchObject({ pages: 3, shards: 1, reused: 0 });
    await expectSameIndex();
    expect(distFiles(documents)).toEqual(['national/ferry/index.html', 'national/market/index.html', 'world/summit/index.html']);
    expect(document('national/ferry/index.html')).toMatch(/^<!DOCTYPE html><html lang="en" dir="ltr"><head><meta charset="utf-8"><\/head><body>\n<article data-pagefind-body>/);
    expect(document('national/ferry/index.html')).not.toMatch(/Most viewed|Related stories|Copyright|<nav/);
    expect(document('world/summit/index.html')).toBe(summit);
    // The next build's page reading need not scan these stories again.
    const storyHashes = [...builtPages(dist)].filter(([, page]) => page.story).map(([, page]) => page.sha256);
    expect([...searchFactsKnown(cacheDir)].sort()).toEqual(storyHashes.sort());

    // An edit: the edited story's document is written again; the others are not touched.
    const ferryWritten = statSync(path.join(documents, 'national/ferry/index.html')).mtimeMs;
    const before = cachedIndex();
    write('national/market/index.html', fullStory('Market reopens', '2026-01-02T08:00:00+07:00', 'Kampot'));
    await writeSearchIndex(dist, { language: 'en', shardSize: 10, cacheDir });
    await expectSameIndex();
    expect(document('national/market/index.html')).toContain('Kampot');
    expect(statSync(path.join(documents, 'national/ferry/index.html')).mtimeMs).toBe(ferryWritten);
    // The new index shares the inodes of every file the one before had with the same bytes (the
    // other stories' fragments, Pagefind's scripts); only the files that changed are new.
    const after = cachedIndex();
    expect(after.folder).not.toBe(before.folder);
    const kept = [...after.files].filter(([file, { bytes }]) => before.files.get(file)?.bytes.equals(bytes));
    const changed = [...after.files].filter(([file]) => !kept.some(([same]) => same === file)).map(([file]) => file);
    expect(kept.length).toBeGreaterThan(10);
    expect(kept.every(([file, { ino }]) => before.files.get(file)!.ino === ino)).toBe(true);
    expect(changed.some((file) => file.startsWith('fragment/'))).toBe(true);
    expect(changed.every((file) => ![...before.files.values()].some(({ ino }) => ino === after.files.get(file)!.ino))).toBe(true);

    // A document cut short (a build stopped mid-write) is written again, not indexed as it is when
    // its index is made again (here for another story's edit).
    writeFileSync(path.join(documents, 'national/ferry/index.html'), '<html><body><article data-pagefind-body><h1>Ferry');
    write('national/market/index.html', fullStory('Market reopens', '2026-01-02T08:00:00+07:00', 'Kep'));
    // The record of each shard's last index, made to point outside the cache (at an index with
    // mostly the same files): it is not followed, and the index is written whole.
    writeFileSync(path.join(cacheDir, 'search-indexes.json'), JSON.stringify(['../../expected']));
    const outside = new Set(distFiles(expected).map((file) => statSync(path.join(expected, file)).ino));
    await writeSearchIndex(dist, { language: 'en', shardSize: 10, cacheDir });
    const whole = cachedIndex();
    expect([...whole.files.values()].filter(({ ino }) => outside.has(ino))).toEqual([]);
    expect(JSON.parse(readFileSync(path.join(cacheDir, 'search-indexes.json'), 'utf8'))).toEqual([whole.folder]);
    await expectSameIndex();

    // Without the record of what the folders hold, they are made afresh: a stray file is not indexed.
    writeFileSync(path.join(documents, 'stray.html'), '<html><body><article data-pagefind-body><h1>Stray</h1></article></body></html>');
    rmSync(path.join(cacheDir, 'search-pages', 'placed.json'));
    // (Pages as a build wrapper knows them from an earlier build, unread: the documents are read from the pages.)
    const unread = new Map([...builtPages(dist)].map(([file, { sha256, story }]) => [file, { sha256, story }]));
    await writeSearchIndex(dist, { language: 'en', shardSize: 10, cacheDir, pages: unread });
    await expectSameIndex();
    expect(existsSync(path.join(documents, 'stray.html'))).toBe(false);
  });

  it('moves documents between the indexes as stories come and go, and indexes each story once', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'broadsheet-search-'));
    dirs.push(root);
    const dist = path.join(root, 'staging');
    const cacheDir = path.join(root, 'cache');
    const pagesRoot = path.join(cacheDir, 'search-pages');
    const write = (file: string, html: string) => {
      mkdirSync(path.dirname(path.join(dist, file)), { recursive: true });
      writeFileSync(path.join(dist, file), html);
    };
    write('news/a/index.html', story('Alpha', '2026-01-01T08:00:00+07:00'));
    write('news/b/index.html', story('Bravo', '2026-01-02T08:00:00+07:00'));
    write('news/c/index.html', story('Charlie', '2026-01-03T08:00:00+07:00'));
    await writeSearchIndex(dist, { language: 'en', shardSize: 2, cacheDir });
    expect(distFiles(pagesRoot)).toEqual(['placed.json', 'shard-0/news/a/index.html', 'shard-0/news/b/index.html', 'shard-1/news/c/index.html']);
    // Each index is Pagefind's own index of its documents, where the search page looks for it.
    for (const [shard, bundle] of [[0, path.join(dist, 'pagefind')], [1, path.join(dist, 'pagefind', 'shard-1')]] as const) {
      const expected = path.join(root, `expected-${shard}`);
      await pagefindOver(path.join(pagesRoot, `shard-${shard}`), expected);
      const built = new Map([...tree(bundle)].filter(([file]) => !file.startsWith('shard-')));
      expect([...built.keys()]).toEqual([...tree(expected).keys()]);
      for (const [file, bytes] of tree(expected)) expect(built.get(file)!.equals(bytes), file).toBe(true);
    }
    const bravo = readFileSync(path.join(pagesRoot, 'shard-0/news/b/index.html'));

    // Alpha withdrawn: Bravo and Charlie now share the first index, and the second is gone.
    rmSync(path.join(dist, 'news/a'), { recursive: true });
    rmSync(path.join(dist, 'pagefind'), { recursive: true });
    expect(await writeSearchIndex(dist, { language: 'en', shardSize: 2, cacheDir })).toMatchObject({ pages: 2, shards: 1, reused: 0 });
    expect(distFiles(pagesRoot)).toEqual(['placed.json', 'shard-0/news/b/index.html', 'shard-0/news/c/index.html']);
    expect(readFileSync(path.join(pagesRoot, 'shard-0/news/b/index.html')).equals(bravo)).toBe(true);
    expect(readdirSync(path.join(pagesRoot, 'shard-0', 'news')).sort()).toEqual(['b', 'c']);
    const placed = JSON.parse(readFileSync(path.join(pagesRoot, 'placed.json'), 'utf8')) as Record<string, { shard: number; key: string }>;
    expect(Object.keys(placed).sort()).toEqual(['news/b/index.html', 'news/c/index.html']);
    expect(Object.values(placed).every(({ shard, key }) => shard === 0 && /^[0-9a-f]{64}$/.test(key))).toBe(true);
  });

  it('writes an index per shard, and without a cache hands its folder of search documents to discard', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'broadsheet-search-'));
    dirs.push(root);
    const dist = path.join(root, 'staging');
    const pages = { 'news/a/index.html': story('Alpha', '2026-01-01T08:00:00+07:00'), 'news/b/index.html': story('Bravo', '2026-01-02T08:00:00+07:00'), 'news/c/index.html': story('Charlie', '2026-01-03T08:00:00+07:00') };
    for (const [file, html] of Object.entries(pages)) {
      mkdirSync(path.dirname(path.join(dist, file)), { recursive: true });
      writeFileSync(path.join(dist, file), html);
    }
    const discarded: string[] = [];
    const result = await writeSearchIndex(dist, {
      language: 'en',
      shardSize: 2,
      discard: (dir) => {
        discarded.push(path.basename(dir));
        rmSync(dir, { recursive: true, force: true });
      },
    });
    expect(result).toMatchObject({ pages: 3, shards: 2 });
    expect(existsSync(path.join(dist, 'pagefind', 'pagefind-entry.json'))).toBe(true);
    expect(existsSync(path.join(dist, 'pagefind', 'shard-1', 'pagefind-entry.json'))).toBe(true);
    // Without a cache, the search documents are this build's only, in one folder beside the output.
    expect(discarded).toEqual([`.search-pages-${process.pid}`]);
    expect(readdirSync(root)).toEqual(['staging']);
  });
});

describe('the edited story\'s index read while Astro renders (EarlySearchIndex)', () => {
  /** Three stories in two indexes of two (a and b, then c), built once with a cache. */
  async function builtSite() {
    const root = mkdtempSync(path.join(tmpdir(), 'broadsheet-search-'));
    dirs.push(root);
    const dist = path.join(root, 'staging');
    const cacheDir = path.join(root, 'cache');
    const write = (file: string, html: string) => {
      mkdirSync(path.dirname(path.join(dist, file)), { recursive: true });
      writeFileSync(path.join(dist, file), html);
    };
    write('news/a/index.html', fullStory('Alpha ferry', '2026-01-01T08:00:00+07:00', 'Mekong'));
    write('news/b/index.html', fullStory('Bravo market', '2026-01-02T08:00:00+07:00', 'Tonle Sap'));
    write('news/c/index.html', fullStory('Charlie summit', '2026-01-03T08:00:00+07:00', 'Bassac'));
    await writeSearchIndex(dist, { language: 'en', shardSize: 2, cacheDir });
    /** The next build: the first index written again, and it is Pagefind's own index of its documents. */
    const rebuild = async (early: EarlySearchIndex) => {
      rmSync(path.join(dist, 'pagefind'), { recursive: true });
      early.astroDone();
      const result = await writeSearchIndex(dist, { language: 'en', shardSize: 2, cacheDir, early });
      const expected = path.join(root, `expected-${Date.now()}`);
      await pagefindOver(path.join(cacheDir, 'search-pages', 'shard-0'), expected);
      const built = new Map([...tree(path.join(dist, 'pagefind'))].filter(([file]) => !file.startsWith('shard-')));
      expect([...built.keys()]).toEqual([...tree(expected).keys()]);
      for (const [file, bytes] of tree(expected)) expect(built.get(file)!.equals(bytes), file).toBe(true);
      return result;
    };
    const document = (file: string) => readFileSync(path.join(cacheDir, 'search-pages', 'shard-0', file), 'utf8');
    /** Story b edited: its page handed over as Astro renders it, and built. */
    const editBravo = () => {
      const edited = fullStory('Bravo market', '2026-01-02T08:00:00+07:00', 'Kampot');
      const early = new EarlySearchIndex(cacheDir, 'en');
      early.offer('news/b/index.html', edited);
      write('news/b/index.html', edited);
      return early;
    };
    return { dist, cacheDir, write, rebuild, document, editBravo };
  }

  it('is used when the page it read is the built page and no other story of its index changed', async () => {
    const site = await builtSite();
    const early = site.editBravo();
    // Its document is in place before the build has planned anything.
    expect(site.document('news/b/index.html')).toContain('Kampot');
    // Story c renders too (its related list changed), but search sees nothing new in it.
    early.offer('news/c/index.html', fullStory('Charlie summit', '2026-01-03T08:00:00+07:00', 'Bassac'));
    expect(await site.rebuild(early)).toMatchObject({ pages: 3, shards: 2, reused: 1, early: true });
  });

  it('is dropped when another story of its index changed too, and the index is made from both', async () => {
    const site = await builtSite();
    const early = site.editBravo();
    // Rendered after Astro stopped handing pages over: only the build's plan finds it.
    site.write('news/a/index.html', fullStory('Alpha ferry', '2026-01-01T08:00:00+07:00', 'Kep'));
    expect(await site.rebuild(early)).toMatchObject({ reused: 1, early: false });
    expect(site.document('news/a/index.html')).toContain('Kep');
    expect(site.document('news/b/index.html')).toContain('Kampot');
  });

  it('is dropped when the built page is not the page it read', async () => {
    const site = await builtSite();
    const early = new EarlySearchIndex(site.cacheDir, 'en');
    early.offer('news/b/index.html', fullStory('Bravo market', '2026-01-02T08:00:00+07:00', 'Kampot'));
    site.write('news/b/index.html', fullStory('Bravo market', '2026-01-02T08:00:00+07:00', 'Koh Kong'));
    expect(await site.rebuild(early)).toMatchObject({ early: false });
    expect(site.document('news/b/index.html')).toContain('Koh Kong');
  });

  it('is dropped when a story joins its index, or a second changed story is handed over', async () => {
    const joined = await builtSite();
    const early = joined.editBravo();
    // Published earlier than the others: it takes the first index's first place, and b moves on.
    joined.write('news/zero/index.html', fullStory('Zero hour', '2025-12-31T08:00:00+07:00', 'Siem Reap'));
    expect(await joined.rebuild(early)).toMatchObject({ pages: 4, early: false });

    const two = await builtSite();
    const both = two.editBravo();
    const alpha = fullStory('Alpha ferry', '2026-01-01T08:00:00+07:00', 'Kep');
    both.offer('news/a/index.html', alpha);
    two.write('news/a/index.html', alpha);
    expect(await two.rebuild(both)).toMatchObject({ early: false });
    expect(two.document('news/a/index.html')).toContain('Kep');
  });
});
