import sitemap from '@astrojs/sitemap';
import type { AstroIntegration } from 'astro';
import fc from 'fast-check';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { inSitemapOrder, sitemapInOrder } from '../../src/integrations/sitemap-in-order.ts';

const SITE = 'https://news.example';
const folders: string[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Runs a sitemap integration's hooks as Astro would for `pathnames`; returns sitemap-0.xml and the localeCompare calls of its build:done. */
async function writeSitemap(integration: AstroIntegration, pathnames: string[]): Promise<{ xml: string; compares: number }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'sitemap-order-'));
  folders.push(dir);
  const hooks = integration.hooks as Record<string, (params: unknown) => unknown>;
  await hooks['astro:config:done']!({ config: { site: SITE, base: '/', trailingSlash: 'always', build: { format: 'directory' } } });
  await hooks['astro:routes:resolved']!({ routes: [] });
  const compare = vi.spyOn(String.prototype, 'localeCompare');
  const logger = { info: () => {}, warn: () => {}, error: (line: string) => expect.fail(line) };
  await hooks['astro:build:done']!({ dir: pathToFileURL(`${dir}/`), pages: pathnames.map((pathname) => ({ pathname })), logger });
  const compares = compare.mock.calls.length;
  compare.mockRestore();
  return { xml: readFileSync(path.join(dir, 'sitemap-0.xml'), 'utf8'), compares };
}

/** Astro's page list comes in the order the routes were rendered, not sorted. */
const pathnames = [
  'world/flood/',
  'business/page/10/',
  'business/page/9/',
  '',
  'Business/Rates-Hold/',
  'business/rates-hold/',
  'tags/café/',
  'tags/cafe/',
  'business/page/2/',
  'authors/sok-chea-12/',
  'authors/sok-chea-2/',
  'business/',
];

describe('sitemapInOrder', () => {
  it('writes the same sitemap as @astrojs/sitemap, which finds the pages already in order', async () => {
    const plain = await writeSitemap(sitemap(), pathnames);
    const ordered = await writeSitemap(sitemapInOrder(), pathnames);
    expect(ordered.xml).toBe(plain.xml);
    const at = (page: string) => ordered.xml.indexOf(`<loc>${SITE}/${page}</loc>`);
    expect(at('business/page/9/')).toBeGreaterThan(at('business/page/2/'));
    expect(at('business/page/10/')).toBeGreaterThan(at('business/page/9/'));
    // A sorted list takes one comparison per neighbour: an order of ours that differed from the
    // library's would take more, and the collator per comparison would be back.
    expect(ordered.compares).toBe(pathnames.length - 1);
    expect(plain.compares).toBeGreaterThan(pathnames.length);
  });

  it('keeps the options it is given (filter, serialize)', async () => {
    const options = { filter: (url: string) => !url.includes('/tags/'), serialize: (item: { url: string }) => ({ ...item, lastmod: '2024-03-01T00:00:00.000Z' }) };
    const plain = await writeSitemap(sitemap(options), pathnames);
    const ordered = await writeSitemap(sitemapInOrder(options), pathnames);
    expect(ordered.xml).toBe(plain.xml);
    expect(ordered.xml).not.toContain('/tags/');
    expect(ordered.xml).toContain('<lastmod>2024-03-01T00:00:00.000Z</lastmod>');
  });
});

describe('inSitemapOrder', () => {
  it('orders any pages as the library orders their URLs', () => {
    const segment = fc.stringMatching(/^[a-zA-Z0-9éü_.-]{1,6}$/);
    fc.assert(
      fc.property(fc.array(fc.array(segment, { maxLength: 3 }), { maxLength: 30 }), (paths) => {
        // No parts: the front page, whose path Astro gives as ''.
        const pages = paths.map((parts) => ({ pathname: parts.length ? `${parts.join('/')}/` : '' }));
        // The library's URL of a page: the site's address, then the path without its leading slash.
        const url = ({ pathname }: { pathname: string }) => new URL(pathname.replace(/^\//, ''), `${SITE}/`).href;
        const ours = inSitemapOrder(pages, new URL(`${SITE}/`)).map(url);
        const theirs = pages.map(url).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
        // Equal under the collator (a tie) may stand in either order; the URLs at each place must compare equal.
        expect(ours.map((url, i) => url.localeCompare(theirs[i]!, 'en', { numeric: true }))).toEqual(ours.map(() => 0));
      }),
      { seed: 20261206, numRuns: 300 },
    );
  });
});
