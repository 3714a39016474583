import type { APIRoute } from 'astro';
import { feedResponse } from '../feeds.ts';
import { getSiteData } from '../lib/articles.ts';
import { siteFeedPath } from '../lib/urls.ts';
import { siteConfig } from '../site.config.ts';

export const GET: APIRoute = async () => {
  const { articles } = await getSiteData();
  return feedResponse({ title: siteConfig.name, description: siteConfig.description, pagePath: '/', feedPath: siteFeedPath, articles });
};
