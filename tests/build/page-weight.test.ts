/**
 * The light-page budget on the real sample site (content/): an article needs no JavaScript, its
 * HTML and blocking CSS up to the first image fit in the first round trip of a new connection
 * (14 KB compressed), and the site uses the reader's system fonts.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { distDir } from './fixture-builds.ts';
import { listFiles, page } from './helpers.ts';

const FIRST_ROUND_TRIP = 14 * 1024;
const files = listFiles('sample');
/** Article pages: /<section>/<slug>/index.html holding the story (other two-deep pages are lists). */
const articlePages = files.filter(
  (f) => /^[^_/][^/]*\/[^/]+\/index\.html$/.test(f) && readFileSync(path.join(distDir('sample'), f), 'utf8').includes('class="story"'),
);

function blockingCss(html: string): string {
  const links = [...html.matchAll(/<link\b[^>]*rel="stylesheet"[^>]*>/g)].map((m) => m[0]).filter((tag) => !/media="print"/.test(tag));
  return links
    .map((tag) => /href="([^"]+)"/.exec(tag)![1]!)
    .map((href) => readFileSync(path.join(distDir('sample'), href.replace(/^\//, '')), 'utf8'))
    .join('\n');
}

describe('article pages of the sample site', () => {
  it('are found in the build', () => {
    expect(articlePages.length).toBeGreaterThanOrEqual(6);
  });

  it('fit their HTML and CSS before the first image in 14 KB, gzip and brotli', () => {
    for (const file of articlePages) {
      const html = readFileSync(path.join(distDir('sample'), file), 'utf8');
      const firstImage = html.search(/<(img|picture)\b/);
      const critical = Buffer.from((firstImage === -1 ? html : html.slice(0, firstImage)) + blockingCss(html));
      expect(gzipSync(critical, { level: 9 }).length, `${file} gzip`).toBeLessThanOrEqual(FIRST_ROUND_TRIP);
      expect(brotliCompressSync(critical).length, `${file} brotli`).toBeLessThanOrEqual(FIRST_ROUND_TRIP);
    }
  });

  it('carry no JavaScript: no script element other than JSON data', () => {
    for (const file of articlePages) {
      const doc = page('sample', `/${path.dirname(file)}/`);
      const scripts = [...doc.querySelectorAll('script')].filter((s) => !/^application\/(ld\+)?json$/.test(s.getAttribute('type') ?? ''));
      expect(scripts.map((s) => s.outerHTML.slice(0, 80)), file).toEqual([]);
      expect(doc.querySelectorAll('link[rel="modulepreload"], link[as="script"]'), file).toHaveLength(0);
    }
  });

  it('load every image but the hero lazily', () => {
    for (const file of articlePages) {
      const doc = page('sample', `/${path.dirname(file)}/`);
      for (const img of doc.querySelectorAll('img')) {
        if (img.closest('figure.hero')) expect(img.getAttribute('loading'), file).toBe('eager');
        else expect(img.getAttribute('loading'), `${file}: ${img.getAttribute('src')}`).toBe('lazy');
      }
    }
  });
});

describe('the sample site', () => {
  it('ships no web fonts: no font files and no @font-face', () => {
    expect(files.filter((f) => /\.(woff2?|ttf|otf|eot)$/i.test(f))).toEqual([]);
    for (const file of files.filter((f) => /\.(html|css)$/.test(f))) {
      expect(readFileSync(path.join(distDir('sample'), file), 'utf8'), file).not.toMatch(/@font-face/i);
    }
  });
});

describe('the sample site is built in production mode', () => {
  it('carries no development-only markup, even when the build is started by a test runner', () => {
    // Vite builds in development mode when NODE_ENV=test leaks into `astro build`; Astro then marks
    // every picture with data-image-component. scripts/build.ts must not pass NODE_ENV on.
    expect(process.env.NODE_ENV).toBe('test');
    const html = files.filter((f) => f.endsWith('.html')).map((f) => readFileSync(path.join(distDir('sample'), f), 'utf8'));
    expect(html.join('\n')).toContain('<img');
    expect(html.filter((text) => text.includes('data-image-component'))).toEqual([]);
  });
});
