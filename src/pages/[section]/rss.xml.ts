import type { APIRoute, GetStaticPaths } from 'astro';
import { feedResponse } from '../../feeds.ts';
import { getSiteData, type Article, type Section } from '../../lib/articles.ts';
import { sectionFeedPath, sectionPath } from '../../lib/urls.ts';
import { siteConfig } from '../../site.config.ts';

export const getStaticPaths = (async () => {
  const { sections, articles } = await getSiteData();
  // One pass over the stories (newest first, so each list stays in order), not one per section.
  const bySection = new Map<string, Article[]>(sections.map((s) => [s.id, []]));
  for (const article of articles) bySection.get(article.section.id)?.push(article);
  return sections.map((section) => ({ params: { section: section.id }, props: { section, articles: bySection.get(section.id)! } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute<{ section: Section; articles: Article[] }> = ({ props: { section, articles } }) =>
  feedResponse({
    title: `${siteConfig.name}: ${section.name}`,
    description: section.description ?? siteConfig.description,
    pagePath: sectionPath(section.id),
    feedPath: sectionFeedPath(section.id),
    articles,
  });
