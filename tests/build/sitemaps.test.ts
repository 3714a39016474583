import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { distDir, root } from './fixture-builds.ts';
import { listFiles, readDistFile } from './helpers.ts';

const SITE = 'https://www.phnompenhpost.example';
const SCHEMA = path.join(root, 'tests', 'schemas', 'all.xsd');

/** xmllint against our protocol schemas; returns its complaint, or '' when the file is valid. */
function schemaErrors(site: string, file: string): string {
  try {
    execFileSync('xmllint', ['--noout', '--schema', SCHEMA, path.join(distDir(site), file)], { stdio: 'pipe' });
    return '';
  } catch (error) {
    return String((error as { stderr?: Buffer }).stderr ?? error);
  }
}

function xml(site: string, file: string): Document {
  return parseHTML(readDistFile(site, file).toString('utf8'), 'text/xml').document;
}

const sitemapFiles = (site: string) => listFiles(site).filter((f) => /^sitemap-.*\.xml$/.test(f));

describe('the sitemaps', () => {
  it.each(['machine', 'basic', 'sample'])('of the %s site all validate against the sitemap, news and image schemas', (site) => {
    const files = sitemapFiles(site);
    expect(files).toContain('sitemap-index.xml');
    for (const file of files) expect(schemaErrors(site, file), file).toBe('');
  });

  it('reject what the schemas forbid, so validation is not a formality', () => {
    // The 404 page is no sitemap: the schema must say so.
    expect(schemaErrors('machine', '404.html')).not.toBe('');
  });

  it('list every public page, with the last change of each story and of the front page, and nothing else', () => {
    const index = xml('machine', 'sitemap-index.xml');
    const parts = [...index.querySelectorAll('sitemap > loc')].map((l) => l.textContent!);
    expect(parts).toEqual([`${SITE}/sitemap-0.xml`]);
    const urls = Object.fromEntries(
      [...xml('machine', 'sitemap-0.xml').querySelectorAll('url')].map((u) => [
        u.querySelector('loc')!.textContent,
        u.querySelector('lastmod')?.textContent,
      ]),
    );
    // Every built page but the 404 page and the alias redirects, whatever pages the site grows.
    const builtPages = listFiles('machine')
      .filter((f) => f.endsWith('index.html') && f !== 'city/old-bridge/index.html')
      .map((f) => `${SITE}/${f.replace(/index\.html$/, '')}`);
    expect(Object.keys(urls).sort()).toEqual(builtPages.sort());
    expect(urls[`${SITE}/`]).toBe('2024-03-12T04:00:00.000Z');
    expect(urls[`${SITE}/city/bridge-opens/`]).toBe('2024-03-12T04:00:00.000Z'); // the correction, 11:00 Phnom Penh time
    expect(urls[`${SITE}/world/flood-warning/`]).toBe('2024-03-10T03:00:00.000Z'); // updated
    expect(urls[`${SITE}/search/`]).toBeUndefined();
  });

  it('have a Google News sitemap with the stories of the 48 hours before the build', () => {
    const news = xml('machine', 'sitemap-news.xml');
    const items = [...news.querySelectorAll('url')].map((u) => ({
      loc: u.querySelector('loc')?.textContent,
      name: u.querySelector('news\\:publication news\\:name')?.textContent,
      language: u.querySelector('news\\:language')?.textContent,
      date: u.querySelector('news\\:publication_date')?.textContent,
      title: u.querySelector('news\\:title')?.textContent,
    }));
    expect(items).toEqual([
      {
        loc: `${SITE}/city/bridge-opens/`,
        name: 'The Phnom Penh Post',
        language: 'en',
        date: '2024-03-12T09:00:00+07:00',
        title: 'Bridge opens </script><script>alert("x")</script> & traffic flows',
      },
    ]);
    // In the basic site, 08:30 two days before the build is out of the window and 20:00 is in.
    expect([...xml('basic', 'sitemap-news.xml').querySelectorAll('loc')].map((l) => l.textContent)).toEqual([`${SITE}/sport/football-final/`]);
  });

  it('leave the news sitemap out, and unnamed, when nothing was published in the last 48 hours', () => {
    expect(listFiles('sample')).not.toContain('sitemap-news.xml');
    expect(readDistFile('sample', 'robots.txt').toString()).not.toContain('sitemap-news');
  });

  it('are named in robots.txt by absolute URL', () => {
    expect(readDistFile('machine', 'robots.txt').toString()).toBe(
      `User-agent: *\nAllow: /\n\nSitemap: ${SITE}/sitemap-index.xml\nSitemap: ${SITE}/sitemap-news.xml\n`,
    );
  });

  it('never mention embargoed or draft stories, nor alias redirects', () => {
    for (const file of [...sitemapFiles('machine'), 'robots.txt']) {
      const text = readDistFile('machine', file).toString('utf8');
      for (const secret of ['glimmerwharf', 'embargoed-summit', 'early-summit', 'cobblefrost', 'draft-parade', 'draft-alias', 'old-bridge', '2019/bridge']) {
        expect(text, `${file} contains ${secret}`).not.toContain(secret);
      }
    }
  });
});
