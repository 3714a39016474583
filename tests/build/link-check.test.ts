import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { distDir } from './fixture-builds.ts';
import { listFiles, readDistFile } from './helpers.ts';
import { findBrokenLinks, servedFile } from './link-check.ts';

const SITE = 'https://www.phnompenhpost.example';

describe('the link checker', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'link-check-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (file: string, text: string) => {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  };
  write('index.html', `<a href="/a/">ok</a><a href="a/">relative ok</a><a href="${SITE}/a/">absolute ok</a><a href="/old/">redirect ok</a>
    <a href="/missing/">missing page</a><img src="/img/x.jpg" srcset="/img/x.jpg 1x, /img/gone.jpg 2x">
    <a href="https://elsewhere.example/">external</a><a href="#top">fragment</a><a href="mailto:x@y.z">mail</a><link rel="stylesheet" href="/style.css">`);
  write('a/index.html', '<a href="../">up</a><a href="./b.html">sibling missing</a>');
  write('img/x.jpg', 'x');
  write('_redirects', '/old/ /a/ 301\n');

  it('finds missing pages, files and srcset candidates, and accepts files, directories and redirects', () => {
    expect(findBrokenLinks(dir, ['index.html', 'a/index.html'], SITE)).toEqual([
      { page: 'index.html', attribute: 'href', url: '/missing/' },
      { page: 'index.html', attribute: 'srcset', url: '/img/gone.jpg' },
      { page: 'index.html', attribute: 'href', url: '/style.css' },
      { page: 'a/index.html', attribute: 'href', url: './b.html' },
    ]);
  });
});

describe('every internal link of the sample site', () => {
  it('resolves to a built file or a redirect', () => {
    const pages = listFiles('sample').filter((f) => f.endsWith('.html'));
    expect(pages.length).toBeGreaterThan(7);
    expect(findBrokenLinks(distDir('sample'), pages, SITE)).toEqual([]);
  });
});

describe('every URL in the feeds, sitemaps and robots.txt of the sample site', () => {
  it('is absolute on the site and names a built page or file', () => {
    const machineFiles = listFiles('sample').filter((f) => /(^|\/)(rss|sitemap-[^/]*)\.xml$|^robots\.txt$/.test(f));
    expect(machineFiles.length).toBeGreaterThan(4);
    const missing: string[] = [];
    for (const file of machineFiles) {
      // Feed bodies are HTML escaped inside XML: unescape once so attribute quotes end each URL.
      const text = readDistFile('sample', file)
        .toString('utf8')
        .replace(/&(quot|lt|gt|amp);/g, (_, name: string) => ({ quot: '"', lt: '<', gt: '>', amp: '&' })[name]!);
      const urls = [...text.matchAll(/https?:\/\/[^\s"'<>,]+/g)].map((m) => m[0]);
      for (const url of urls.filter((u) => u.startsWith(`${SITE}/`))) {
        if (!servedFile(distDir('sample'), new URL(url).pathname)) missing.push(`${file}: ${url}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
