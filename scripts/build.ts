/**
 * `npm run build`: `astro build` into a temporary folder, swapped into `dist/` only when the build
 * succeeds. A failed build (an editor's mistake, a bad analytics row) leaves the previous `dist/`
 * exactly as it was, so a deploy step that runs after a failure can never ship half a site.
 *
 * The content validator runs on a thread of its own (its memory is returned when it ends) while
 * Astro starts, and Astro's output is held back until the content is known to be good: any editor
 * mistake stops the build in seconds, with every problem listed, no stack trace and nothing from
 * Astro. (It ran before Astro until the validator's seconds at 10,000 stories were worth saving.)
 *
 * Extra arguments are passed to `astro build`.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { allocatorEnv } from './lib/allocator-env.ts';
import { CachedPages, readOutputList } from './lib/cached-pages.ts';
import { CachedPictures } from './lib/cached-pictures.ts';
import { finishDist, PageCache } from './lib/finish-dist.ts';
import { readBuiltPages } from './lib/read-pages.ts';
import { folderTreeName, outputKey, setAsideFolders, setAsideName, workFolder } from './lib/set-aside.ts';
import { distListing, removeEmptyFolders } from '../src/integrations/dist-files.ts';
import { EarlySearchIndex, searchFactsKnown, writeSearchIndex } from '../src/integrations/search-index.ts';
import { fillFeedEnclosures, SEARCH_INDEX_LATER, searchIndexSummary } from '../src/integrations/site-machine.ts';
import { newsLanguage } from '../src/lib/news-sitemap.ts';
import { searchBundlePath } from '../src/lib/search-shards.ts';
import { siteConfig } from '../src/site.config.ts';
import { buildCacheDir, contentDir, incrementalBudgetOverride, incrementalPages, OUTPUT_LIST, RENDERED_STORIES_FD, searchShardSize } from '../src/build-env.ts';
import { displayPath } from '../src/content/editor-error.ts';
import type { HandedOver } from '../src/story-handover.ts';
import { countStoryPictures, fitsIncrementalBuild, incrementalRecordBytes } from '../src/lib/incremental-budget.ts';

const root = process.cwd();
const outDir = path.resolve(root, process.env.BROADSHEET_DIST || 'dist');
const shownOutDir = displayPath(outDir, root);

// Unchanged pages are copied from the last build unless the site is too large for Astro's record of them.
const stories = countStoryPictures(path.join(contentDir(), 'articles'), path.join(buildCacheDir(), 'broadsheet', 'story-pictures.json'));
const fits = fitsIncrementalBuild(stories, incrementalBudgetOverride());
const incremental = fits ? {} : { BROADSHEET_INCREMENTAL: '0' };
if (!fits) {
  console.log(
    `Every page is rendered: with ${stories.length} stories and their pictures, Astro's record of reusable pages would be about ${Math.round(incrementalRecordBytes(stories) / 2 ** 20)} MB, too close to the longest text JavaScript can write (see src/lib/incremental-budget.ts).`,
  );
}
const work = workFolder(root);
// The staging folder's path must be the same from build to build: Astro's incremental build
// fingerprints page code, which contains the output path, and a new path would make every cached
// page look changed. One staging folder per output folder keeps builds of different sites apart.
const outKey = outputKey(outDir);
const staging = path.join(work, `staging-${outKey}`);
const retired = path.join(work, setAsideName(process.pid));
let setAsideCount = 0;
/** Moves a folder nobody needs any more to where the detached cleanup after the build deletes it (or deletes it now, from another file system). */
const setAside = (dir: string) => {
  try {
    renameSync(dir, path.join(work, setAsideName(process.pid, ++setAsideCount)));
  } catch {
    rmSync(dir, { recursive: true, force: true });
  }
};
// Astro's list of what it built, for checking the pages linked from its cache against.
const outputList = path.join(work, `outputs-${outKey}.json`);

// The folders of the output before the last, emptied of files by the last build's cleanup: this
// build's pages go into folders that exist (scripts/lib/set-aside.ts).
const folderTree = path.join(work, folderTreeName(outKey));
mkdirSync(work, { recursive: true });
// Left behind by a build that was killed: start clean.
rmSync(staging, { recursive: true, force: true });
rmSync(outputList, { force: true });
try {
  renameSync(folderTree, staging);
} catch {
  // None yet (a first build, or the cleanup still at work): Astro and the links make the folders.
}
// Astro's cached pages are linked into the staging folder instead of copied by Astro (scripts/lib/cached-pages.ts),
// unless every page is rendered anyway.
const cachedPages = fits && incrementalPages() && !process.argv.includes('--force') ? new CachedPages(buildCacheDir(), staging) : undefined;
// So are the encoded pictures of Astro's image cache, whichever pages are rendered (scripts/lib/cached-pictures.ts).
const cachedPictures = new CachedPictures(buildCacheDir(), staging);
const recovered = cachedPages?.recover();
if (recovered !== undefined) {
  console.log(
    `The last build stopped after linking pages from Astro's cache; ${recovered} page(s) it may have written there will be rendered again.`,
  );
}
const astro = path.join(root, 'node_modules', 'astro', 'bin', 'astro.mjs');
// A production build never keeps drafts or embargoed stories, whatever the shell exported. Nor does
// it inherit NODE_ENV: under a test runner (NODE_ENV=test) Vite builds the site in development
// mode, with dev-only markup in the pages.
const { BROADSHEET_PREVIEW: _preview, NODE_ENV: _nodeEnv, ...env } = process.env;
/** The V8 flag `--name=value` for Astro's process, unless NODE_OPTIONS already sets it. */
const v8Flag = (name: string, value: number) => (env.NODE_OPTIONS?.includes(`--${name}`) ? [] : [`--${name}=${value}`]);
// Node caps its heap at about 4 GB whatever the machine has; Astro holds every story's data while
// it renders, and a 100,000-story archive needs more than that. Let it use up to three quarters of
// the memory, so a big archive builds instead of crashing.
const heap = v8Flag('max-old-space-size', Math.floor((os.totalmem() / 2 ** 20) * 0.75));
// Young-generation collections were about 1.1 s of Astro's pauses in a 10,000-story edit build
// with V8's default 16 MB semi-spaces (--trace-gc); with 64 MB, 0.84 s, in a third as many.
const youngGeneration = v8Flag('max-semi-space-size', 64);
// The content validator runs on a thread of its own while Astro starts and syncs the content.
// Astro's output is held back until the content is known to be good: an editor's mistake stops the
// build with every problem listed, in editor language, and nothing from Astro.
const contentChecked = new Promise<boolean>((resolve, reject) => {
  let valid = false;
  const worker = new Worker(new URL('./lib/check-worker.ts', import.meta.url));
  worker.on('message', (message: boolean) => (valid = message));
  worker.on('error', reject);
  // After the thread has ended, so everything it printed is out before Astro's output.
  worker.on('exit', () => resolve(valid));
});
const colour = process.stdout.isTTY && !env.NO_COLOR ? { FORCE_COLOR: '1' } : {};
const child = spawn(process.execPath, [...heap, ...youngGeneration, '--expose-gc', astro, 'build', ...process.argv.slice(2)], {
  // The fourth: the story pages Astro renders, for the edited story's search index (src/story-handover.ts).
  stdio: ['inherit', 'pipe', 'pipe', 'pipe'],
  env: {
    ...env,
    ...allocatorEnv(env),
    ...colour,
    ...incremental,
    ASTRO_TELEMETRY_DISABLED: '1',
    BROADSHEET_OUT_DIR: staging,
    [SEARCH_INDEX_LATER]: '1',
    [OUTPUT_LIST]: outputList,
    [RENDERED_STORIES_FD]: '3',
  },
});
// Pagefind reads the edited story's index while Astro renders (EarlySearchIndex), once the content
// is known to be good: until then what Astro hands over (src/story-handover.ts) waits here.
const searchCache = path.join(buildCacheDir(), 'broadsheet');
const early = new EarlySearchIndex(searchCache, newsLanguage(siteConfig.locale));
const takeOver = (message: HandedOver) => {
  if ('rendered' in message) early.astroDone();
  else if (typeof message.path === 'string' && typeof message.html === 'string') early.offer(`${message.path.replace(/^\/+/, '')}index.html`, message.html);
};
let handedOver: HandedOver[] | undefined = [];
let handoverLines = '';
const handoverSocket = child.stdio[3] as NodeJS.ReadableStream;
handoverSocket.setEncoding('utf8');
handoverSocket.on('data', (chunk: string) => {
  handoverLines += chunk;
  for (let end = handoverLines.indexOf('\n'); end >= 0; end = handoverLines.indexOf('\n')) {
    const line = handoverLines.slice(0, end);
    handoverLines = handoverLines.slice(end + 1);
    let message: HandedOver;
    try {
      message = JSON.parse(line) as HandedOver;
    } catch {
      // Not a message: the index is made after Astro, as without it.
      continue;
    }
    if (handedOver) handedOver.push(message);
    else takeOver(message);
  }
});
// Read once Astro has started: the pages' record is not needed before Astro is done.
const pageCache = new PageCache(path.join(buildCacheDir(), 'broadsheet', `page-inspections-${outKey}.json`));
let held: [NodeJS.WriteStream, Buffer][] | undefined = [];
for (const [from, to] of [
  [child.stdout!, process.stdout],
  [child.stderr!, process.stderr],
] as const) {
  from.on('data', (chunk: Buffer) => (held ? held.push([to, chunk]) : to.write(chunk)));
}
const astroExited = new Promise<number | null>((resolve) => {
  child.on('error', () => resolve(null));
  child.on('close', (code) => resolve(code));
});
const valid = await contentChecked.catch((error: unknown) => {
  console.error(`The content check itself failed: ${error instanceof Error ? error.message : String(error)}`);
  return false;
});
if (!valid) {
  // Astro's caches are written whole or not at all (its content store, our story bodies), so
  // stopping it mid-sync costs only the work it had done.
  child.kill();
  await astroExited;
  rmSync(staging, { recursive: true, force: true });
  rmSync(outputList, { force: true });
  // Leave no trace of a build that never was: the folders, if this run made them.
  for (const dir of [work, path.dirname(work)]) {
    try {
      rmdirSync(dir);
    } catch {
      // Not empty: other builds' files.
    }
  }
  console.error(`\nNothing was built; ${shownOutDir}/ was left as it was.`);
  process.exit(1);
}
// Only now, so a build stopped by the content check never touched Astro's cache.
const linking = Promise.all([cachedPages?.link().catch(() => 0), cachedPictures.link().catch(() => 0)]);
// After the links have started: the first page offered reads the search documents' record.
handedOver.forEach(takeOver);
handedOver = undefined;
for (const [to, chunk] of held) to.write(chunk);
held = undefined;
const status = await astroExited;
// If Astro did not say it had rendered everything, from here, not after the links below.
if (status === 0) early.astroDone();
else early.drop();
const [, picturesLinked = 0] = await linking;

if (status !== 0) {
  // The marker of linked pages stays: the next build renders again what this one wrote into Astro's cache.
  rmSync(staging, { recursive: true, force: true });
  rmSync(outputList, { force: true });
  console.error(`\nThe build failed; ${shownOutDir}/ was left as it was.`);
  process.exit(status ?? 1);
}

// The search index, once Astro has exited and returned its memory, beside the CSP <meta>s; then
// _headers, the manifest and the changed paths: last, so they see the final files.
const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;
try {
  const started = performance.now();
  const outputs = readOutputList(outputList);
  cachedPages?.settle(outputs);
  const picturesRemoved = cachedPictures.settle(outputs);
  // Here, not in Astro's process: the pictures the feeds name include links made beside Astro.
  fillFeedEnclosures(staging, outputs, siteConfig.url);
  rmSync(outputList, { force: true });
  if (picturesLinked > 0) {
    console.log(
      `Pictures: ${picturesLinked} linked from Astro's image cache, not copied${picturesRemoved ? `; ${picturesRemoved} of them no longer used, removed` : ''}.`,
    );
  }
  // Both steps need every page's hash; Pagefind writes no pages, so one read serves them. Pagefind
  // runs in a process of its own while the pages get their CSP <meta>s (finishDist's `meanwhile`):
  // after an edit, re-indexing the edited story's index was 5 to 10 s and the CSP pass 1.5 s more.
  // One listing of the folder for both (a walk of 12,866 pages' folders is 0.3 s), and for the
  // folders this build left empty in the tree it was given.
  const listing = distListing(staging);
  const { files } = listing;
  removeEmptyFolders(staging, listing);
  const pages = await readBuiltPages(staging, pageCache, { files, searchKnown: searchFactsKnown(searchCache) });
  const { changedPaths, linked } = await finishDist(staging, outDir, {
    cache: pageCache,
    pages,
    files,
    // Pagefind writes only its own folder; the rest is settled while it works.
    meanwhileFolder: searchBundlePath(0).slice(1),
    meanwhile: async () => {
      const search = await writeSearchIndex(staging, {
        language: newsLanguage(siteConfig.locale),
        shardSize: searchShardSize(),
        cacheDir: searchCache,
        pages,
        discard: setAside,
        early,
      });
      console.log(`${searchIndexSummary(search)} ${seconds(started)}.`);
    },
  });
  console.log(
    `Content-Security-Policy on ${pages.size} page(s) (${linked} unchanged, linked from the previous build); ${changedPaths.length} URL path(s) changed since the previous build. Both steps: ${seconds(started)}.`,
  );
} catch (error) {
  rmSync(staging, { recursive: true, force: true });
  console.error(`\n${error instanceof Error ? error.message : String(error)}`);
  console.error(`The build failed; ${shownOutDir}/ was left as it was.`);
  process.exit(1);
}

const hadOutput = existsSync(outDir);
if (hadOutput) renameSync(outDir, retired);
renameSync(staging, outDir);
// The previous dist/ is tens of thousands of files at 10,000 stories, seconds of unlinking that
// nobody waits for: a detached process empties it into the next build's folder tree and deletes
// what else was set aside (and any left by a build that was stopped before its cleanup finished),
// and the build is done once the new dist/ is in place.
const leftovers = setAsideFolders(work).filter((folder) => folder !== retired);
if (hadOutput || leftovers.length > 0) {
  const folders = hadOutput ? [retired, ...leftovers] : leftovers;
  spawn(process.execPath, [fileURLToPath(new URL('./lib/cleanup.ts', import.meta.url)), hadOutput ? folderTree : '', ...folders], { detached: true, stdio: 'ignore' }).unref();
}
