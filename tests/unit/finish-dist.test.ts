import { linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { finishDist, PageCache } from '../../scripts/lib/finish-dist.ts';
import { waitsForSearchIndex, type SiteFacts } from '../../scripts/lib/finish-page.ts';
import { inspectPage } from '../../src/lib/page-inline-code.ts';
import { builtPages, distFiles } from '../../src/integrations/dist-files.ts';
import { cspHash } from '../../src/lib/content-security-policy.ts';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A staging folder holding these files, as astro build and Pagefind would leave it. */
function staging(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'broadsheet-finish-'));
  dirs.push(dir);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

const html = (head: string, body = '') => `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">${head}</head><body>${body}</body></html>`;
const metaOf = (text: string) => /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(text)?.[1];
const headerPolicy = (dir: string) => /Content-Security-Policy: (.*)/.exec(readFileSync(path.join(dir, '_headers'), 'utf8'))?.[1];
/** The search page's inline script, which starts Pagefind's UI. */
const init = "new PagefindUI({ element: '#search' });";

describe('finishDist on a site with a Pagefind search page', () => {
  const dir = () =>
    staging({
      'index.html': html('<style>p{}</style>'),
      'search/index.html': html('<link rel="stylesheet" href="/pagefind/pagefind-ui.css"><script src="/pagefind/pagefind-ui.js"></script>', `<div id="search"></div><script>${init}</script>`),
      'pagefind/pagefind-ui.css': '.pagefind-ui__search-input{background-image:url("data:image/svg+xml,%3Csvg%3E")}',
      'pagefind/pagefind-ui.js': '',
      'pagefind/wasm.en.pagefind': 'wasm',
    });

  it("gives the search page its script's hash, WebAssembly and data: images, and other pages none of them", async () => {
    const site = dir();
    await finishDist(site, path.join(site, 'no-previous-dist'));
    const search = metaOf(readFileSync(path.join(site, 'search/index.html'), 'utf8'))!;
    const front = metaOf(readFileSync(path.join(site, 'index.html'), 'utf8'))!;
    expect(search).toContain(`script-src 'self' 'wasm-unsafe-eval' ${cspHash(init)};`);
    expect(search).toContain("img-src 'self' data:");
    expect(front).toContain("script-src 'self';");
    expect(front).toContain(`style-src 'self' ${cspHash('p{}')};`);
    expect(front).not.toContain('data:');
  });

  it('puts the union of all pages in the _headers policy', async () => {
    const site = dir();
    await finishDist(site, path.join(site, 'no-previous-dist'));
    const policy = headerPolicy(site)!;
    expect(policy).toContain(`script-src 'self' 'wasm-unsafe-eval' ${cspHash(init)};`);
    expect(policy).toContain(`style-src 'self' ${cspHash('p{}')};`);
    expect(policy).toContain("img-src 'self' data:");
    expect(policy).toContain("frame-ancestors 'none'");
  });
});

describe('finishDist with the search index written meanwhile', () => {
  /** A site before its search index: a page with no script, the search page, and a page that links Pagefind's stylesheet. */
  const beforeIndex = () =>
    staging({
      'index.html': html('<style>p{}</style>'),
      'search/index.html': html('<link rel="stylesheet" href="/pagefind/pagefind-ui.css">', `<div id="search"></div><script>${init}</script>`),
      'styled/index.html': html('<link rel="stylesheet" href="/pagefind/pagefind-ui.css">'),
    });
  /** What Pagefind writes: its stylesheet (with a data: image) and its WebAssembly. */
  const writeIndex = (site: string) => {
    mkdirSync(path.join(site, 'pagefind'), { recursive: true });
    writeFileSync(path.join(site, 'pagefind/pagefind-ui.css'), '.x{background-image:url("data:image/svg+xml,%3Csvg%3E")}');
    writeFileSync(path.join(site, 'pagefind/wasm.en.pagefind'), 'wasm');
  };
  const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

  it('finishes the pages that do not depend on the index while it is written, and the others with what it brought', async () => {
    const site = beforeIndex();
    let finishedBeforeIndex: string | undefined;
    await finishDist(site, path.join(site, 'no-previous-dist'), {
      meanwhile: async () => {
        await tick();
        finishedBeforeIndex = metaOf(readFileSync(path.join(site, 'index.html'), 'utf8'));
        expect(metaOf(readFileSync(path.join(site, 'search/index.html'), 'utf8'))).toBeUndefined();
        writeIndex(site);
      },
    });
    expect(finishedBeforeIndex).toContain(`style-src 'self' ${cspHash('p{}')};`);
    const search = metaOf(readFileSync(path.join(site, 'search/index.html'), 'utf8'))!;
    expect(search).toContain(`script-src 'self' 'wasm-unsafe-eval' ${cspHash(init)};`);
    expect(search).toContain("img-src 'self' data:");
    expect(metaOf(readFileSync(path.join(site, 'styled/index.html'), 'utf8'))).toContain("img-src 'self' data:");
    expect(headerPolicy(site)).toContain("'wasm-unsafe-eval'");
    // The same bytes as a pass over the finished folder, and its search files in the manifest.
    const after = beforeIndex();
    writeIndex(after);
    await finishDist(after, path.join(after, 'no-previous-dist'));
    for (const file of ['index.html', 'search/index.html', 'styled/index.html', '_headers', '.broadsheet-manifest.json']) {
      expect(readFileSync(path.join(site, file), 'utf8'), file).toBe(readFileSync(path.join(after, file), 'utf8'));
    }
  });

  it('finishes the waiting pages after the index on a site large enough for worker threads too', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 300; i++) files[`p${i}/index.html`] = html(`<style>p{order:${i % 3}}</style>`);
    files['search/index.html'] = html('<link rel="stylesheet" href="/pagefind/pagefind-ui.css">', `<script>${init}</script>`);
    const site = staging(files);
    await finishDist(site, path.join(site, 'no-previous-dist'), { meanwhile: async () => writeIndex(site) });
    const search = metaOf(readFileSync(path.join(site, 'search/index.html'), 'utf8'))!;
    expect(search).toContain(`script-src 'self' 'wasm-unsafe-eval' ${cspHash(init)};`);
    expect(search).toContain("img-src 'self' data:");
    expect(metaOf(readFileSync(path.join(site, 'p150/index.html'), 'utf8'))).toContain(`style-src 'self' ${cspHash('p{order:0}')};`);
  });

  it.runIf(process.platform === 'linux')('finishes the pages on threads of the lowest priority while the index is made, of the usual one otherwise', async () => {
    /** The nice value of each thread of this process other than the test's own, seen while `work` runs. */
    const threadsDuring = async (work: () => Promise<unknown>) => {
      const own = new Set(readdirSync('/proc/self/task'));
      const seen = new Map<string, number>();
      const look = () => {
        for (const task of readdirSync('/proc/self/task')) {
          if (own.has(task)) continue;
          try {
            // Fields after the command's closing parenthesis, from the third (state); the 19th is nice.
            const fields = readFileSync(`/proc/self/task/${task}/stat`, 'utf8').split(') ')[1]!.split(' ');
            seen.set(task, Math.max(seen.get(task) ?? -20, Number(fields[16])));
          } catch {
            // The thread has ended.
          }
        }
      };
      const timer = setInterval(look, 1);
      try {
        await work();
      } finally {
        clearInterval(timer);
      }
      return [...seen.values()];
    };
    const files: Record<string, string> = {};
    for (let i = 0; i < 300; i++) files[`p${i}/index.html`] = html(`<style>p{order:${i % 3}}</style>`);
    files['search/index.html'] = html('<link rel="stylesheet" href="/pagefind/pagefind-ui.css">', `<script>${init}</script>`);
    const beside = staging(files);
    const alone = staging(files);
    const lowest = os.constants.priority.PRIORITY_LOW;
    const besideIndex = await threadsDuring(() => finishDist(beside, path.join(beside, 'no-previous-dist'), { meanwhile: async () => writeIndex(beside) }));
    expect(besideIndex.filter((nice) => nice === lowest).length).toBeGreaterThanOrEqual(2);
    writeIndex(alone);
    const withoutIndex = await threadsDuring(() => finishDist(alone, path.join(alone, 'no-previous-dist')));
    // The finishing threads were there, at the priority of the rest of the build.
    expect(withoutIndex.length).toBeGreaterThanOrEqual(2);
    expect(withoutIndex).not.toContain(lowest);
    // Either way every page has its policy.
    for (const site of [beside, alone]) expect(metaOf(readFileSync(path.join(site, 'p150/index.html'), 'utf8'))).toContain(`style-src 'self' ${cspHash('p{order:0}')};`);
  });

  it('waits for the index step before failing, and fails with its error', async () => {
    const site = beforeIndex();
    const pages = builtPages(site);
    writeFileSync(path.join(site, 'index.html'), html('<style>late{}</style>'));
    let indexDone = false;
    const slowIndex = async () => {
      await new Promise((resolve) => setTimeout(resolve, 50));
      indexDone = true;
    };
    await expect(finishDist(site, path.join(site, 'no-previous-dist'), { pages, meanwhile: slowIndex })).rejects.toThrow(/index\.html was written after the build's pages were read/);
    expect(indexDone).toBe(true);
    const good = beforeIndex();
    await expect(
      finishDist(good, path.join(good, 'no-previous-dist'), {
        meanwhile: async () => {
          throw new Error('Pagefind could not write its index');
        },
      }),
    ).rejects.toThrow('Pagefind could not write its index');
  });

  it.each([undefined, 'pagefind/'])('stops the build when the index step writes a page (its folder: %s)', async (meanwhileFolder) => {
    const site = beforeIndex();
    await expect(
      finishDist(site, path.join(site, 'no-previous-dist'), {
        meanwhileFolder,
        meanwhile: async () => {
          writeIndex(site);
          writeFileSync(path.join(site, 'pagefind/index.html'), html(''));
        },
      }),
    ).rejects.toThrow(/pagefind\/index\.html was written after the build's pages were read/);
  });
});

describe('waitsForSearchIndex', () => {
  const soFar: SiteFacts = { wasm: false, stylesheetsWithDataUrls: [], stylesheetsSoFar: ['/_astro/site.css'] };
  const waits = (page: string, head: string, body = '', site = soFar) => waitsForSearchIndex(page, inspectPage(html(head, body)), site);

  it('holds back pages that run script or link a stylesheet the folder does not hold yet, or one under /pagefind/', () => {
    expect(waits('search/index.html', '', '<script>go()</script>')).toBe(true);
    expect(waits('a/index.html', '<link rel="stylesheet" href="../pagefind/pagefind-ui.css">')).toBe(true);
    expect(waits('a/index.html', '<link rel="stylesheet" href="/_astro/later.css">')).toBe(true);
  });

  it('lets every other page be finished at once, and every page once the facts are final', () => {
    expect(waits('a/index.html', '<link rel="stylesheet" href="/_astro/site.css"><style>p{}</style>')).toBe(false);
    expect(waits('a/index.html', '<link rel="stylesheet" href="https://cdn.example/x.css">')).toBe(false);
    expect(waits('search/index.html', '', '<script>go()</script>', { ...soFar, stylesheetsSoFar: undefined })).toBe(false);
  });
});

describe('finishDist refuses', () => {
  it('pages with markup the policy would block, naming each page and the markup', async () => {
    const site = staging({ 'a/index.html': html('', '<p style="color:red">x</p>'), 'b/index.html': html('', '<a href="javascript:go()">x</a>') });
    await expect(finishDist(site, site)).rejects.toThrow(
      /2 page\(s\) cannot get a Content-Security-Policy:\n {2}a\/index\.html: <p style="color:red"> would be blocked.*\n {2}b\/index\.html: <a href="javascript:go\(\)">/,
    );
  });

  it('a _headers file that came from elsewhere, since the build writes its own', async () => {
    const site = staging({ 'index.html': html(''), _headers: '/*\n  X: y\n' });
    await expect(finishDist(site, site)).rejects.toThrow(/already exists \(public\/_headers\?\)/);
  });
});

describe('finishDist with a page inspection cache', () => {
  const page = html('<style>p{}</style>');
  const planted = "'sha256-planted-by-the-test='";

  /** Runs once to fill the cache, then plants a style hash in the cached inspection of index.html. */
  async function plantedCache(version?: string): Promise<string> {
    const first = staging({ 'index.html': page });
    const cache = path.join(first, '..', `${path.basename(first)}-inspections.json`);
    dirs.push(cache);
    await finishDist(first, path.join(first, 'no-previous-dist'), { inspectionCache: cache });
    const saved = JSON.parse(readFileSync(cache, 'utf8')) as { version: string; pages: Record<string, { styleHashes: string[] }> };
    expect(Object.keys(saved.pages)).toHaveLength(1);
    for (const found of Object.values(saved.pages)) found.styleHashes.push(planted);
    writeFileSync(cache, JSON.stringify({ ...saved, version: version ?? saved.version }));
    return cache;
  }

  it('takes the inspection of a byte-identical page from the cache instead of parsing it again', async () => {
    const cache = await plantedCache();
    const site = staging({ 'index.html': page });
    await finishDist(site, path.join(site, 'no-previous-dist'), { inspectionCache: cache });
    expect(metaOf(readFileSync(path.join(site, 'index.html'), 'utf8'))).toContain(planted);
  });

  it('inspects a changed page afresh', async () => {
    const cache = await plantedCache();
    const site = staging({ 'index.html': html('<style>p{color:red}</style>') });
    await finishDist(site, path.join(site, 'no-previous-dist'), { inspectionCache: cache });
    const meta = metaOf(readFileSync(path.join(site, 'index.html'), 'utf8'))!;
    expect(meta).not.toContain(planted);
    expect(meta).toContain(cspHash('p{color:red}'));
  });

  it('ignores a cache written by other inspecting code', async () => {
    const cache = await plantedCache('an-older-version');
    const site = staging({ 'index.html': page });
    await finishDist(site, path.join(site, 'no-previous-dist'), { inspectionCache: cache });
    expect(metaOf(readFileSync(path.join(site, 'index.html'), 'utf8'))).not.toContain(planted);
  });
});

describe('finishDist on a site with many new pages', () => {
  const manyPages = (extra: Record<string, string> = {}) => {
    const files: Record<string, string> = { ...extra };
    for (let i = 0; i < 300; i++) files[`p${i}/index.html`] = html(`<style>p{order:${i % 3}}</style>`, `<p>Page ${i}</p>`);
    return staging(files);
  };

  it('finishes them on worker threads, each page with its own hashes, the same bytes as one at a time', async () => {
    const site = manyPages();
    await finishDist(site, path.join(site, 'no-previous-dist'));
    for (const i of [0, 1, 2, 149, 150, 298, 299]) {
      expect(metaOf(readFileSync(path.join(site, `p${i}/index.html`), 'utf8'))).toContain(`style-src 'self' ${cspHash(`p{order:${i % 3}}`)};`);
    }
    // A site too small for threads finishes its pages on the build's own thread: the same bytes.
    const small = staging({ 'p7/index.html': html('<style>p{order:1}</style>', '<p>Page 7</p>') });
    await finishDist(small, path.join(small, 'no-previous-dist'));
    expect(readFileSync(path.join(site, 'p7/index.html'), 'utf8')).toBe(readFileSync(path.join(small, 'p7/index.html'), 'utf8'));
    // And the site-wide policy holds every page's hashes.
    for (const order of [0, 1, 2]) expect(headerPolicy(site)).toContain(cspHash(`p{order:${order}}`));
  });

  it('stops the build on a page with blocked markup, found on a thread', async () => {
    const site = manyPages({ 'bad/index.html': html('', '<button onclick="go()">Go</button>') });
    await expect(finishDist(site, path.join(site, 'no-previous-dist'))).rejects.toThrow(
      /1 page\(s\) cannot get a Content-Security-Policy:\n {2}bad\/index\.html: <button onclick="go\(\)"> would be blocked/,
    );
  });

  it('stops the build when a page changed after the build read it', async () => {
    const site = manyPages();
    const pages = builtPages(site);
    writeFileSync(path.join(site, 'p150/index.html'), html('<style>late{}</style>'));
    await expect(finishDist(site, path.join(site, 'no-previous-dist'), { pages })).rejects.toThrow(/p150\/index\.html was written after the build's pages were read/);
  });
});

describe('finishDist after a previous build', () => {
  const pages = { 'a/index.html': html('', '<p>A</p>'), 'b/index.html': html('', '<p>B</p>') };
  const inode = (...parts: string[]) => statSync(path.join(...parts)).ino;

  it('hard-links the pages the previous build wrote byte for byte the same, and writes the others', async () => {
    const previous = staging(pages);
    await finishDist(previous, path.join(previous, 'no-previous-dist'));
    const site = staging({ ...pages, 'b/index.html': html('', '<p>B, edited</p>') });
    const { linked, changedPaths } = await finishDist(site, previous);
    expect(linked).toBe(1);
    expect(inode(site, 'a/index.html')).toBe(inode(previous, 'a/index.html'));
    expect(inode(site, 'b/index.html')).not.toBe(inode(previous, 'b/index.html'));
    expect(metaOf(readFileSync(path.join(site, 'a/index.html'), 'utf8'))).toContain("script-src 'self'");
    expect(readFileSync(path.join(site, 'b/index.html'), 'utf8')).toContain('B, edited');
    expect(changedPaths).toContain('/b/');
    expect(changedPaths).not.toContain('/a/');
  });

  it('writes a page afresh when the previous file no longer holds what its manifest says', async () => {
    const previous = staging(pages);
    await finishDist(previous, path.join(previous, 'no-previous-dist'));
    writeFileSync(path.join(previous, 'a/index.html'), 'edited by hand after the build');
    const site = staging(pages);
    const { linked } = await finishDist(site, previous);
    expect(linked).toBe(1);
    expect(inode(site, 'a/index.html')).not.toBe(inode(previous, 'a/index.html'));
    expect(metaOf(readFileSync(path.join(site, 'a/index.html'), 'utf8'))).toContain("script-src 'self'");
    expect(readFileSync(path.join(previous, 'a/index.html'), 'utf8')).toBe('edited by hand after the build');
  });
});

describe('finishDist after a previous build, with its page cache', () => {
  const pages = { 'a/index.html': html('', '<p>A</p>'), 'b/index.html': html('', '<p>B</p>') };
  const inode = (...parts: string[]) => statSync(path.join(...parts)).ino;

  /** A finished previous build, its cache, and a fresh staging folder of the same pages. */
  async function rebuilt(): Promise<{ previous: string; site: string; cache: string }> {
    const previous = staging(pages);
    const cache = `${previous}-cache.json`;
    dirs.push(cache);
    await finishDist(previous, path.join(previous, 'no-previous-dist'), { inspectionCache: cache });
    return { previous, site: staging(pages), cache };
  }

  it('links the pages the previous build finished and no one changed since', async () => {
    const { previous, site, cache } = await rebuilt();
    const saved = JSON.parse(readFileSync(cache, 'utf8')) as { written: Record<string, string> };
    expect(Object.keys(saved.written).sort()).toEqual(['a/index.html', 'b/index.html']);
    const { linked, changedPaths } = await finishDist(site, previous, { inspectionCache: cache });
    expect(linked).toBe(2);
    expect(inode(site, 'a/index.html')).toBe(inode(previous, 'a/index.html'));
    expect(metaOf(readFileSync(path.join(site, 'a/index.html'), 'utf8'))).toContain("script-src 'self'");
    expect(changedPaths).toEqual([]);
  });

  it("decides by the file's inode, size and mtime, without reading the previous page", async () => {
    const { previous, site, cache } = await rebuilt();
    await finishDist(site, previous, { inspectionCache: cache });
    // `site` is now the previous build: its pages are links with mtime 0, as recorded. Bytes
    // changed behind the build's back, same length, mtime put back: only a read could tell.
    const page = path.join(site, 'a/index.html');
    const text = readFileSync(page, 'utf8');
    writeFileSync(page, text.replace('<p>A</p>', '<p>Z</p>'));
    utimesSync(page, 0, 0);
    const next = staging(pages);
    const { linked } = await finishDist(next, site, { inspectionCache: cache });
    expect(linked).toBe(2);
    expect(readFileSync(path.join(next, 'a/index.html'), 'utf8')).toContain('<p>Z</p>');
  });

  it('writes a page afresh when the previous file was edited after the build, whatever the cache says', async () => {
    const { previous, site, cache } = await rebuilt();
    writeFileSync(path.join(previous, 'a/index.html'), 'edited by hand after the build');
    const { linked, changedPaths } = await finishDist(site, previous, { inspectionCache: cache });
    expect(linked).toBe(1);
    expect(inode(site, 'a/index.html')).not.toBe(inode(previous, 'a/index.html'));
    expect(metaOf(readFileSync(path.join(site, 'a/index.html'), 'utf8'))).toContain("script-src 'self'");
    expect(readFileSync(path.join(previous, 'a/index.html'), 'utf8')).toBe('edited by hand after the build');
    expect(changedPaths).toEqual([]);
  });

  it('finishes a changed page afresh and links the unchanged one', async () => {
    const { previous, cache } = await rebuilt();
    const site = staging({ ...pages, 'b/index.html': html('<style>b{}</style>', '<p>B, edited</p>') });
    const { linked, changedPaths } = await finishDist(site, previous, { inspectionCache: cache });
    expect(linked).toBe(1);
    expect(inode(site, 'a/index.html')).toBe(inode(previous, 'a/index.html'));
    expect(metaOf(readFileSync(path.join(site, 'b/index.html'), 'utf8'))).toContain(cspHash('b{}'));
    expect(changedPaths).toEqual(['/b/']);
  });
});

describe("finishDist's manifest of files that are not pages, with its page cache", () => {
  const sha = (text: string) => createHash('sha256').update(text).digest('hex');
  const manifestOf = (dir: string) => (JSON.parse(readFileSync(path.join(dir, '.broadsheet-manifest.json'), 'utf8')) as { files: Record<string, string> }).files;

  it('hashes a picture once, and takes the hash of the very same file (inode, size, mtime) from the cache after', async () => {
    // An encoded picture linked from Astro's image cache is the same file build after build
    // (scripts/lib/cached-pictures.ts); at a photo per story, reading them all to hash is gigabytes.
    const picture = 'a picture, encoded';
    const cacheDir = staging({ 'assets/port_a1.webp': picture });
    const cached = path.join(cacheDir, 'assets/port_a1.webp');
    utimesSync(cached, 1_000_000, 1_000_000); // A whole second, so it can be put back exactly.
    const cache = `${cacheDir}-cache.json`;
    dirs.push(cache);
    const first = staging({ 'index.html': html('') });
    mkdirSync(path.join(first, '_astro'));
    linkSync(cached, path.join(first, '_astro/port_a1.webp'));
    await finishDist(first, path.join(first, 'no-previous-dist'), { inspectionCache: cache });
    expect(manifestOf(first)['_astro/port_a1.webp']).toBe(sha(picture));

    // Bytes changed behind the build's back, same length, mtime put back: only a read could tell,
    // so the recorded hash is what the next build's manifest says of the same file.
    writeFileSync(cached, picture.replace('a picture', 'A PICTURE'));
    utimesSync(cached, 1_000_000, 1_000_000);
    const second = staging({ 'index.html': html('') });
    mkdirSync(path.join(second, '_astro'));
    linkSync(cached, path.join(second, '_astro/port_a1.webp'));
    await finishDist(second, first, { inspectionCache: cache });
    expect(manifestOf(second)['_astro/port_a1.webp']).toBe(sha(picture));

    // Another file of the same name is read.
    const third = staging({ 'index.html': html(''), '_astro/port_a1.webp': 'another picture' });
    const { changedPaths } = await finishDist(third, second, { inspectionCache: cache });
    expect(manifestOf(third)['_astro/port_a1.webp']).toBe(sha('another picture'));
    expect(changedPaths).toContain('/_astro/port_a1.webp');
  });
});

describe('builtPages with the page cache', () => {
  it("takes a page's hash from the cache while it is the very file read before, and reads it once it is written again", () => {
    const story = html('', '<article data-pagefind-body><p>A</p></article>');
    const dir = staging({ 'a/index.html': story, 'b/index.html': html('', '<p>B</p>') });
    const file = `${dir}-cache.json`;
    dirs.push(file);
    const page = path.join(dir, 'a/index.html');
    utimesSync(page, 0, 0);
    const first = new PageCache(file);
    const before = builtPages(dir, undefined, first);
    // Read, so it brings the search index's facts from the same read.
    expect(before.get('a/index.html')).toMatchObject({ sha256: createHash('sha256').update(story).digest('hex'), story: true, search: { published: null } });
    first.save();

    // Bytes changed behind the build's back, same length, mtime put back: only a read could tell,
    // and the cache does not read (a page Astro kept is its cache's file, unchanged).
    writeFileSync(page, story.replace('<p>A</p>', '<p>Z</p>'));
    utimesSync(page, 0, 0);
    const second = new PageCache(file);
    expect(builtPages(dir, undefined, second).get('a/index.html')).toEqual({ sha256: before.get('a/index.html')!.sha256, story: true });
    second.save();

    // Written again (Astro rendered it): a new mtime, so it is read.
    writeFileSync(page, story.replace('<p>A</p>', '<p>Y</p>'));
    const third = builtPages(dir, undefined, new PageCache(file)).get('a/index.html');
    expect(third?.sha256).toBe(createHash('sha256').update(story.replace('<p>A</p>', '<p>Y</p>')).digest('hex'));
  });
});

describe('finishDist settling the files the search index step does not write, while it writes', () => {
  const site = () =>
    staging({
      'index.html': html('<style>p{}</style>'),
      'search/index.html': html('<link rel="stylesheet" href="/pagefind/pagefind-ui.css">', `<div id="search"></div><script>${init}</script>`),
      '_astro/port.webp': 'a picture',
      'feed.xml': '<rss/>',
    });
  const writeIndex = (dir: string) => {
    mkdirSync(path.join(dir, 'pagefind'), { recursive: true });
    writeFileSync(path.join(dir, 'pagefind/pagefind-ui.css'), '.x{}');
    writeFileSync(path.join(dir, 'pagefind/pagefind-entry.json'), '{}');
  };
  const mtimes = (dir: string, files: string[]) => files.map((file) => statSync(path.join(dir, file)).mtimeMs);
  const files = ['index.html', 'search/index.html', '_astro/port.webp', 'feed.xml', 'pagefind/pagefind-ui.css', 'pagefind/pagefind-entry.json', '_headers'];

  it('gives unchanged files their old mtime before the index is done, and the same result as settling them after', async () => {
    // The previous build: the same site, finished.
    const previous = site();
    writeIndex(previous);
    await finishDist(previous, path.join(previous, 'no-previous-dist'));

    const early = site();
    const cache = `${early}-cache.json`;
    dirs.push(cache);
    let pictureMtimeDuringIndex: number | undefined;
    await finishDist(early, previous, {
      inspectionCache: cache,
      // The listing the build wrapper made for reading the pages; after the index, only its folder is listed again.
      files: distFiles(early),
      meanwhileFolder: 'pagefind/',
      meanwhile: async () => {
        // Pagefind takes seconds; the picture outside its folder is settled in that time.
        for (let i = 0; i < 100 && statSync(path.join(early, '_astro/port.webp')).mtimeMs !== 0; i++) {
          await new Promise((resolve) => setTimeout(resolve, 1));
        }
        pictureMtimeDuringIndex = statSync(path.join(early, '_astro/port.webp')).mtimeMs;
        expect(metaOf(readFileSync(path.join(early, 'search/index.html'), 'utf8'))).toBeUndefined();
        writeIndex(early);
      },
    });
    expect(pictureMtimeDuringIndex).toBe(0);

    const late = site();
    await finishDist(late, previous, { meanwhile: async () => writeIndex(late) });
    for (const file of ['index.html', 'search/index.html', '_headers', '.broadsheet-manifest.json', '.changed-paths']) {
      expect(readFileSync(path.join(early, file), 'utf8'), file).toBe(readFileSync(path.join(late, file), 'utf8'));
    }
    // Every file the previous build wrote the same has the old mtime, the index's files too.
    expect(mtimes(early, files)).toEqual(mtimes(late, files));
    expect(mtimes(early, files).every((mtime) => mtime === 0)).toBe(true);

    // What the next build trusts: the page cache recorded each file as it was left (old mtime and
    // all), so bytes changed behind its back with the mtime put back go unread.
    const next = new PageCache(cache);
    for (const file of ['_astro/port.webp', 'feed.xml', 'pagefind/pagefind-ui.css']) {
      const fullPath = path.join(early, file);
      const recorded = createHash('sha256').update(readFileSync(fullPath)).digest('hex');
      writeFileSync(fullPath, readFileSync(fullPath, 'utf8').replace(/./, 'Z'));
      utimesSync(fullPath, 0, 0);
      expect(next.fileHash(fullPath, file), file).toBe(recorded);
    }
  });
});

