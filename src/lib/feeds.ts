/**
 * RSS items for @astrojs/rss. Pure: the rendered body, the share image and the URLs come in as
 * arguments; the feed routes do the rendering.
 */
import type { Element, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import { visit } from 'unist-util-visit';
import { escapeXml } from './news-sitemap.ts';

/** Namespaces the feeds use: `dc:creator` for authors, `media:content` for the hero, `atom:link` for the feed's own URL. */
export const feedNamespaces = {
  dc: 'http://purl.org/dc/elements/1.1/',
  media: 'http://search.yahoo.com/mrss/',
  atom: 'http://www.w3.org/2005/Atom',
};

/** Channel elements: the language, and the feed's own address, which feed validators ask for. */
export function channelData(language: string, feedUrl: string): string {
  return `<language>${escapeXml(language.toLowerCase())}</language><atom:link href="${escapeXml(feedUrl)}" rel="self" type="application/rss+xml"/>`;
}

const URL_ATTRIBUTES = ['href', 'src', 'poster', 'cite'] as const;

/**
 * The body HTML with every link and image made absolute against the page's URL: a feed reader
 * shows the story away from the site, where `/_astro/photo.webp` means nothing.
 */
export function absolutizeHtml(html: string, pageUrl: string): string {
  const tree: Root = fromHtml(html, { fragment: true });
  const resolve = (value: string) => {
    try {
      return new URL(value, pageUrl).href;
    } catch {
      return value;
    }
  };
  visit(tree, 'element', (node: Element) => {
    const props = node.properties;
    for (const name of URL_ATTRIBUTES) {
      const value = props[name];
      if (typeof value === 'string' && value) props[name] = resolve(value);
    }
    // srcset is a comma-separated list of "url descriptor" candidates.
    const srcSet = props.srcSet;
    if (typeof srcSet === 'string' && srcSet) {
      props.srcSet = srcSet
        .split(',')
        .map((candidate) => {
          const [url = '', ...descriptor] = candidate.trim().split(/\s+/);
          return [resolve(url), ...descriptor].join(' ');
        })
        .join(', ');
    }
  });
  return toHtml(tree);
}

export interface FeedImage {
  /** Absolute URL. */
  url: string;
  width: number;
  height: number;
  /** MIME type, such as `image/jpeg`. */
  type: string;
  /** Size in bytes, when known. */
  length: number;
}

export interface FeedArticle {
  title: string;
  /** Absolute URL. */
  url: string;
  excerpt: string;
  published: Date;
  section: string;
  tags: string[];
  /** Names in byline order: named authors, then a free-text byline. */
  creators: string[];
  /** Body HTML with absolute URLs. */
  content?: string | undefined;
  image?: FeedImage | undefined;
  imageAlt?: string | undefined;
}

/** The shape @astrojs/rss takes for one item. */
export interface RssItem {
  title: string;
  link: string;
  pubDate: Date;
  description: string;
  content?: string;
  categories: string[];
  customData?: string;
  enclosure?: { url: string; length: number; type: string };
}

export function rssItem(article: FeedArticle): RssItem {
  const custom = article.creators.map((name) => `<dc:creator>${escapeXml(name)}</dc:creator>`);
  if (article.image) {
    const { url, type, width, height } = article.image;
    custom.push(
      `<media:content url="${escapeXml(url)}" type="${escapeXml(type)}" medium="image" width="${width}" height="${height}">` +
        (article.imageAlt ? `<media:description type="plain">${escapeXml(article.imageAlt)}</media:description>` : '') +
        `</media:content>`,
    );
  }
  const item: RssItem = {
    title: article.title,
    link: article.url,
    pubDate: article.published,
    description: article.excerpt,
    categories: [article.section, ...article.tags],
  };
  if (article.content) item.content = article.content;
  if (custom.length) item.customData = custom.join('');
  if (article.image) item.enclosure = { url: article.image.url, length: article.image.length, type: article.image.type };
  return item;
}
