import type { APIRoute, GetStaticPaths } from 'astro';
import { feedResponse } from '../../feeds.ts';
import { getSiteData, type Article, type Section } from '../../lib/articles.ts';
import { withCacheKeys } from '../../lib/page-fingerprint.ts';
import { sectionFeedPath, sectionPath } from '../../lib/urls.ts';
import { machineConfig, siteConfig } from '../../site.config.ts';

export const getStaticPaths = (async () => {
  const { sections, articles } = await getSiteData();
  // One pass over the stories (newest first, so each list stays in order), not one per section.
  const bySection = new Map<string, Article[]>(sections.map((s) => [s.id, []]));
  for (const article of articles) bySection.get(article.section.id)?.push(article);
  // The feed's stories and nothing else in its props: their fingerprint is its cache key.
  return withCacheKeys(
    sections.map((section) => ({
      params: { section: section.id },
      props: { section, articles: bySection.get(section.id)!.slice(0, machineConfig.feeds.itemLimit) },
    })),
  );
}) satisfies GetStaticPaths;

export const GET: APIRoute<{ section: Section; articles: Article[] }> = ({ props: { section, articles } }) =>
  feedResponse({
    title: `${siteConfig.name}: ${section.name}`,
    description: section.description ?? siteConfig.description,
    pagePath: sectionPath(section.id),
    feedPath: sectionFeedPath(section.id),
    articles,
  });
