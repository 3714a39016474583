import { describe, expect, it } from 'vitest';
import { listFiles, page, readDistFile } from './helpers.ts';

const SITE = 'https://www.phnompenhpost.example';
/** ISO 8601 date-time with an explicit offset, as Google asks for article dates. */
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
type Json = Record<string, any>;

function jsonLd(site: string, urlPath: string): Json[] {
  const scripts = [...page(site, urlPath).querySelectorAll('script[type="application/ld+json"]')];
  return scripts.flatMap((s) => JSON.parse(s.textContent!) as Json | Json[]);
}
const ofType = (items: Json[], type: string) => items.find((i) => i['@type'] === type)!;
const isAbsolute = (url: unknown) => typeof url === 'string' && new URL(url).origin === SITE;

describe('NewsArticle structured data, checked against Google’s Article guidance', () => {
  const bridge = ofType(jsonLd('machine', '/city/bridge-opens/'), 'NewsArticle');
  const flood = ofType(jsonLd('machine', '/world/flood-warning/'), 'NewsArticle');

  it('is schema.org NewsArticle with the headline as written, which cannot break out of its script element', () => {
    expect(bridge['@context']).toBe('https://schema.org');
    expect(bridge.headline).toBe('Bridge opens </script><script>alert("x")</script> & traffic flows');
    // The browser ends a script at the first `</script`: the JSON up to there must be all of it.
    const raw = readDistFile('machine', 'city/bridge-opens/index.html').toString();
    const start = raw.indexOf('<script type="application/ld+json">') + '<script type="application/ld+json">'.length;
    const json = raw.slice(start, raw.indexOf('</script', start));
    expect(ofType([JSON.parse(json)].flat(), 'NewsArticle').headline).toBe(bridge.headline);
    expect(page('machine', '/city/bridge-opens/').querySelectorAll('script')).toHaveLength(1);
  });

  it('has the recommended dates in ISO 8601 with an offset; dateModified from the latest correction or update', () => {
    for (const data of [bridge, flood]) {
      expect(data.datePublished).toMatch(ISO_WITH_OFFSET);
      expect(data.dateModified).toMatch(ISO_WITH_OFFSET);
    }
    expect([bridge.datePublished, bridge.dateModified]).toEqual(['2024-03-12T09:00:00+07:00', '2024-03-12T11:00:00+07:00']);
    expect([flood.datePublished, flood.dateModified]).toEqual(['2024-03-09T10:00:00+07:00', '2024-03-10T10:00:00+07:00']);
  });

  it('has images as absolute URLs of built files in 16:9, 4:3 and 1:1, each at least 50,000 pixels', () => {
    expect(bridge.image).toHaveLength(3);
    for (const url of bridge.image as string[]) {
      expect(isAbsolute(url)).toBe(true);
      expect(listFiles('machine')).toContain(new URL(url).pathname.slice(1));
    }
    expect(flood).not.toHaveProperty('image');
  });

  it('names each author as a Person with a url, and a free-text byline by name', () => {
    expect(bridge.author).toEqual([{ '@type': 'Person', name: 'Kim Lee', url: `${SITE}/authors/kim-lee/` }]);
    expect(flood.author).toEqual([{ '@type': 'Organization', name: 'AFP' }]);
  });

  it('names the publisher with a logo of at least 112 pixels, the place, section, keywords and the page', () => {
    const { publisher } = bridge;
    expect(publisher['@type']).toBe('NewsMediaOrganization');
    expect(publisher.name).toBe('The Phnom Penh Post');
    expect(isAbsolute(publisher.logo.url)).toBe(true);
    expect(listFiles('machine')).toContain(new URL(publisher.logo.url).pathname.slice(1));
    expect(Math.min(publisher.logo.width, publisher.logo.height)).toBeGreaterThanOrEqual(112);
    expect(bridge.locationCreated).toEqual({ '@type': 'Place', name: 'Phnom Penh' });
    expect(bridge.articleSection).toBe('City');
    expect(bridge.keywords).toEqual(['bridges', 'traffic']);
    expect(bridge.mainEntityOfPage['@id']).toBe(`${SITE}/city/bridge-opens/`);
  });

  it('comes with a BreadcrumbList Home > Section > Article', () => {
    const crumbs = ofType(jsonLd('machine', '/city/bridge-opens/'), 'BreadcrumbList');
    expect(crumbs.itemListElement.map((c: Json) => [c.position, c.name, c.item])).toEqual([
      [1, 'Home', `${SITE}/`],
      [2, 'City', `${SITE}/city/`],
      [3, 'Bridge opens </script><script>alert("x")</script> & traffic flows', undefined],
    ]);
  });
});

describe('front page structured data', () => {
  it('describes the publisher and the website with its search', () => {
    const items = jsonLd('machine', '/');
    expect(ofType(items, 'NewsMediaOrganization').url).toBe(`${SITE}/`);
    expect(ofType(items, 'WebSite').potentialAction.target.urlTemplate).toBe(`${SITE}/search/?q={search_term_string}`);
  });
});

describe('Open Graph and Twitter cards', () => {
  const meta = (urlPath: string) => {
    const doc = page('machine', urlPath);
    const tags: Record<string, string[]> = {};
    for (const m of doc.querySelectorAll('meta[property], meta[name]')) {
      const key = m.getAttribute('property') ?? m.getAttribute('name')!;
      (tags[key] ??= []).push(m.getAttribute('content')!);
    }
    return { tags, canonical: doc.querySelector('link[rel="canonical"]')?.getAttribute('href') };
  };

  it('describe an article with an absolute, sized share image and its times', () => {
    const { tags, canonical } = meta('/city/bridge-opens/');
    expect(canonical).toBe(`${SITE}/city/bridge-opens/`);
    expect(tags['og:type']).toEqual(['article']);
    expect(tags['og:url']).toEqual([canonical]);
    expect(tags['og:site_name']).toEqual(['The Phnom Penh Post']);
    expect(tags['og:title']).toEqual(['Bridge opens </script><script>alert("x")</script> & traffic flows']);
    expect(tags['og:description']).toEqual(['The new crossing halves the trip across the river.']);
    expect(tags.description).toEqual(tags['og:description']);
    expect(isAbsolute(tags['og:image']?.[0])).toBe(true);
    expect([tags['og:image:width'], tags['og:image:height']]).toEqual([['640'], ['360']]);
    expect(tags['article:published_time']).toEqual(['2024-03-12T09:00:00+07:00']);
    expect(tags['article:modified_time']).toEqual(['2024-03-12T11:00:00+07:00']);
    expect(tags['article:section']).toEqual(['City']);
    expect(tags['twitter:card']).toEqual(['summary_large_image']);
    expect(tags['twitter:image']).toEqual(tags['og:image']);
  });

  it('describe other pages as a website with a summary card', () => {
    const { tags } = meta('/');
    expect(tags['og:type']).toEqual(['website']);
    expect(tags['twitter:card']).toEqual(['summary']);
    expect(tags['og:image']).toBeUndefined();
  });
});

describe('structured data on every story of the sample site', () => {
  const articlePages = listFiles('sample').filter((f) => /^[^/]+\/[^/]+\/index\.html$/.test(f) && !/^(authors|tags)\//.test(f));

  it.each(articlePages)('%s has a complete NewsArticle with ISO dates and absolute URLs', (file) => {
    const items = jsonLd('sample', `/${file.replace(/index\.html$/, '')}`);
    const article = ofType(items, 'NewsArticle');
    expect(typeof article.headline).toBe('string');
    expect(article.datePublished).toMatch(ISO_WITH_OFFSET);
    expect(article.dateModified).toMatch(ISO_WITH_OFFSET);
    expect(article.dateModified >= article.datePublished).toBe(true);
    expect(isAbsolute(article.mainEntityOfPage['@id'])).toBe(true);
    expect(isAbsolute(article.publisher.logo.url)).toBe(true);
    for (const url of article.image ?? []) expect(isAbsolute(url)).toBe(true);
    for (const author of article.author ?? []) {
      expect(['Person', 'Organization']).toContain(author['@type']);
      expect(author.name).toBeTruthy();
      if (author.url) expect(isAbsolute(author.url)).toBe(true);
    }
    expect(ofType(items, 'BreadcrumbList').itemListElement).toHaveLength(3);
  });
});
