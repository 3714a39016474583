import type { APIRoute, GetStaticPaths } from 'astro';
import { feedResponse } from '../../../feeds.ts';
import { getSiteData, type Article, type Author } from '../../../lib/articles.ts';
import { withCacheKeys } from '../../../lib/page-fingerprint.ts';
import { authorFeedPath, authorPath } from '../../../lib/urls.ts';
import { machineConfig, siteConfig } from '../../../site.config.ts';

export const getStaticPaths = (async () => {
  const { authors, articles } = await getSiteData();
  // One pass over the stories (newest first, so each list stays in order), not one per author.
  const byAuthor = new Map<string, Article[]>(authors.map((a) => [a.id, []]));
  for (const article of articles) for (const author of article.authors) byAuthor.get(author.id)?.push(article);
  // The feed's stories and nothing else in its props: their fingerprint is its cache key.
  return withCacheKeys(
    authors.map((author) => ({
      params: { author: author.id },
      props: { author, articles: byAuthor.get(author.id)!.slice(0, machineConfig.feeds.itemLimit) },
    })),
  );
}) satisfies GetStaticPaths;

export const GET: APIRoute<{ author: Author; articles: Article[] }> = ({ props: { author, articles } }) =>
  feedResponse({
    title: `${siteConfig.name}: ${author.name}`,
    description: author.role ? `${author.name}, ${author.role}` : author.name,
    pagePath: authorPath(author.id),
    feedPath: authorFeedPath(author.id),
    articles,
  });
