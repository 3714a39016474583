/**
 * `/_redirects` for CDNs that read one (Netlify, Cloudflare Pages): a 301 for every alias.
 * A dynamic route because Astro ignores page files whose names start with `_`.
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { getSiteData } from '../lib/articles.ts';
import { redirectsFile } from '../lib/redirects.ts';

export const getStaticPaths = (() => [{ params: { redirectsFile: '_redirects' } }]) satisfies GetStaticPaths;

export const GET: APIRoute = async () => {
  const { redirects } = await getSiteData();
  return new Response(redirectsFile(redirects), { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
};
