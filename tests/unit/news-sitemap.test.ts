import { describe, expect, it } from 'vitest';
import { escapeXml, newsLanguage, newsSitemapXml, recentForNews, robotsTxt } from '../../src/lib/news-sitemap.ts';

describe('recentForNews', () => {
  const now = new Date('2024-03-12T05:00:00Z');
  const at = (iso: string) => ({ published: new Date(iso) });

  it('keeps stories of the last 48 hours, not older ones and none from the future', () => {
    const stories = [at('2024-03-12T05:00:00Z'), at('2024-03-10T05:00:01Z'), at('2024-03-10T05:00:00Z'), at('2024-03-12T05:00:01Z')];
    expect(recentForNews(stories, now, 48)).toEqual([stories[0], stories[1]]);
  });
});

describe('newsLanguage', () => {
  it('gives the ISO 639 code Google News asks for, with its two Chinese exceptions', () => {
    expect(newsLanguage('en-GB')).toBe('en');
    expect(newsLanguage('km')).toBe('km');
    expect(newsLanguage('zh-Hant-TW')).toBe('zh-tw');
    expect(newsLanguage('zh-CN')).toBe('zh-cn');
  });
});

describe('newsSitemapXml', () => {
  it('writes publication, date with offset and title for each story, escaping markup', () => {
    const xml = newsSitemapXml(
      [{ url: 'https://news.example/a/?x=1&y=2', title: 'Tom & Jerry <live>', published: new Date('2024-03-12T02:00:00Z') }],
      { name: 'The Daily', language: 'en' },
      'Asia/Phnom_Penh',
    );
    expect(xml).toContain('<loc>https://news.example/a/?x=1&amp;y=2</loc>');
    expect(xml).toContain('<news:name>The Daily</news:name>');
    expect(xml).toContain('<news:language>en</news:language>');
    expect(xml).toContain('<news:publication_date>2024-03-12T09:00:00+07:00</news:publication_date>');
    expect(xml).toContain('<news:title>Tom &amp; Jerry &lt;live&gt;</news:title>');
  });
});

describe('robotsTxt and escapeXml', () => {
  it('names every sitemap by absolute URL', () => {
    expect(robotsTxt(['https://news.example/sitemap-index.xml'])).toBe('User-agent: *\nAllow: /\n\nSitemap: https://news.example/sitemap-index.xml\n');
  });
  it('escapes the five XML special characters', () => {
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;');
  });
});
