/**
 * The fixture sites the build tests share. Each is built once per test run by the global setup;
 * tests read `dist/` and the captured output from the paths here.
 */
import { cpSync, mkdirSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { writeCorpus } from '../../scripts/bench/generate-corpus.ts';
import { folderTreeName, outputKey, workFolder } from '../../scripts/lib/set-aside.ts';
import { distListing } from '../../src/integrations/dist-files.ts';

export const root = path.resolve(import.meta.dirname, '../..');
export const fixturesDir = path.join(root, 'tests', 'fixtures');
export const buildsDir = path.join(root, '.broadsheet', 'test-builds');

/** The build's "now" for every fixture: after the fixtures' published stories, before the embargo. */
export const FIXTURE_NOW = '2024-03-12T12:00:00+07:00';

/** A time after basic's embargoed story is due (2024-03-20T06:00 Phnom Penh time). */
export const EMBARGO_LIFTED = '2024-03-21T12:00:00+07:00';

/** The folder newsroom-incremental's rebuild finds in the folders it is given, with no page of the site in it. */
export const PLANTED_FOLDER = 'politics/withdrawn-long-ago/photos';

/** The page of newsroom's cache that newsroom-interrupted finds written by a build that stopped. */
export const INTERRUPTED_PAGE = 'politics/election-date-set/index.html';

/** The generated corpus the bench-corpus build uses: small, with small photos, published before FIXTURE_NOW. */
export const BENCH_FIXTURE_CORPUS = {
  seed: 7,
  articles: 24,
  photos: 3,
  photoSize: { width: 480, height: 320 },
  now: new Date(FIXTURE_NOW),
};

export interface FixtureBuild {
  name: string;
  /** Folder under tests/fixtures/ (the sample site in content/ is `../../content`). */
  content: string;
  /** The build's "now"; FIXTURE_NOW unless given. */
  now?: string;
  /** A sentinel dist/ exists before the build, to prove a failed build leaves it alone. */
  expectFailure?: boolean;
  /** Extra environment for this build only, such as a small BROADSHEET_PAGE_SIZE. */
  env?: Record<string, string>;
  /** Build with the cache folder an earlier fixture build filled (a warm build), not a fresh one. */
  cacheOf?: string;
  /**
   * Build twice into the same dist/: first the content, then the content with this folder under
   * tests/fixtures/ copied over it (an editor's change). The first dist/ is kept in `first-dist/`.
   */
  rebuildWith?: string;
  /** Build twice into the same dist/, calling this between the builds (with or without `rebuildWith`). */
  beforeRebuild?: () => void;
  /**
   * With `rebuildWith`: how many times the content is built before the edit (1 unless given). A
   * build writes into the folders of the output before the last (scripts/lib/set-aside.ts), so
   * with 2 the edited content is built into the first build's folders.
   */
  firstBuilds?: number;
  /**
   * The editors' preview (BROADSHEET_PREVIEW=1, as `npm run dev` sets it), built with `astro build`
   * directly because scripts/build.ts always removes the flag. Renders what the dev server would.
   */
  preview?: boolean;
  /** Writes the content folder before the build (for generated sites). */
  prepare?: () => Promise<void>;
}

export const fixtureBuilds: FixtureBuild[] = [
  { name: 'basic', content: 'basic' },
  { name: 'no-analytics', content: 'no-analytics' },
  { name: 'bad-analytics', content: 'bad-analytics', expectFailure: true },
  // Two stories a page, so a handful of stories reaches page 2 and 3 of a list.
  { name: 'newsroom', content: 'newsroom', env: { BROADSHEET_PAGE_SIZE: '2' } },
  { name: 'reserved-names', content: 'reserved-names', expectFailure: true },
  // Determinism: the same content built again with a cold cache of its own, and with basic's warm cache.
  { name: 'basic-cold-again', content: 'basic' },
  { name: 'basic-warm', content: 'basic', cacheOf: 'basic' },
  // basic's content store kept but the rendered bodies beside it lost (a half-restored CI cache):
  // the stories must be rendered again, not published empty.
  {
    name: 'basic-bodies-lost',
    content: 'basic',
    cacheOf: 'basic',
    prepare: async () => rmSync(path.join(buildsDir, 'basic', 'cache', 'story-bodies'), { recursive: true, force: true }),
  },
  // Search split into indexes of about three stories (as a 20,000-story archive is split into four
  // of about 5,000), then the same site again with that build's cache: every index reused.
  { name: 'newsroom-shards', content: 'newsroom', env: { BROADSHEET_PAGE_SIZE: '2', BROADSHEET_SEARCH_SHARD_SIZE: '3' } },
  {
    name: 'newsroom-shards-warm',
    content: 'newsroom',
    cacheOf: 'newsroom-shards',
    env: { BROADSHEET_PAGE_SIZE: '2', BROADSHEET_SEARCH_SHARD_SIZE: '3' },
  },
  // One story published after newsroom-shards' build, rebuilt with its cache: the new story starts
  // the newest search index, and the others are reused although the stories' related lists changed.
  {
    name: 'newsroom-shards-added',
    content: 'newsroom',
    rebuildWith: 'newsroom-add',
    env: { BROADSHEET_PAGE_SIZE: '2', BROADSHEET_SEARCH_SHARD_SIZE: '3' },
  },
  // Incremental build: newsroom built, then edited (a body, a headline, an author's name, a story
  // withdrawn, one added) and built again with the first build's cache; and the edited content
  // built cold. The two must be byte for byte the same (tests/build/incremental.test.ts).
  // The edited content is built into the first build's folders, which still have the withdrawn story's.
  // A folder is planted in them, as one of a page that output had and the last did not (a story
  // withdrawn before the last build): no page is written into it, and it must not be published.
  {
    name: 'newsroom-incremental',
    content: 'newsroom',
    rebuildWith: 'newsroom-edit',
    firstBuilds: 2,
    env: { BROADSHEET_PAGE_SIZE: '2' },
    beforeRebuild: () => mkdirSync(path.join(workFolder(root), folderTreeName(outputKey(distDir('newsroom-incremental'))), ...PLANTED_FOLDER.split('/')), { recursive: true }),
  },
  {
    name: 'newsroom-edited-cold',
    content: path.join(buildsDir, 'newsroom-edited-cold', 'content'),
    env: { BROADSHEET_PAGE_SIZE: '2' },
    prepare: async () => {
      const content = path.join(buildsDir, 'newsroom-edited-cold', 'content');
      cpSync(path.join(fixturesDir, 'newsroom'), content, { recursive: true });
      cpSync(path.join(fixturesDir, 'newsroom-edit'), content, { recursive: true });
    },
  },
  // Built twice into the same dist/; between the builds, the cache is left as a build that stopped
  // after linking Astro's cached pages and writing one of them (through its link) leaves it: the
  // second build must render that page again rather than keep what the stopped build wrote
  // (scripts/lib/cached-pages.ts).
  {
    name: 'newsroom-interrupted',
    content: 'newsroom',
    env: { BROADSHEET_PAGE_SIZE: '2' },
    beforeRebuild: () => {
      const cache = path.join(buildsDir, 'newsroom-interrupted', 'cache');
      const pages = path.join(cache, 'dist');
      const anHourAgo = new Date(Date.now() - 3_600_000);
      for (const file of readdirSync(pages, { recursive: true }) as string[]) {
        if (statSync(path.join(pages, file)).isFile()) utimesSync(path.join(pages, file), anHourAgo, anHourAgo);
      }
      mkdirSync(path.join(cache, 'broadsheet'), { recursive: true });
      writeFileSync(path.join(cache, 'broadsheet', 'linked-pages'), String(Date.now()));
      writeFileSync(path.join(pages, INTERRUPTED_PAGE), '<!DOCTYPE html><title>half written by a build that stopped');
    },
  },
  // The same content with newsroom's warm cache but an incremental budget too small for it: every
  // page is rendered again, and the build says why.
  { name: 'newsroom-over-budget', content: 'newsroom', cacheOf: 'newsroom', env: { BROADSHEET_PAGE_SIZE: '2', BROADSHEET_INCREMENTAL_BUDGET: '1000' } },
  // Changed paths: one story edited between two builds into the same dist/.
  { name: 'changes', content: 'changes', rebuildWith: 'changes-edit' },
  { name: 'basic-preview', content: 'basic', preview: true },
  // The embargoed story once its time has come, then the site again with that build's cache at a
  // time before it (the story embargoed again): its pictures, which the first build used, are linked
  // from Astro's image cache into the second build (scripts/lib/cached-pictures.ts) and must not be published.
  { name: 'basic-embargo-lifted', content: 'basic', now: EMBARGO_LIFTED },
  { name: 'basic-embargoed-again', content: 'basic', cacheOf: 'basic-embargo-lifted' },
  // Feeds, sitemaps, structured data, search and redirects (tests/build/machine-*.test.ts).
  { name: 'machine', content: 'machine' },
  { name: 'alias-collision', content: 'alias-collision', expectFailure: true },
  // The sample site in content/ (the seed story), the day after its Most Viewed window: for the
  // link check, the browser tests and the page-weight budget.
  { name: 'sample', content: '../../content', now: '2023-10-05T12:00:00+07:00' },
  { name: 'xss', content: 'xss' },
  // A small benchmark corpus, to prove generated content passes the content schema and builds.
  {
    name: 'bench-corpus',
    content: path.join(buildsDir, 'bench-corpus', 'content'),
    prepare: async () => {
      await writeCorpus({ ...BENCH_FIXTURE_CORPUS, out: path.join(buildsDir, 'bench-corpus', 'content'), photoCache: path.join(buildsDir, 'bench-photos') });
    },
  },
];

export interface BuildResult {
  status: number | null;
  output: string;
  distDir: string;
}

export function distDir(name: string): string {
  return path.join(buildsDir, name, 'dist');
}

/** Where a `rebuildWith` build keeps its first dist/. */
export function firstDistDir(name: string): string {
  return path.join(buildsDir, name, 'first-dist');
}

/** Where a `rebuildWith` build records its first dist/'s folders (folderInodes()). */
export function firstFoldersFile(name: string): string {
  return path.join(buildsDir, name, 'first-folders.json');
}

/** Every folder under `dir` (relative, with `/`) and its inode. */
export function folderInodes(dir: string): Record<string, number> {
  return Object.fromEntries(distListing(dir).folders.map((folder) => [folder, statSync(path.join(dir, folder)).ino]));
}

export function resultFile(name: string): string {
  return path.join(buildsDir, name, 'result.json');
}
