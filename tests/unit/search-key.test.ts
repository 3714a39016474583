import { describe, expect, it } from 'vitest';
import { publishedTime, searchContent } from '../../src/lib/search-key.ts';

/** A story page shaped like the article template's output. */
function story({ body = '<p>The port opened on Monday.</p>', related = '<li>Other story</li>', head = '', headline = 'New port opens', filter = 'section:Business' } = {}): string {
  return [
    '<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8">',
    '<meta property="article:published_time" content="2024-03-11T14:00:00+07:00">',
    `<title>${headline} | The Paper</title><script type="application/ld+json">{"x":"<div>"}</script>${head}</head>`,
    '<body><header><nav><a href="/">Home</a></nav></header><main>',
    `<article class="story" data-pagefind-body data-pagefind-filter="${filter}"><header>`,
    '<div data-pagefind-ignore><a href="/business/">Business</a></div>',
    `<h1>${headline}</h1><div class="meta" data-pagefind-ignore>By <a href="/authors/a/">A</a></div></header>`,
    '<figure><img src="/_astro/port_1.jpg" alt="The port &gt; the river" width="400" height="300"></figure>',
    `<div class="body">${body}</div>`,
    `<div data-pagefind-ignore><section><h2>Related</h2><ul>${related}</ul></section></div>`,
    '</article><aside><h2>Most viewed</h2></aside></main><footer>Footer</footer></body></html>',
  ].join('');
}

describe('searchContent', () => {
  it('keeps the body element as Pagefind reads it, without its ignored parts', () => {
    const content = searchContent(story())!;
    expect(content).toContain('<h1>New port opens</h1>');
    expect(content).toContain('The port opened on Monday.');
    expect(content).toContain('<img src="/_astro/port_1.jpg" alt="The port &gt; the river"');
    expect(content).toContain('<html lang="en-GB">');
    for (const left of ['Related', 'Other story', 'By <a', 'Most viewed', 'Footer', '<title>']) expect(content).not.toContain(left);
  });

  it('does not change when only ignored parts or the rest of the page change', () => {
    const key = searchContent(story());
    expect(searchContent(story({ related: '<li>A newer story</li><li>Other story</li>' }))).toBe(key);
    expect(searchContent(story({ head: '<link rel="stylesheet" href="/_astro/new.css">' }))).toBe(key);
    expect(searchContent(story().replace('Most viewed', 'Most read'))).toBe(key);
  });

  it('changes with anything Pagefind indexes: the text, the headline, a filter, a picture', () => {
    const key = searchContent(story());
    expect(searchContent(story({ body: '<p>The port opened on Tuesday.</p>' }))).not.toBe(key);
    expect(searchContent(story({ headline: 'Port opens' }))).not.toBe(key);
    expect(searchContent(story({ filter: 'section:Economy' }))).not.toBe(key);
    expect(searchContent(story().replace('port_1.jpg', 'port_2.jpg'))).not.toBe(key);
  });

  it('gives no key (the caller keys by the whole page) to Pagefind attributes where the key does not look', () => {
    expect(searchContent(story({ head: '<meta data-pagefind-meta="image:/a.jpg">' }))).toBeUndefined();
    expect(searchContent(story({ related: '<li data-pagefind-filter="tag">Port</li>' }))).toBeUndefined();
    // On the body element itself, or inside its kept part, they are part of the key.
    expect(searchContent(story())).toContain('data-pagefind-filter="section:Business"');
    expect(searchContent(story({ body: '<p data-pagefind-meta="author">Dara</p>' }))).toContain('<p data-pagefind-meta="author">Dara</p>');
  });

  it('follows nested elements of the same name, self-closing tags and markup in scripts', () => {
    const nested = story({ body: '<div><div><p>Deep</p></div><svg><path d="M0 0"/></svg></div><script>const s = "</div>";</script><p>After</p>' });
    const content = searchContent(nested)!;
    expect(content).toContain('<p>After</p>');
    expect(content).not.toContain('Related');
    expect(content.endsWith('</article>')).toBe(true);
  });

  it('gives no key to a page without a search body or whose body does not balance', () => {
    expect(searchContent('<html><body><p>No story here</p></body></html>')).toBeUndefined();
    expect(searchContent(story({ body: '<div><p>Unclosed</p>' }))).toBeUndefined();
  });
});

describe('publishedTime', () => {
  it("reads the page's article:published_time, and nothing from a page without one", () => {
    expect(publishedTime(story())).toBe(Date.parse('2024-03-11T07:00:00Z'));
    expect(publishedTime('<html><head></head></html>')).toBeUndefined();
  });
});
