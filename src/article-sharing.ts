/**
 * What machines read about an article page: the share image, Open Graph article facts, JSON-LD
 * and the feeds it belongs to. Assembled here (it needs astro:assets for the images) so the
 * article route only passes the result on.
 */
import type { SocialArticle, SocialImage } from './components/SocialMeta.astro';
import type { Article } from './lib/articles.ts';
import { breadcrumbJsonLd, frontPageJsonLd, lastModified, newsArticleJsonLd, type JsonLdSite } from './lib/json-ld.ts';
import { absoluteUrl, authorFeedPath, authorPath, searchPath, sectionFeedPath, sectionPath } from './lib/urls.ts';
import { locale } from './locale.ts';
import { logoImage, shareImages } from './share-images.ts';
import { siteConfig } from './site.config.ts';

const url = (path: string) => absoluteUrl(siteConfig.url, path);

async function jsonLdSite(): Promise<JsonLdSite> {
  const logo = await logoImage();
  return { name: siteConfig.name, url: siteConfig.url, timeZone: siteConfig.timezone, language: siteConfig.locale, logo };
}

export interface ArticleSharing {
  image?: SocialImage | undefined;
  article: SocialArticle;
  feeds: { title: string; path: string }[];
  jsonLd: unknown[];
}

export async function articleSharing(article: Article): Promise<ArticleSharing> {
  const [site, images] = await Promise.all([jsonLdSite(), article.hero ? shareImages(article.hero.src) : []]);
  const cover = images[0];
  const authors = article.authors.map((a) => ({ name: a.name, url: url(authorPath(a.id)) }));
  const articleUrl = url(article.path);
  const sectionUrl = url(sectionPath(article.section.id));
  return {
    image: cover && { ...cover, alt: article.hero?.alt },
    article: {
      published: article.published,
      modified: lastModified(article),
      section: article.section.name,
      authors: authors.map((a) => a.url),
      tags: article.tags,
    },
    feeds: [
      { title: `${siteConfig.name}: ${article.section.name}`, path: sectionFeedPath(article.section.id) },
      ...article.authors.map((a) => ({ title: `${siteConfig.name}: ${a.name}`, path: authorFeedPath(a.id) })),
    ],
    jsonLd: [
      newsArticleJsonLd(
        {
          ...article,
          url: articleUrl,
          section: { name: article.section.name, url: sectionUrl },
          authors,
          images: images.map((i) => i.url),
        },
        site,
      ),
      // Home > Section > Article, from the section; the visible breadcrumb is the page's own.
      breadcrumbJsonLd([
        { name: locale.t('home'), url: url('/') },
        { name: article.section.name, url: sectionUrl },
        { name: article.title, url: articleUrl },
      ]),
    ],
  };
}

/** The publisher and the website, for the front page. */
export async function frontPageStructuredData(): Promise<unknown[]> {
  return frontPageJsonLd(await jsonLdSite(), siteConfig.description, searchPath);
}
