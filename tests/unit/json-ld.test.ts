import { describe, expect, it } from 'vitest';
import {
  breadcrumbJsonLd,
  frontPageJsonLd,
  lastModified,
  newsArticleJsonLd,
  serializeJsonLd,
  type JsonLdArticle,
  type JsonLdSite,
} from '../../src/lib/json-ld.ts';

const site: JsonLdSite = {
  name: 'The Daily Fixture',
  url: 'https://news.example',
  timeZone: 'Asia/Phnom_Penh',
  language: 'en-GB',
  logo: { url: 'https://news.example/_astro/logo.png', width: 512, height: 512 },
};

const article: JsonLdArticle = {
  title: 'Bridge opens',
  dek: 'A new crossing.',
  excerpt: 'A new crossing.',
  url: 'https://news.example/city/bridge-opens/',
  section: { name: 'City', url: 'https://news.example/city/' },
  authors: [{ name: 'Kim Lee', url: 'https://news.example/authors/kim-lee/' }],
  byline: 'AFP',
  dateline: 'Phnom Penh',
  published: new Date('2024-03-12T02:00:00Z'),
  corrections: [],
  tags: ['bridges'],
  images: ['https://news.example/a.jpg', 'https://news.example/b.jpg'],
};

describe('lastModified', () => {
  const published = new Date('2024-03-01T00:00:00Z');
  it('is the updated time when there is one', () => {
    const updated = new Date('2024-03-02T00:00:00Z');
    expect(lastModified({ published, updated, corrections: [{ date: new Date('2024-03-05T00:00:00Z') }] })).toBe(updated);
  });
  it('is the latest correction when the story was not updated', () => {
    const late = new Date('2024-03-04T00:00:00Z');
    expect(lastModified({ published, corrections: [{ date: new Date('2024-03-03T00:00:00Z') }, { date: late }] })).toBe(late);
  });
  it('is the publishing time otherwise', () => {
    expect(lastModified({ published, corrections: [] })).toBe(published);
  });
});

describe('newsArticleJsonLd', () => {
  const data = newsArticleJsonLd(article, site);

  it('gives dates in ISO 8601 with the site offset', () => {
    expect(data.datePublished).toBe('2024-03-12T09:00:00+07:00');
    expect(data.dateModified).toBe('2024-03-12T09:00:00+07:00');
  });

  it('lists named authors as people with their pages and a free-text byline as an organisation', () => {
    expect(data.author).toEqual([
      { '@type': 'Person', name: 'Kim Lee', url: 'https://news.example/authors/kim-lee/' },
      { '@type': 'Organization', name: 'AFP' },
    ]);
  });

  it('names the publisher with its logo, the place, section, keywords and the page', () => {
    expect(data.publisher).toMatchObject({ '@type': 'NewsMediaOrganization', name: 'The Daily Fixture', logo: { url: site.logo.url, width: 512 } });
    expect(data.locationCreated).toEqual({ '@type': 'Place', name: 'Phnom Penh' });
    expect(data.articleSection).toBe('City');
    expect(data.keywords).toEqual(['bridges']);
    expect(data.mainEntityOfPage).toEqual({ '@type': 'WebPage', '@id': article.url });
    expect(data.image).toEqual(article.images);
  });

  it('leaves out what the story does not have rather than writing empty values', () => {
    const bare = newsArticleJsonLd({ ...article, authors: [], byline: undefined, dateline: undefined, tags: [], images: [] }, site);
    for (const key of ['author', 'locationCreated', 'keywords', 'image']) expect(bare).not.toHaveProperty(key);
  });
});

describe('breadcrumbJsonLd', () => {
  it('numbers the crumbs from 1 and links all but the current page', () => {
    const data = breadcrumbJsonLd([
      { name: 'Home', url: 'https://news.example/' },
      { name: 'City', url: 'https://news.example/city/' },
      { name: 'Bridge opens', url: article.url },
    ]);
    expect(data.itemListElement).toEqual([
      { '@type': 'ListItem', position: 1, name: 'Home', item: 'https://news.example/' },
      { '@type': 'ListItem', position: 2, name: 'City', item: 'https://news.example/city/' },
      { '@type': 'ListItem', position: 3, name: 'Bridge opens' },
    ]);
  });
});

describe('frontPageJsonLd', () => {
  it('describes the publisher and a website whose search takes ?q=', () => {
    const [org, website] = frontPageJsonLd(site, 'News.', '/search/');
    expect(org).toMatchObject({ '@type': 'NewsMediaOrganization', url: 'https://news.example/' });
    expect(website).toMatchObject({
      '@type': 'WebSite',
      potentialAction: { target: { urlTemplate: 'https://news.example/search/?q={search_term_string}' } },
    });
  });
});

describe('serializeJsonLd', () => {
  it('cannot be broken out of by a headline containing </script>', () => {
    const data = { headline: 'Bridge </script><script>alert(1)</script> & <!-- more', note: 'line\u2028separator' };
    const json = serializeJsonLd(data);
    expect(json).not.toMatch(/[<>&\u2028]/);
    expect(JSON.parse(json)).toEqual(data);
  });
});
