import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { cspHash } from '../../src/lib/content-security-policy.ts';
import { headersForPath, IMMUTABLE, parseHeadersFile, REVALIDATE, SHORT_LIVED } from '../../src/lib/headers-file.ts';
import { buildsDir, distDir, firstDistDir, root } from './fixture-builds.ts';
import { buildResult, differingFiles, listFiles, page, readDistFile } from './helpers.ts';

function htmlPages(site: string): string[] {
  return listFiles(site).filter((file) => file.endsWith('.html'));
}

function urlOf(file: string): string {
  return `/${file}`.replace(/(^|\/)index\.html$/, '$1');
}

function directive(policy: string, name: string): string[] {
  const found = policy.split(';').map((part) => part.trim().split(/\s+/)).find(([first]) => first === name);
  return found ? found.slice(1) : [];
}

describe('deterministic output', () => {
  it('is byte for byte the same when the same content is built again with a cold cache of its own', () => {
    expect(listFiles('basic').length).toBeGreaterThan(10);
    expect(differingFiles(distDir('basic'), distDir('basic-cold-again')), 'files that differ between two cold builds').toEqual([]);
  });

  it('is byte for byte the same when built with the warm cache of the earlier build', () => {
    expect(differingFiles(distDir('basic'), distDir('basic-warm')), 'files that differ between a cold and a warm build').toEqual([]);
  });

  it('is byte for byte the same when built with the cache of a build that published a story now embargoed again', () => {
    expect(differingFiles(distDir('basic'), distDir('basic-embargoed-again')), 'files that differ after the embargo was lifted').toEqual([]);
  });

  it("takes the encoded pictures of a warm build from Astro's image cache as the very files, not copies", () => {
    // scripts/lib/cached-pictures.ts: linked before Astro copies them, so its copy has nothing to do.
    const assets = path.join(buildsDir, 'basic', 'cache', 'assets');
    const pictures = listFiles('basic-warm').filter((file) => /^_astro\/.*\.(jpe?g|png|webp|avif)$/.test(file));
    expect(pictures.length).toBeGreaterThan(5);
    const copied = pictures.filter((file) => statSync(path.join(distDir('basic-warm'), file)).ino !== statSync(path.join(assets, path.posix.basename(file))).ino);
    expect(copied).toEqual([]);
  });

  it("asks astro:assets for no hero photo whose pictures the last build recorded (src/kept-pictures.ts)", () => {
    expect(buildResult('basic').output).not.toMatch(/taken from the last build's record/);
    const warm = /Pictures of (\d+) of (\d+) hero photo\(s\) taken from the last build's record/.exec(buildResult('basic-warm').output);
    expect(warm, "basic-warm's log").not.toBeNull();
    expect(Number(warm![1])).toBeGreaterThan(0);
    expect(warm![1]).toBe(warm![2]);
  });

  it('renders the stories again when the rendered bodies beside a warm content store are gone', () => {
    expect(differingFiles(distDir('basic'), distDir('basic-bodies-lost')), 'files that differ after the bodies were lost').toEqual([]);
  });
});

/** Files for the CDN itself, not served at a URL. */
const NOT_SERVED = new Set(['_headers', '_redirects']);

/**
 * Astro copies a photo's original into dist/ once anything reads its size or format from the
 * imported image (src/image-memo.ts, photoFacts): a 2400 px JPEG per story, served to no one.
 * An original keeps Astro's name and content hash (`port.DzPfvff0.jpg`); every processed variant
 * adds its transform's hash (`port.DzPfvff0_15K5aM.webp`).
 */
describe('dist/_astro', () => {
  for (const site of ['newsroom', 'newsroom-incremental', 'sample']) {
    it(`holds processed images only, no full-size original (${site})`, () => {
      const images = listFiles(site).filter((file) => /^_astro\/.*\.(jpe?g|png|webp|avif|gif)$/.test(file));
      expect(images.length).toBeGreaterThan(0);
      expect(images.filter((file) => /^_astro\/[^/.]+\.[\w-]{8}\.\w+$/.test(file))).toEqual([]);
    });

    it(`holds no processed image that nothing links to (${site})`, () => {
      // Every encoded file costs encoding once, then copying, hashing and uploading in every build:
      // a size no page, feed, stylesheet or script names is waste (share crops once came with a
      // srcset of eight unused widths each).
      const files = listFiles(site);
      const images = files.filter((file) => /^_astro\/.*\.(jpe?g|png|webp|avif|gif)$/.test(file));
      const linking = files
        .filter((file) => /\.(html|xml|css|js|json|webmanifest|txt)$/.test(file) && !path.posix.basename(file).startsWith('.'))
        .map((file) => readFileSync(path.join(distDir(site), file), 'utf8'))
        .join('\n');
      expect(images.length).toBeGreaterThan(0);
      expect(images.filter((image) => !linking.includes(`/${image}`))).toEqual([]);
    });
  }
});

describe('dist/_headers', () => {
  const rules = parseHeadersFile(readDistFile('basic', '_headers').toString('utf8'));
  const files = listFiles('basic');

  it('caches every hashed /_astro/ file for a year as immutable', () => {
    const assets = files.filter((file) => file.startsWith('_astro/'));
    expect(assets.length).toBeGreaterThan(0);
    for (const asset of assets) expect(headersForPath(rules, `/${asset}`).get('cache-control')).toBe(IMMUTABLE);
  });

  it('gives every page a short life with stale-while-revalidate, and the Pagefind index none', () => {
    for (const file of htmlPages('basic')) expect(headersForPath(rules, urlOf(file)).get('cache-control')).toBe(SHORT_LIVED);
    expect(headersForPath(rules, '/pagefind/pagefind.js').get('cache-control')).toBe(REVALIDATE);
  });

  it('sends the security headers with every file', () => {
    for (const file of files.filter((f) => !f.startsWith('.') && !NOT_SERVED.has(f))) {
      const headers = headersForPath(rules, urlOf(file));
      expect(headers.get('x-content-type-options'), file).toBe('nosniff');
      expect(headers.get('referrer-policy'), file).toBe('strict-origin-when-cross-origin');
      expect(headers.get('strict-transport-security'), file).toBe('max-age=63072000; includeSubDomains');
      expect(headers.get('permissions-policy'), file).toMatch(/camera=\(\).*geolocation=\(\).*microphone=\(\)/);
      expect(headers.get('content-security-policy'), file).toContain("frame-ancestors 'none'");
    }
  });

  it("has a CSP that allows every page's inline styles by hash and no inline code otherwise", () => {
    const policy = headersForPath(rules, '/').get('content-security-policy')!;
    const allowed = new Set(directive(policy, 'style-src'));
    for (const file of htmlPages('basic')) {
      for (const style of page('basic', urlOf(file)).querySelectorAll('style')) {
        expect(allowed.has(cspHash(style.textContent ?? '')), `${file}: a <style> block`).toBe(true);
      }
    }
    // Only the search page runs script: Pagefind's file, its inline start-up (by hash) and its
    // WebAssembly. Every other page's own policy allows no script at all.
    const searchStartUp = [...page('basic', '/search/').querySelectorAll('script:not([src]):not([type="application/ld+json"])')];
    expect(searchStartUp.length).toBeGreaterThan(0);
    expect(directive(policy, 'script-src').sort()).toEqual(["'self'", "'wasm-unsafe-eval'", ...searchStartUp.map((s) => cspHash(s.textContent ?? ''))].sort());
    for (const file of htmlPages('basic').filter((f) => f !== 'search/index.html')) {
      const meta = page('basic', urlOf(file)).querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? '';
      expect(directive(meta, 'script-src'), file).toEqual(["'self'"]);
    }
    expect(policy).not.toContain('unsafe-inline');
  });
});

describe('the Content-Security-Policy meta of each page', () => {
  for (const site of ['basic', 'sample']) {
    it(`is on every page of the ${site} site, right after <meta charset>, with the hashes of that page's own inline code`, () => {
      const pages = htmlPages(site);
      expect(pages.length).toBeGreaterThan(3);
      for (const file of pages) {
        const doc = page(site, urlOf(file));
        const metas = doc.querySelectorAll('meta[http-equiv="Content-Security-Policy"]');
        expect(metas, file).toHaveLength(1);
        expect(metas[0]!.previousElementSibling?.hasAttribute('charset'), file).toBe(true);
        const policy = metas[0]!.getAttribute('content')!;
        const styles = [...doc.querySelectorAll('style')].map((style) => cspHash(style.textContent ?? ''));
        const scripts = [...doc.querySelectorAll('script:not([src])')]
          .filter((script) => !/ld\+json/.test(script.getAttribute('type') ?? ''))
          .map((script) => cspHash(script.textContent ?? ''));
        expect(directive(policy, 'style-src'), file).toEqual(["'self'", ...[...new Set(styles)].sort()]);
        expect(directive(policy, 'script-src').filter((s) => s.startsWith("'sha256-")), file).toEqual([...new Set(scripts)].sort());
        expect(directive(policy, 'frame-ancestors'), `${file}: frame-ancestors belongs only in the header`).toEqual([]);
        expect(directive(policy, 'object-src'), file).toEqual(["'none'"]);
      }
    });
  }
});

describe('the manifest and the changed paths', () => {
  it('record the SHA-256 of every file in dist/', () => {
    const manifest = JSON.parse(readDistFile('basic', '.broadsheet-manifest.json').toString('utf8')) as { files: Record<string, string> };
    const files = listFiles('basic').filter((file) => !['.broadsheet-manifest.json', '.changed-paths'].includes(file));
    expect(Object.keys(manifest.files)).toEqual(files.sort());
    for (const file of files) {
      expect(manifest.files[file], file).toBe(createHash('sha256').update(readDistFile('basic', file)).digest('hex'));
    }
  });

  it('list every served URL after a first build, one per line', () => {
    const served = listFiles('basic')
      .filter((file) => !file.startsWith('.') && !NOT_SERVED.has(file))
      .map(urlOf)
      .sort();
    expect(readDistFile('basic', '.changed-paths').toString('utf8')).toBe(served.map((url) => `${url}\n`).join(''));
  });

  const changed = readDistFile('changes', '.changed-paths').toString('utf8').split('\n').filter(Boolean);

  it('list exactly the URLs whose files changed when one story was edited and the site rebuilt', () => {
    const differing = differingFiles(firstDistDir('changes'), distDir('changes'))
      .filter((file) => !file.startsWith('.') && !NOT_SERVED.has(file))
      .map(urlOf)
      .sort();
    expect(changed).toEqual(differing);
  });

  it('include the edited story and the front page that lists it, not stories that do not link to it', () => {
    expect(changed).toContain('/news/quiet-story/');
    expect(changed).toContain('/');
    expect(changed).not.toContain('/sport/rowing-club/');
    expect(changed).not.toContain('/sport/chess-final/');
    expect(changed).not.toContain('/favicon.svg');
    expect(readFileSync(path.join(distDir('changes'), 'news/quiet-story/index.html'), 'utf8')).toContain('in blue');
  });

  it('give unchanged files an old mtime and changed ones a new one, so an S3 sync uploads only the changes', () => {
    const mtime = (file: string) => statSync(path.join(distDir('changes'), file)).mtimeMs;
    expect(mtime('news/quiet-story/index.html')).toBeGreaterThan(0);
    expect(mtime('sport/rowing-club/index.html')).toBe(0);
    expect(mtime('favicon.svg')).toBe(0);
  });
});

describe('the previous dist/ after the swap', () => {
  it('is deleted by a process of its own, leaving nothing behind', async () => {
    // The changes and newsroom-incremental fixtures built twice into the same dist/, so at least
    // two previous dist/ folders were retired during the fixture builds (and newsroom-shards-added
    // set a replaced search index aside, old-<pid>-1, for the same process).
    const work = path.join(root, '.broadsheet', 'build');
    await vi.waitFor(() => expect(readdirSync(work).filter((name) => name.startsWith('old-'))).toEqual([]), { timeout: 15_000, interval: 250 });
    // Nor Astro's lists of what it built (scripts/lib/cached-pages.ts), whatever the build did with them.
    expect(readdirSync(work).filter((name) => name.startsWith('outputs-'))).toEqual([]);
    expect(readFileSync(path.join(distDir('changes'), 'news/quiet-story/index.html'), 'utf8')).toContain('in blue');
  });
});
