/**
 * The environment variables a build reads, in one place so that `src/lib` can stay pure.
 * BROADSHEET_CONTENT: the content directory (default `content/`), so one code base can build
 *   several publications and tests can build fixture sites.
 * BROADSHEET_NOW: the build's "now" (ISO 8601), which decides what is embargoed; the real time
 *   when unset.
 * BROADSHEET_PAGE_SIZE: stories per list page for this build, overriding `listPageSize` in
 *   src/site.config.ts (tests use a small one to reach page 2 with a handful of stories).
 * BROADSHEET_SEARCH_SHARD_SIZE: stories per search index for this build, overriding
 *   `search.shardSize` in src/site.config.ts (tests split a handful of stories over several indexes).
 * BROADSHEET_PREVIEW=1: the editors' preview (`npm run dev`) keeps drafts and embargoed stories.
 *   `npm run build` always removes it.
 * BROADSHEET_INCREMENTAL=0: render every page instead of reusing unchanged ones from the last
 *   build (Astro's incremental build). `npm run build` sets it when the site is too large for
 *   Astro's record of cached pages (src/lib/incremental-budget.ts).
 * BROADSHEET_INCREMENTAL_BUDGET: bytes that record may take for this build, overriding the
 *   budget in src/lib/incremental-budget.ts (tests use a tiny one to reach the switch).
 * BROADSHEET_OUTPUT_LIST: set by `npm run build` (not by hand) to a file for Astro's list of the
 *   files it built; the build wrapper then owns the output folder (see `wrapperOwnsOutDir`).
 */
import path from 'node:path';
import { machineConfig } from './site.config.ts';

export function contentDir(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string {
  return path.resolve(cwd, env.BROADSHEET_CONTENT || 'content');
}

export function buildNow(env: NodeJS.ProcessEnv = process.env, realNow: () => Date = () => new Date()): Date {
  const raw = env.BROADSHEET_NOW;
  if (!raw) return realNow();
  const parsed = new Date(raw);
  if (Number.isNaN(parsed.getTime())) {
    throw new Error(
      `BROADSHEET_NOW is "${raw}", which is not a date. Set it to an ISO 8601 time such as 2023-04-05T09:00:00+07:00, or unset it to use the real time.`,
    );
  }
  return parsed;
}

export function isPreview(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.BROADSHEET_PREVIEW === '1';
}

/** The byte budget of Astro's incremental record asked for, or undefined for the default. */
export function incrementalBudgetOverride(env: NodeJS.ProcessEnv = process.env): number | undefined {
  return wholeNumberSetting(env, 'BROADSHEET_INCREMENTAL_BUDGET', 'Set it to a number of bytes, or unset it to use the default budget.');
}

export const OUTPUT_LIST = 'BROADSHEET_OUTPUT_LIST';

/**
 * Set by the build wrapper to the file descriptor of a socket: Astro's process writes each story
 * page it renders there, and when it has rendered them all (src/story-handover.ts).
 */
export const RENDERED_STORIES_FD = 'BROADSHEET_RENDERED_STORIES_FD';

/** The pipe to hand rendered story pages to the build wrapper through, if it asked for them. */
export function renderedStoriesFd(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const fd = Number(env[RENDERED_STORIES_FD]);
  return Number.isInteger(fd) && fd > 2 ? fd : undefined;
}

/**
 * Whether the build wrapper (scripts/build.ts) made the output folder for this build: a new one
 * each time, with the pages of Astro's cache linked in before Astro renders
 * (scripts/lib/cached-pages.ts). Astro must then not empty it.
 */
export function wrapperOwnsOutDir(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(env[OUTPUT_LIST]);
}

/** Whether unchanged pages may be copied from the last build (Astro's incremental build). */
export function incrementalPages(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.BROADSHEET_INCREMENTAL !== '0';
}

/** A whole number of 1 or more from `env[name]`, or undefined when unset; `fix` says what to set. */
function wholeNumberSetting(env: NodeJS.ProcessEnv, name: string, fix: string): number | undefined {
  const raw = env[name];
  if (!raw) return undefined;
  const size = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(size) || size < 1) {
    throw new Error(`${name} is "${raw}", which is not a whole number of 1 or more. ${fix}`);
  }
  return size;
}

/** The list page size this build was asked for, or undefined to use the site's setting. */
export function pageSizeOverride(env: NodeJS.ProcessEnv = process.env): number | undefined {
  return wholeNumberSetting(env, 'BROADSHEET_PAGE_SIZE', 'Set it to the stories per list page, such as 20, or unset it to use listPageSize in src/site.config.ts.');
}

/**
 * BROADSHEET_CACHE_DIR: Astro's cache folder (rendered Markdown, encoded images, the content
 * store) and ours beside it; default `node_modules/.astro`. CI keeps it between builds.
 */
export function buildCacheDir(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string {
  return path.resolve(cwd, env.BROADSHEET_CACHE_DIR || path.join('node_modules', '.astro'));
}

/** Stories per search index for this build (src/integrations/search-index.ts). */
export function searchShardSize(env: NodeJS.ProcessEnv = process.env): number {
  return (
    wholeNumberSetting(env, 'BROADSHEET_SEARCH_SHARD_SIZE', 'Set it to the stories per search index, such as 5000, or unset it to use search.shardSize in src/site.config.ts.') ??
    machineConfig.search.shardSize
  );
}
