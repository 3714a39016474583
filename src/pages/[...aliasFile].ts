/**
 * An old address of a story that names a file (`/2019/story.html`): Astro writes every page as
 * `<path>/index.html`, which a static host would not serve for `/2019/story.html`, so this
 * endpoint writes the same redirect page under exactly that name.
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import RedirectPage from '../components/RedirectPage.astro';
import { getSiteData, type Article } from '../lib/articles.ts';
import { isFileAlias } from '../lib/redirects.ts';

export const getStaticPaths = (async () => {
  const { redirects, articles } = await getSiteData();
  const byPath = new Map(articles.map((a) => [a.path, a]));
  return redirects
    .filter((r) => isFileAlias(r.from))
    .map((r) => ({ params: { aliasFile: r.from.slice(1) }, props: { article: byPath.get(r.to)! } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute<{ article: Article }> = async ({ props: { article } }) => {
  const container = await AstroContainer.create();
  const html = await container.renderToString(RedirectPage, { props: { article }, partial: false });
  return new Response(html, { headers: { 'Content-Type': 'text/html; charset=utf-8' } });
};
