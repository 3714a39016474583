/**
 * The two environment variables a build reads, in one place so that `src/lib` can stay pure.
 * BROADSHEET_CONTENT: the content directory (default `content/`), so one code base can build
 *   several publications and tests can build fixture sites.
 * BROADSHEET_NOW: the build's "now" (ISO 8601), which decides what is embargoed; the real time
 *   when unset.
 * BROADSHEET_PREVIEW=1: the editors' preview (`npm run dev`) keeps drafts and embargoed stories.
 *   `npm run build` always removes it.
 */
import path from 'node:path';

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
