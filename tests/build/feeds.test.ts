import Parser from 'rss-parser';
import { describe, expect, it } from 'vitest';
import { listFiles, page, readDistFile } from './helpers.ts';

const SITE = 'https://www.phnompenhpost.example';
type Item = { creators?: string[]; media?: { $: Record<string, string> }; 'content:encoded'?: string };
const parser = new Parser<Record<string, never>, Item>({
  customFields: { item: [['dc:creator', 'creators', { keepArray: true }], ['media:content', 'media']] },
});
const feed = (site: string, file: string) => parser.parseString(readDistFile(site, file).toString('utf8'));

describe('the RSS feeds of the machine fixture', () => {
  it('has a site feed with the published stories, newest first, with absolute links', async () => {
    const rss = await feed('machine', 'rss.xml');
    expect(rss.link).toBe(`${SITE}/`);
    expect(rss.feedUrl).toBe(`${SITE}/rss.xml`);
    expect(rss.items.map((i) => i.link)).toEqual([`${SITE}/city/bridge-opens/`, `${SITE}/world/flood-warning/`]);
    expect(rss.items[0]?.title).toBe('Bridge opens </script><script>alert("x")</script> & traffic flows');
    expect(rss.items[0]?.pubDate).toBe('Tue, 12 Mar 2024 02:00:00 GMT');
  });

  it('names named authors and free-text bylines as dc:creator', async () => {
    const rss = await feed('machine', 'rss.xml');
    expect(rss.items.map((i) => i.creators)).toEqual([['Kim Lee'], ['AFP']]);
  });

  it('carries the full body with absolute link URLs, and the dek as the description', async () => {
    const [bridge] = (await feed('machine', 'rss.xml')).items;
    const body = bridge?.['content:encoded'];
    expect(body).toContain('The bridge opened on Tuesday');
    expect(body).toContain(`href="${SITE}/world/flood-warning/"`);
    expect(body).not.toMatch(/(href|src|srcset)="\//);
    expect(bridge?.content).toBe('The new crossing halves the trip across the river.');
  });

  it('gives the hero as an enclosure and media:content: an absolute URL of a built JPEG with its real byte length', async () => {
    const [bridge, flood] = (await feed('machine', 'rss.xml')).items;
    const enclosure = bridge!.enclosure!;
    expect(enclosure.type).toBe('image/jpeg');
    expect(enclosure.url.startsWith(`${SITE}/_astro/`)).toBe(true);
    const file = new URL(enclosure.url).pathname.slice(1);
    expect(Number(enclosure.length)).toBe(readDistFile('machine', file).length);
    expect(bridge!.media?.$).toMatchObject({ url: enclosure.url, type: 'image/jpeg', medium: 'image', width: '640', height: '360' });
    expect(flood!.enclosure).toBeUndefined();
  });

  it('gives every feed (site, section, author) its enclosures\' real lengths, none left at 0', () => {
    const feeds = listFiles('machine').filter((file) => file.endsWith('rss.xml'));
    expect(feeds).toEqual(expect.arrayContaining(['rss.xml', 'city/rss.xml']));
    expect(feeds.length).toBeGreaterThan(2);
    const withEnclosure = feeds.filter((file) => readDistFile('machine', file).includes('<enclosure'));
    expect(withEnclosure).toEqual(expect.arrayContaining(['rss.xml', 'city/rss.xml']));
    for (const file of withEnclosure) expect(readDistFile('machine', file).toString('utf8'), file).not.toMatch(/<enclosure\b[^>]*\blength="0"/);
  });

  it('has a feed per section and per author with only their stories', async () => {
    expect((await feed('machine', 'city/rss.xml')).items.map((i) => i.link)).toEqual([`${SITE}/city/bridge-opens/`]);
    expect((await feed('machine', 'world/rss.xml')).items.map((i) => i.link)).toEqual([`${SITE}/world/flood-warning/`]);
    const author = await feed('machine', 'authors/kim-lee/rss.xml');
    expect(author.title).toBe('The Phnom Penh Post: Kim Lee');
    expect(author.items.map((i) => i.link)).toEqual([`${SITE}/city/bridge-opens/`]);
  });

  it('leaves embargoed and draft stories out of every feed', () => {
    const feeds = listFiles('machine').filter((f) => f.endsWith('rss.xml'));
    expect(feeds.sort()).toEqual(['authors/kim-lee/rss.xml', 'city/rss.xml', 'rss.xml', 'world/rss.xml']);
    for (const file of feeds) {
      const xml = readDistFile('machine', file).toString('utf8');
      for (const secret of ['glimmerwharf', 'brindlequay', 'embargoed-summit', 'cobblefrost', 'marrowlight', 'draft-parade']) {
        expect(xml, `${file} contains ${secret}`).not.toContain(secret);
      }
    }
  });

  it('is announced in the head of pages: the site feed everywhere, section and author feeds on articles', () => {
    const alternates = (path: string) =>
      [...page('machine', path).querySelectorAll('link[rel="alternate"][type="application/rss+xml"]')].map((l) => l.getAttribute('href'));
    expect(alternates('/')).toEqual([`${SITE}/rss.xml`]);
    expect(alternates('/city/bridge-opens/')).toEqual([`${SITE}/rss.xml`, `${SITE}/city/rss.xml`, `${SITE}/authors/kim-lee/rss.xml`]);
  });
});

describe('the feed of the basic fixture', () => {
  it('keeps the embargoed and draft stories out', async () => {
    const rss = await feed('basic', 'rss.xml');
    expect(rss.items).toHaveLength(5);
    expect(rss.items.map((i) => i.title).join(' ')).not.toMatch(/zebraquartz|quillmarrow/);
  });
});

describe('the machine fixture output as a whole', () => {
  it('mentions embargoed and draft stories in no file at all (the search index is checked decompressed in search.test.ts)', () => {
    const secrets = ['glimmerwharf', 'brindlequay', 'embargoed-summit', 'early-summit', 'cobblefrost', 'marrowlight', 'draft-parade', 'draft-alias'];
    for (const file of listFiles('machine')) {
      const text = readDistFile('machine', file).toString('latin1');
      for (const secret of secrets) expect(text.includes(secret), `${file} contains ${secret}`).toBe(false);
    }
  });
});
