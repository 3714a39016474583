/**
 * Astro's incremental build (experimental.incrementalBuild) with our cache keys
 * (src/lib/page-fingerprint.ts): a rebuild after edits must be byte for byte the build the edited
 * content gets from a cold cache, while copying the pages the edits did not touch.
 *
 * newsroom-incremental: newsroom built, then tests/fixtures/newsroom-edit/ copied over it (one
 * story's body lengthened, another's headline changed, an author renamed, a story withdrawn as a
 * draft, one added, a story's photo replaced) and built again with the first build's cache. newsroom-edited-cold: the same
 * edited content, built with an empty cache.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { distListing } from '../../src/integrations/dist-files.ts';
import { buildsDir, distDir, firstDistDir, firstFoldersFile, folderInodes, INTERRUPTED_PAGE, PLANTED_FOLDER, root } from './fixture-builds.ts';
import { buildResult, differingFiles, filesUnder } from './helpers.ts';

/**
 * The pages of a build's log, each as rendered or copied from the incremental cache.
 *
 * Astro renders several pages at a time (build.concurrency), so its log is interleaved: a
 * rendered page's "├─ /path" is written when it starts and its " (+12ms)" when it ends, with other
 * pages' entries between them, on the same line. A kept page's entry is written whole
 * ("├─ /path (cached)" or "(restored)"), so a page is reused when its entry ends so, and rendered
 * otherwise.
 */
function pagesOfLog(site: string): { rendered: Set<string>; reused: Set<string> } {
  const rendered = new Set<string>();
  const reused = new Set<string>();
  for (const match of buildResult(site).output.matchAll(/[├└]─ (\/\S*?\.html)( \((?:restored|cached)\))?/g)) {
    (match[2] ? reused : rendered).add(match[1]!);
  }
  return { rendered, reused };
}

describe('a rebuild after edits (incremental build)', () => {
  const log = pagesOfLog('newsroom-incremental');

  it('writes the same site, byte for byte, as a cold build of the edited content', () => {
    // Only the list of paths changed since the previous dist/ depends on there having been one.
    const differing = differingFiles(distDir('newsroom-incremental'), distDir('newsroom-edited-cold')).filter((file) => file !== '.changed-paths');
    expect(differing, 'files that differ between the rebuild and a cold build').toEqual([]);
  });

  it("is written into the folders of the output before the last, and keeps none of its pages' folders that it no longer needs", () => {
    // newsroom was built twice before the edit: the rebuild wrote into the first build's folders, emptied (scripts/lib/set-aside.ts).
    const first = JSON.parse(readFileSync(firstFoldersFile('newsroom-incremental'), 'utf8')) as Record<string, number>;
    const dist = distDir('newsroom-incremental');
    const now = folderInodes(dist);
    // Every folder both have is the first build's, but the search index's (made again when the index is written).
    const both = Object.keys(now).filter((folder) => folder in first && !/^pagefind(\/|$)/.test(folder));
    expect(both.length).toBeGreaterThan(20);
    expect(both.filter((folder) => first[folder] !== now[folder]), 'folders made anew').toEqual([]);
    // The withdrawn story's folder was among them, and is gone; so is any folder no file is in.
    expect(first).toHaveProperty('politics/old-voting-reform');
    expect(now).not.toHaveProperty('politics/old-voting-reform');
    expect(now).not.toHaveProperty([path.posix.dirname(PLANTED_FOLDER)]);
    const { files, folders } = distListing(dist);
    expect(folders.filter((folder) => !files.some((file) => file.startsWith(`${folder}/`)))).toEqual([]);
  });

  it("publishes a replaced photo's new pictures and none of the old one's", () => {
    // The first build's pictures are taken from a record in the next (src/kept-pictures.ts), by the photo's content.
    const portPictures = (dir: string) => readdirSync(path.join(dir, '_astro')).filter((name) => /^port\.[^.]+_.+\.(webp|avif|jpe?g)$/.test(name));
    const before = portPictures(firstDistDir('newsroom-incremental'));
    const after = portPictures(distDir('newsroom-incremental'));
    expect(before.length).toBeGreaterThan(0);
    expect(after.length).toBeGreaterThan(0);
    expect(after.filter((name) => before.includes(name))).toEqual([]);
  });

  it('copies the pages no edit touched instead of rendering them', () => {
    // No edited story is listed on these, and the rail did not change (the new story is too old for it).
    for (const page of ['/culture/index.html', '/tags/parliament/index.html', '/authors/dara-kim/page/2/index.html']) {
      expect(log.reused, page).toContain(page);
    }
  });

  it('renders every page that shows an edit', () => {
    for (const page of [
      '/politics/election-date-set/index.html', // its body
      '/business/bank-rates-hold/index.html', // its headline
      '/business/tariff-talks-begin/index.html', // new
      '/authors/lina-sok/index.html', // the author's new name
      '/business/rice-exports-rise/index.html', // a byline with the new name
      '/tags/trade/index.html', // lists the renamed headline
    ]) {
      expect(log.rendered, page).toContain(page);
    }
    const withdrawn = readFileSync(path.join(firstDistDir('newsroom-incremental'), 'politics/old-voting-reform/index.html'), 'utf8');
    expect(withdrawn).toContain('Voting reform debated');
    expect(readdirSync(path.join(distDir('newsroom-incremental'), 'politics'))).not.toContain('old-voting-reform');
  });

  it("keeps Astro's cached pages linked into the build, not copied, and shares no file of dist/ with the cache", () => {
    // scripts/lib/cached-pages.ts: Astro keeps ("cached") a page already in its output folder and
    // copies ("restored") only the rest, the feeds. Every page the rebuild reused was linked.
    const restored = buildResult('newsroom-incremental')
      .output.split('\n')
      .filter((line) => /\.html \(restored\)/.test(line));
    expect(restored).toEqual([]);
    expect(log.reused.size, 'pages reused (the three above at least)').toBeGreaterThanOrEqual(3);
    // Anything that later writes into a dist/ file must not reach Astro's cache through a link, nor
    // a later build's writes into the cache reach the published dist/.
    const inodes = (dir: string) => new Set(filesUnder(dir).map((file) => statSync(path.join(dir, file)).ino));
    const cached = inodes(path.join(buildsDir, 'newsroom-incremental', 'cache', 'dist'));
    expect(cached.size).toBeGreaterThan(10);
    const shared = [...inodes(distDir('newsroom-incremental'))].filter((inode) => cached.has(inode));
    expect(shared).toEqual([]);
  });

  it('renders every page of a cold build', () => {
    const cold = pagesOfLog('newsroom-edited-cold');
    expect(cold.reused.size).toBe(0);
    expect(cold.rendered.size).toBeGreaterThan(20);
  });
});

/**
 * Pictures kept per photo (story heroes, teasers, share crops, the logo: src/image-memo.ts) are
 * asked for in getStaticPaths(), every build (src/image-warmup.ts), so no page records them in
 * Astro's cache: a picture recorded only by a page that is later copied, not rendered, would
 * otherwise be the only thing keeping it in dist/. (That every picture is in dist/ is the
 * byte-for-byte test above.)
 */
describe('pictures kept per photo', () => {
  const record = JSON.parse(readFileSync(path.join(buildsDir, 'newsroom-incremental', 'cache', 'incremental-build.json'), 'utf8')) as {
    routes: Record<
      string,
      { paths: Record<string, { staticImages?: { originalPath: string; transform: { format?: string; sizes?: string; fit?: string; fetchpriority?: string } }[] }> }
    >;
  };
  const recorded = Object.values(record.routes).flatMap((route) =>
    Object.entries(route.paths).flatMap(([page, entry]) => (entry.staticImages ?? []).map((image) => ({ page, ...image }))),
  );

  it('are recorded by no page, while the pictures a page asks for itself are', () => {
    // An author's photo (astro:assets' <Image>) is their page's own.
    expect(recorded.filter((image) => image.page === '/authors/dara-kim/' && image.transform.sizes === '6rem').length).toBeGreaterThan(0);
    const kept = recorded.filter(
      (image) =>
        image.transform.fetchpriority === 'high' || // a story's hero (src/hero-image.ts)
        image.transform.sizes === '(min-width: 48rem) 10rem, 33vw' || // a teaser (src/teaser-image.ts)
        (image.transform.fit === 'cover' && image.transform.format === 'jpeg') || // a share crop (src/share-images.ts)
        image.originalPath.includes('publisher-logo'),
    );
    expect(kept).toEqual([]);
  });
});

/**
 * The rule that makes a page's cache key complete: a route that returns cache keys takes all of its
 * data from its props (the key is their fingerprint), so its template and every component and
 * layout read no site data of their own.
 */
describe('cached routes take their data from their props', () => {
  const pagesDir = path.join(root, 'src', 'pages');
  const sources = (dir: string, pattern = /\.astro$/): string[] =>
    readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((file) => pattern.test(file))
      .map((file) => path.join(dir, file));
  const DATA_READS = /\b(getSiteData|getCollection|getEntry|buildNow)\s*\(|process\.env|Astro\.glob/;

  it('reads no data outside getStaticPaths() in a route with cache keys', () => {
    const cached = sources(pagesDir, /\.(astro|ts)$/).filter((file) => readFileSync(file, 'utf8').includes('withCacheKeys('));
    expect(cached.map((file) => path.relative(pagesDir, file)).sort()).toEqual([
      '[...alias].astro',
      '[section]/[...page].astro',
      '[section]/[slug]/index.astro',
      '[section]/rss.xml.ts',
      'authors/[author]/[...page].astro',
      'authors/[author]/rss.xml.ts',
      'tags/[tag]/[...page].astro',
    ]);
    for (const file of cached) {
      const source = readFileSync(file, 'utf8');
      // getStaticPaths() runs in every build; only what follows it renders a page.
      const start = source.search(/export (async function getStaticPaths\(\)|const getStaticPaths = )/);
      const end = source.indexOf('\n}', start);
      expect(start, file).toBeGreaterThan(0);
      // Comments may name what the page does not call.
      const template = `${source.slice(0, start)}${source.slice(end)}`.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      expect(DATA_READS.exec(template)?.[0], `${path.relative(root, file)} reads data outside its props`).toBeUndefined();
    }
  });

  it('reads no site data in a component or layout', () => {
    for (const dir of ['components', 'layouts']) {
      for (const file of sources(path.join(root, 'src', dir))) {
        expect(DATA_READS.exec(readFileSync(file, 'utf8'))?.[0], path.relative(root, file)).toBeUndefined();
      }
    }
  });
});

describe('a site too large for Astro’s record of reusable pages', () => {
  // newsroom again, with newsroom's warm cache but a budget of 1,000 bytes for that record.
  it('renders every page, and the build says why', () => {
    const { rendered, reused } = pagesOfLog('newsroom-over-budget');
    expect(reused.size).toBe(0);
    expect(rendered.size).toBeGreaterThan(20);
    expect(buildResult('newsroom-over-budget').output).toMatch(/Every page is rendered: with \d+ stories and their pictures/);
  });

  it('writes the same site as a build that reuses pages', () => {
    expect(differingFiles(distDir('newsroom'), distDir('newsroom-over-budget'))).toEqual([]);
  });
});

/**
 * newsroom-interrupted: newsroom built, then built again with its cache left as a build that stopped
 * after linking Astro's cached pages (scripts/lib/cached-pages.ts) and writing one of them through
 * its link leaves it: a marker, and that page's cached copy newer than the marker.
 */
describe('a build after one that stopped with cached pages linked', () => {
  const log = pagesOfLog('newsroom-interrupted');

  it('says so, and renders the page the stopped build wrote into the cache again', () => {
    expect(buildResult('newsroom-interrupted').output).toContain(
      "The last build stopped after linking pages from Astro's cache; 1 page(s) it may have written there will be rendered again.",
    );
    expect(log.rendered).toContain(`/${INTERRUPTED_PAGE}`);
    expect(log.reused.size, 'pages the stopped build did not write, still reused').toBeGreaterThan(10);
  });

  it('writes the site a finished build wrote, byte for byte', () => {
    const differing = differingFiles(distDir('newsroom'), distDir('newsroom-interrupted')).filter((file) => file !== '.changed-paths');
    expect(differing).toEqual([]);
    expect(existsSync(path.join(buildsDir, 'newsroom-interrupted', 'cache', 'broadsheet', 'linked-pages')), 'the marker, once the build finished').toBe(false);
  });
});
