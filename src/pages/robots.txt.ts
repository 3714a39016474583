import type { APIRoute } from 'astro';
import { getSiteData } from '../lib/articles.ts';
import { recentForNews, robotsTxt } from '../lib/news-sitemap.ts';
import { absoluteUrl, newsSitemapPath, sitemapIndexPath } from '../lib/urls.ts';
import { machineConfig, siteConfig } from '../site.config.ts';

export const GET: APIRoute = async () => {
  const { articles, now } = await getSiteData();
  const hasNews = recentForNews(articles, now, machineConfig.newsSitemap.windowHours).length > 0;
  const sitemaps = [sitemapIndexPath, ...(hasNews ? [newsSitemapPath] : [])].map((p) => absoluteUrl(siteConfig.url, p));
  return new Response(robotsTxt(sitemaps), { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
};
