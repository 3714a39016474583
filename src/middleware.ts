/**
 * Hands each story page Astro renders in a build to the build wrapper (scripts/build.ts), which
 * has Pagefind read the edited story's search index while Astro is still rendering
 * (EarlySearchIndex in src/integrations/search-index.ts). The page is passed on unchanged.
 *
 * Only when the wrapper asked (it passes a pipe, src/build-env.ts), and only the first
 * `MAX_HANDED_OVER` story pages of a build: the early index is for a build with one edited story,
 * and a build that renders many stories makes its indexes as before.
 */
import { fstatSync, writeSync } from 'node:fs';
import { defineMiddleware } from 'astro:middleware';
import { renderedStoriesFd } from './build-env.ts';

/** The route of the story pages (src/pages/[section]/[slug]/index.astro), as Astro names it. */
export const STORY_ROUTE = '/[section]/[slug]';
const MAX_HANDED_OVER = 32;

/** The wrapper's pipe (Node makes it a socket pair); nothing if the variable names anything else, as a stray export in a shell could. */
function pipe(): number | undefined {
  const fd = import.meta.env.DEV ? undefined : renderedStoriesFd();
  try {
    if (fd === undefined) return undefined;
    const stat = fstatSync(fd);
    return stat.isFIFO() || stat.isSocket() ? fd : undefined;
  } catch {
    return undefined;
  }
}

const fd = pipe();
let handedOver = 0;

export const onRequest = defineMiddleware(async (context, next) => {
  const response = await next();
  if (fd === undefined || handedOver >= MAX_HANDED_OVER || context.routePattern !== STORY_ROUTE || response.status !== 200) return response;
  handedOver++;
  const html = await response.text();
  try {
    const line = Buffer.from(`${JSON.stringify({ path: context.url.pathname, html })}\n`);
    for (let written = 0; written < line.length; ) written += writeSync(fd, line, written);
  } catch {
    // The wrapper stopped listening: the index is made after Astro, as without it.
    handedOver = MAX_HANDED_OVER;
  }
  return new Response(html, { status: response.status, statusText: response.statusText, headers: response.headers });
});
