/**
 * `/sitemap-news.xml`: the Google News sitemap (see src/lib/news-sitemap.ts for why it is ours).
 * A dynamic route only so that it can be left out: the sitemap protocol needs at least one
 * `<url>`, so with no story in the last 48 hours there is no news sitemap, and robots.txt does
 * not name one.
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { getSiteData } from '../lib/articles.ts';
import { newsLanguage, newsSitemapXml, recentForNews } from '../lib/news-sitemap.ts';
import { absoluteUrl, newsSitemapPath } from '../lib/urls.ts';
import { machineConfig, siteConfig } from '../site.config.ts';

export const getStaticPaths = (async () => {
  const { articles, now } = await getSiteData();
  const recent = recentForNews(articles, now, machineConfig.newsSitemap.windowHours);
  return recent.length ? [{ params: { newsSitemap: newsSitemapPath.slice(1, -'.xml'.length) } }] : [];
}) satisfies GetStaticPaths;

export const GET: APIRoute = async () => {
  const { articles, now } = await getSiteData();
  const recent = recentForNews(articles, now, machineConfig.newsSitemap.windowHours);
  const xml = newsSitemapXml(
    recent.map((a) => ({ url: absoluteUrl(siteConfig.url, a.path), title: a.title, published: a.published })),
    { name: siteConfig.name, language: newsLanguage(siteConfig.locale) },
    siteConfig.timezone,
  );
  return new Response(xml, { headers: { 'Content-Type': 'application/xml; charset=utf-8' } });
};
