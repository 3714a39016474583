import { describe, expect, it } from 'vitest';
import { absolutizeHtml, channelData, rssItem } from '../../src/lib/feeds.ts';

describe('absolutizeHtml', () => {
  const page = 'https://news.example/city/bridge/';

  it('makes links, images and every srcset candidate absolute against the page', () => {
    const html = absolutizeHtml(
      '<p><a href="/world/">World</a> <a href="../other/">Other</a> <a href="#notes">Notes</a></p>' +
        '<img src="/_astro/a.webp" srcset="/_astro/a.webp 480w, /_astro/b.webp 960w" alt="A">',
      page,
    );
    expect(html).toContain('href="https://news.example/world/"');
    expect(html).toContain('href="https://news.example/city/other/"');
    expect(html).toContain('href="https://news.example/city/bridge/#notes"');
    expect(html).toContain('src="https://news.example/_astro/a.webp"');
    expect(html).toContain('srcset="https://news.example/_astro/a.webp 480w, https://news.example/_astro/b.webp 960w"');
  });

  it('leaves absolute and mailto links alone', () => {
    const html = absolutizeHtml('<a href="https://other.example/x">x</a><a href="mailto:desk@news.example">desk</a>', page);
    expect(html).toBe('<a href="https://other.example/x">x</a><a href="mailto:desk@news.example">desk</a>');
  });
});

describe('rssItem', () => {
  const base = {
    title: 'Bridge opens',
    url: 'https://news.example/city/bridge/',
    excerpt: 'A new crossing.',
    published: new Date('2024-03-12T02:00:00Z'),
    section: 'City',
    tags: ['bridges'],
    creators: ['Kim Lee', 'AFP & Reuters'],
  };

  it('carries the authors as dc:creator, the section and tags as categories, the body as content', () => {
    const item = rssItem({ ...base, content: '<p>Body</p>' });
    expect(item).toMatchObject({ title: 'Bridge opens', link: base.url, description: 'A new crossing.', content: '<p>Body</p>', categories: ['City', 'bridges'] });
    expect(item.customData).toBe('<dc:creator>Kim Lee</dc:creator><dc:creator>AFP &amp; Reuters</dc:creator>');
    expect(item.enclosure).toBeUndefined();
  });

  it('gives the hero as an enclosure and a media:content with size and alt text', () => {
    const item = rssItem({
      ...base,
      image: { url: 'https://news.example/_astro/h.jpg', width: 1200, height: 675, type: 'image/jpeg', length: 5000 },
      imageAlt: 'A "bridge"',
    });
    expect(item.enclosure).toEqual({ url: 'https://news.example/_astro/h.jpg', length: 5000, type: 'image/jpeg' });
    expect(item.customData).toContain(
      '<media:content url="https://news.example/_astro/h.jpg" type="image/jpeg" medium="image" width="1200" height="675"><media:description type="plain">A &quot;bridge&quot;</media:description></media:content>',
    );
  });
});

describe('channelData', () => {
  it('gives the language and the feed its own address', () => {
    expect(channelData('en-GB', 'https://news.example/rss.xml')).toBe(
      '<language>en-gb</language><atom:link href="https://news.example/rss.xml" rel="self" type="application/rss+xml"/>',
    );
  });
});
