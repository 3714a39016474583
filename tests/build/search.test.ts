import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import * as pagefind from 'pagefind';
import { describe, expect, it } from 'vitest';
import { buildsDir, distDir, firstDistDir } from './fixture-builds.ts';
import { buildResult, differingFiles, filesUnder, listFiles, page } from './helpers.ts';

interface Fragment {
  url: string;
  content: string;
  filters: Record<string, string[]>;
  meta: Record<string, string>;
}

/** Pagefind's per-page records: gzip, a `pagefind_dcd` signature, then JSON. */
function fragments(site: string): Fragment[] {
  const dir = path.join(distDir(site), 'pagefind', 'fragment');
  return readdirSync(dir).map((file) => {
    const data = gunzipSync(readFileSync(path.join(dir, file)));
    expect(data.subarray(0, 12).toString()).toBe('pagefind_dcd');
    return JSON.parse(data.subarray(12).toString('utf8')) as Fragment;
  });
}

describe('the search index of the machine fixture', () => {
  const records = fragments('machine').sort((a, b) => a.url.localeCompare(b.url));

  it('holds each published article once, and no other page', () => {
    expect(records.map((r) => r.url)).toEqual(['/city/bridge-opens/', '/world/flood-warning/']);
    expect(records.map((r) => r.meta.title)).toEqual(['Bridge opens </script><script>alert("x")</script> & traffic flows', 'Flood warning for the delta']);
  });

  it('indexes the headline, dek and body but not the byline, times or rail', () => {
    const bridge = records[0]!.content;
    expect(bridge).toContain('The new crossing halves the trip across the river.');
    expect(bridge).toContain('The bridge opened on Tuesday');
    expect(bridge).not.toMatch(/By Kim Lee|Published|Most viewed|Latest stories/);
  });

  it('can filter by section', () => {
    expect(records.map((r) => r.filters.section)).toEqual([['City'], ['World']]);
  });

  it('never indexes embargoed or draft stories', () => {
    const all = JSON.stringify(records);
    for (const secret of ['glimmerwharf', 'brindlequay', 'cobblefrost', 'marrowlight']) expect(all).not.toContain(secret);
  });

  it('ships Pagefind’s own UI from the site', () => {
    expect(listFiles('machine')).toEqual(expect.arrayContaining(['pagefind/pagefind-ui.js', 'pagefind/pagefind-ui.css', 'pagefind/pagefind.js']));
  });
});

describe('the search page', () => {
  const doc = page('machine', '/search/');
  const scripts = [...doc.querySelectorAll('script')];

  it('loads Pagefind’s default UI from this site and nothing from other hosts', () => {
    expect(scripts[0]?.getAttribute('src')).toBe('/pagefind/pagefind-ui.js');
    expect(doc.querySelector('link[rel="stylesheet"][href="/pagefind/pagefind-ui.css"]')).not.toBeNull();
    for (const el of doc.querySelectorAll('[src], link[href]')) {
      const url = el.getAttribute('src') ?? el.getAttribute('href')!;
      if (el.getAttribute('rel') === 'canonical' || el.getAttribute('rel') === 'alternate') continue;
      expect(url.startsWith('/') && !url.startsWith('//'), url).toBe(true);
    }
  });

  it('runs the search given in ?q= so a plain GET form can link to it', () => {
    const init = scripts[1]?.textContent ?? '';
    expect(init).toContain('new PagefindUI(');
    expect(init).toContain("new URLSearchParams(window.location.search).get('q')");
    expect(init).toContain('ui.triggerSearch(query)');
    expect(doc.querySelector('#search')).not.toBeNull();
  });

  it('is the only page with JavaScript: every other page has at most structured data', () => {
    for (const site of ['machine', 'sample']) {
      const withScripts = listFiles(site)
        .filter((f) => f.endsWith('.html'))
        .filter((f) => page(site, `/${f}`).querySelectorAll('script:not([type="application/ld+json"])').length > 0);
      expect(withScripts).toEqual(['search/index.html']);
    }
  });
});

describe('a search index split into shards (newsroom-shards)', () => {
  const shardDirs = () => listFiles('newsroom-shards').filter((f) => /^pagefind\/(shard-\d+\/)?pagefind-entry\.json$/.test(f));

  it('splits the stories over indexes in order of publication and merges the others into the first on the search page', () => {
    const entries = shardDirs().sort();
    expect(entries[0]).toBe('pagefind/pagefind-entry.json');
    expect(entries.length).toBeGreaterThanOrEqual(2);
    const bundlePaths = entries.slice(1).map((f) => `/${f.replace('pagefind-entry.json', '')}`);
    const script = [...page('newsroom-shards', '/search/').querySelectorAll('script')].map((s) => s.textContent ?? '').join('\n');
    expect(script).toContain(`"mergeIndex":${JSON.stringify(bundlePaths.map((bundlePath) => ({ bundlePath })))}`);
    const stories = listFiles('newsroom-shards').filter((f) => f.endsWith('.html') && readFileSync(path.join(distDir('newsroom-shards'), f), 'utf8').includes('data-pagefind-body'));
    expect(stories.length).toBeGreaterThan(5);
    expect(buildResult('newsroom-shards').output).toContain(`Search index: ${stories.length} page(s) indexed into pagefind/ (${entries.length} indexes).`);
  });

  it('reuses every index from the cache when nothing changed, with the same bytes', () => {
    const count = shardDirs().length;
    expect(buildResult('newsroom-shards-warm').output).toContain(`(${count} indexes, ${count} unchanged and reused)`);
    expect(differingFiles(distDir('newsroom-shards'), distDir('newsroom-shards-warm'))).toEqual([]);
  });
});

describe('a story published into a sharded search index (newsroom-shards-added)', () => {
  const site = 'newsroom-shards-added';
  const entries = () => listFiles(site).filter((f) => /^pagefind\/(shard-\d+\/)?pagefind-entry\.json$/.test(f));
  const indexFiles = (dir: string, shard: string) => filesUnder(dir).filter((f) => f.startsWith(shard));

  it('indexes only the newest index again, though the pages of older stories changed', () => {
    const count = entries().length;
    expect(buildResult(site).output).toContain(`(${count} indexes, ${count - 1} unchanged and reused)`);
    // The new story is in "related stories" of older ones: their pages changed, their search text did not.
    const changedStories = differingFiles(firstDistDir(site), distDir(site)).filter(
      (f) => f.endsWith('.html') && readFileSync(path.join(distDir(site), f), 'utf8').includes('data-pagefind-body') && !f.includes('trade-fair-draws-buyers'),
    );
    expect(changedStories.length).toBeGreaterThan(0);
  });

  it('leaves the files of every older index byte for byte as they were', () => {
    const first = firstDistDir(site);
    const newest = `pagefind/shard-${entries().length - 1}/`;
    const older = indexFiles(first, 'pagefind/').filter((f) => !f.startsWith(newest));
    expect(older.length).toBeGreaterThan(10);
    const changed = new Set(differingFiles(first, distDir(site)));
    expect(older.filter((f) => changed.has(f))).toEqual([]);
    const purged = readFileSync(path.join(distDir(site), '.changed-paths'), 'utf8').split('\n').filter((p) => p.startsWith('/pagefind/'));
    expect(purged.length).toBeGreaterThan(0);
    expect(purged.every((p) => p.startsWith(`/${newest}`))).toBe(true);
  });

  it('keeps only the indexes this build uses in its cache: the replaced one is cleared away', () => {
    const cached = readdirSync(path.join(buildsDir, site, 'cache', 'broadsheet', 'search'));
    expect(cached).toHaveLength(entries().length);
  });
});

describe('one story edited and the site rebuilt (changes): its index read while Astro rendered', () => {
  const documents = path.join(buildsDir, 'changes', 'cache', 'broadsheet', 'search-pages', 'shard-0');

  it('has Pagefind read the edited story\'s index while Astro renders (src/middleware.ts hands the page over)', () => {
    expect(buildResult('changes').output).toContain('(1 index, the edited one read while Astro rendered)');
    expect(readFileSync(path.join(documents, 'news/quiet-story/index.html'), 'utf8')).toContain('in blue');
    const record = fragments('changes').find((fragment) => fragment.url === '/news/quiet-story/');
    expect(record?.meta.title).toBe('Council repaints the market hall in blue');
    expect(record?.content).toContain('said on Monday');
  });

  it("publishes Pagefind's own index of the stories' documents, byte for byte", async () => {
    const expected = mkdtempSync(path.join(tmpdir(), 'broadsheet-changes-index-'));
    try {
      const { index } = await pagefind.createIndex({ forceLanguage: 'en' });
      await index!.addDirectory({ path: documents });
      await index!.writeFiles({ outputPath: expected });
      await pagefind.close();
      const built = filesUnder(path.join(distDir('changes'), 'pagefind'));
      expect(built).toEqual(filesUnder(expected));
      expect(differingFiles(expected, path.join(distDir('changes'), 'pagefind'))).toEqual([]);
    } finally {
      rmSync(expected, { recursive: true, force: true });
    }
  });
});
