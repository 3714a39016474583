/**
 * Hands each story page Astro renders in a build to the build wrapper (scripts/build.ts), which
 * has Pagefind read the edited story's search index while Astro is still rendering
 * (EarlySearchIndex in src/integrations/search-index.ts; the socket: src/story-handover.ts). The
 * page is passed on unchanged.
 *
 * Only when the wrapper asked, and only the first `MAX_HANDED_OVER` story pages of a build: the
 * early index is for a build with one edited story, and a build that renders many stories makes
 * its indexes as before.
 */
import { defineMiddleware } from 'astro:middleware';
import { handOver, handoverSocket } from './story-handover.ts';

/** The route of the story pages (src/pages/[section]/[slug]/index.astro), as Astro names it. */
export const STORY_ROUTE = '/[section]/[slug]';
const MAX_HANDED_OVER = 32;

const socket = import.meta.env.DEV ? undefined : handoverSocket();
let handedOver = 0;

export const onRequest = defineMiddleware(async (context, next) => {
  const response = await next();
  if (socket === undefined || handedOver >= MAX_HANDED_OVER || context.routePattern !== STORY_ROUTE || response.status !== 200) return response;
  handedOver++;
  const html = await response.text();
  // If the wrapper stopped listening, the index is made after Astro, as without this.
  if (!handOver(socket, { path: context.url.pathname, html })) handedOver = MAX_HANDED_OVER;
  return new Response(html, { status: response.status, statusText: response.statusText, headers: response.headers });
});
