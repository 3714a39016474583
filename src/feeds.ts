/**
 * The RSS feeds, written by @astrojs/rss from the items src/lib/feeds.ts builds. The body is
 * rendered once per article per build (Astro's container renders the same component the article
 * page shows, so photos are the processed ones) and its URLs made absolute for feed readers.
 */
import rss from '@astrojs/rss';
import { render } from 'astro:content';
import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { withStoryBody } from './content/story-bodies.ts';
import type { Article } from './lib/articles.ts';
import { absolutizeHtml, channelData, feedNamespaces, rssItem } from './lib/feeds.ts';
import { absoluteUrl } from './lib/urls.ts';
import { locale } from './locale.ts';
import { shareImages } from './share-images.ts';
import { machineConfig, siteConfig } from './site.config.ts';

/**
 * Stands in for the byte size of a share image in `<enclosure length>`: Astro writes processed
 * images only after every route has rendered, so the build integration
 * (src/integrations/site-machine.ts) fills in the real size of the written file.
 */
export const ENCLOSURE_LENGTH_PENDING = 0;

let container: Promise<AstroContainer> | undefined;
const bodies = new Map<string, Promise<string>>();

function bodyHtml(article: Article): Promise<string> {
  let body = bodies.get(article.id);
  if (!body) {
    body = (async () => {
      container ??= AstroContainer.create();
      const { Content } = await render(await withStoryBody(article.entry));
      const html = await (await container).renderToString(Content);
      return absolutizeHtml(html, absoluteUrl(siteConfig.url, article.path));
    })();
    bodies.set(article.id, body);
  }
  return body;
}

export interface FeedOptions {
  title: string;
  description: string;
  /** The page the feed is about (the front page, a section, an author). */
  pagePath: string;
  /** The feed's own path. */
  feedPath: string;
  /** Newest first; only the first `machineConfig.feeds.itemLimit` are used. */
  articles: Article[];
}

export async function feedResponse({ title, description, pagePath, feedPath, articles }: FeedOptions): Promise<Response> {
  const items = await Promise.all(
    articles.slice(0, machineConfig.feeds.itemLimit).map(async (article) => {
      const cover = article.hero ? (await shareImages(article.hero.src))[0] : undefined;
      return rssItem({
        title: article.title,
        url: absoluteUrl(siteConfig.url, article.path),
        excerpt: article.excerpt,
        published: article.published,
        section: article.section.name,
        tags: article.tags,
        creators: [...article.authors.map((a) => a.name), ...(article.byline ? [article.byline] : [])],
        content: await bodyHtml(article),
        image: cover && { ...cover, length: ENCLOSURE_LENGTH_PENDING },
        imageAlt: article.hero?.alt,
      });
    }),
  );
  return rss({
    title,
    description,
    site: absoluteUrl(siteConfig.url, pagePath),
    xmlns: feedNamespaces,
    customData: channelData(locale.lang, absoluteUrl(siteConfig.url, feedPath)),
    items,
  });
}
