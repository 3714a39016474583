import { describe, expect, it } from 'vitest';
import { buildResult, listFiles, page, readDistFile } from './helpers.ts';

const STORY = '/news/kampot-salt-harvest/';

describe('the article page of the fixture site', () => {
  const doc = page('basic', STORY);
  const article = doc.querySelector('main article')!;

  it('has exactly one h1, the headline, inside the article header', () => {
    expect(doc.querySelectorAll('h1')).toHaveLength(1);
    expect(article.querySelector('header h1')?.textContent).toBe('Kampot salt farmers bring in a record harvest');
    expect(doc.querySelector('title')?.textContent).toContain('Kampot salt farmers bring in a record harvest');
  });

  it('shows the dek under the headline', () => {
    expect(article.querySelector('header .dek')?.textContent).toBe('Dry weather gave the salt fields their best season in a decade.');
  });

  it('links named authors to their pages and adds the free-text byline', () => {
    const byline = article.querySelector('.byline')!;
    const links = [...byline.querySelectorAll('a[rel="author"]')].map((a) => [a.textContent, a.getAttribute('href')]);
    expect(links).toEqual([
      ['Ann Reporter', '/authors/ann-reporter/'],
      ['Ben Writer', '/authors/ben-writer/'],
    ]);
    expect(byline.textContent?.replace(/\s+/g, ' ').trim()).toBe('By Ann Reporter, Ben Writer and Staff reporter');
  });

  it('starts the body with the dateline', () => {
    const body = article.querySelector('.story-body')!;
    expect(body.firstElementChild?.className).toBe('dateline');
    expect(body.firstElementChild?.textContent).toBe('Kampot');
  });

  it('gives published and updated times in the site timezone, read without an offset as Phnom Penh time', () => {
    const times = [...article.querySelectorAll('header time')].map((t) => [t.getAttribute('datetime'), t.textContent]);
    expect(times).toEqual([
      ['2024-03-10T08:30:00+07:00', '10 March 2024 at 08:30'],
      ['2024-03-11T10:00:00+07:00', '11 March 2024 at 10:00'],
    ]);
  });

  it('renders the hero as a figure with AVIF and WebP sources, sizes, dimensions and high priority', () => {
    const figure = article.querySelector('figure.hero')!;
    const sources = [...figure.querySelectorAll('picture source')];
    expect(sources.map((s) => s.getAttribute('type'))).toEqual(['image/avif', 'image/webp']);
    for (const source of sources) {
      expect(source.getAttribute('srcset')).toMatch(/\.(avif|webp) 400w, .* 640w$/);
      expect(source.getAttribute('sizes')).toBeTruthy();
    }
    const img = figure.querySelector('img')!;
    expect(img.getAttribute('alt')).toBe('Rows of white salt heaps on flat fields under a pale sky.');
    expect(img.getAttribute('width')).toBe('640');
    expect(img.getAttribute('height')).toBe('427');
    expect(img.getAttribute('loading')).toBe('eager');
    expect(img.getAttribute('fetchpriority')).toBe('high');
  });

  it('writes every hero source file to dist/', () => {
    const files = new Set(listFiles('basic'));
    const srcsets = [...article.querySelectorAll('figure.hero source')].map((s) => s.getAttribute('srcset')!);
    const urls = srcsets.flatMap((set) => set.split(', ').map((candidate) => candidate.split(' ')[0]!));
    expect(urls.length).toBeGreaterThan(0);
    for (const url of urls) {
      expect(files.has(url.replace(/^\//, ''))).toBe(true);
      expect(readDistFile('basic', url.replace(/^\//, '')).length).toBeGreaterThan(100);
    }
  });

  it('puts the hero caption and credit in separate elements of the figcaption', () => {
    const caption = article.querySelector('figure.hero figcaption')!;
    expect(caption.querySelector('.figure-caption')?.textContent).toBe('Workers rake salt into heaps at a farm outside Kampot town.');
    expect(caption.querySelector('.figure-credit')?.textContent).toBe('FIXTURE PHOTO AGENCY');
  });

  it('turns an inline Markdown image into a figure with caption and credit and an optimised, lazy image', () => {
    const figure = article.querySelector('.story-body figure.figure')!;
    const img = figure.querySelector('img')!;
    expect(img.getAttribute('alt')).toBe('A farmer carrying two baskets of salt.');
    expect(img.getAttribute('src')).toMatch(/^\/_astro\/farmer\..*\.webp$/);
    expect(img.getAttribute('width')).toBe('480');
    expect(img.getAttribute('loading')).toBe('lazy');
    expect(img.hasAttribute('title')).toBe(false);
    expect(figure.querySelector('figcaption .figure-caption')?.textContent).toBe('A farmer carries salt to the store');
    expect(figure.querySelector('figcaption .figure-credit')?.textContent).toBe('ANN REPORTER');
  });

  it('renders the pull quote with its attribution', () => {
    const quote = article.querySelector('figure.pull-quote')!;
    expect(quote.querySelector('blockquote')?.textContent?.trim()).toBe('We have never filled the barns this early.');
    expect(quote.querySelector('figcaption')?.textContent).toBe('Chea Sokha, farmer');
  });

  it('has a skip link to the main content and ships no script but its structured data', () => {
    const skip = doc.querySelector('a.skip-link')!;
    expect(skip.getAttribute('href')).toBe('#main');
    expect(doc.getElementById('main')?.tagName).toBe('MAIN');
    expect(doc.querySelectorAll('script:not([type="application/ld+json"])')).toHaveLength(0);
  });
});

describe('Most Viewed on the fixture site', () => {
  const rail = page('basic', '/news/ferry-timetable/').querySelector('aside.most-viewed')!;
  const items = [...rail.querySelectorAll('li')];

  it('lists the most viewed published stories of the last 7 days, ties to the newer story', () => {
    expect(rail.querySelector('h2')?.textContent).toBe('Most viewed');
    expect(items.map((li) => li.querySelector('a')?.getAttribute('href'))).toEqual([
      '/news/kampot-salt-harvest/',
      '/news/ferry-timetable/',
      '/sport/football-final/',
      '/sport/boat-race-preview/',
      '/sport/tied-older/',
    ]);
  });

  it('shows each story with its headline and excerpt: the dek, else the opening words', () => {
    expect(items[0]?.querySelector('a')?.textContent).toBe('Kampot salt farmers bring in a record harvest');
    expect(items[0]?.querySelector('p')?.textContent).toBe('Dry weather gave the salt fields their best season in a decade.');
    expect(items[1]?.querySelector('p')?.textContent).toBe(
      'The ferry to Koh Rong will run twice a day from next week, operators said on Saturday, as the number of visitors to the islands keeps rising through the dry season and the sea stays calm.',
    );
  });

  it('is the same rail on every article page', () => {
    const other = page('basic', '/sport/tied-older/').querySelector('aside.most-viewed')!;
    expect(other.innerHTML).toBe(rail.innerHTML);
  });
});

// basic-embargoed-again is built with the cache of a build that published the embargoed story: the
// pictures that build used are linked from Astro's image cache into the next (scripts/lib/cached-pictures.ts).
describe.each(['basic', 'basic-embargoed-again'])('embargoed and draft stories (%s)', (site) => {
  const files = listFiles(site);

  it('have no page in dist/', () => {
    expect(files.filter((f) => /embargoed-budget-leak|draft-story/.test(f))).toEqual([]);
  });

  it('appear in no file: not their headline, body, caption, slug or hero image', () => {
    const secrets = ['zebraquartz', 'xylophonequark', 'quillmarrow', 'hollowtorque', 'embargoed-budget-leak', 'draft-story', 'embargoed-hero'];
    for (const file of files) {
      expect(file).not.toMatch(/embargoed-hero/);
      const text = readDistFile(site, file).toString('latin1');
      for (const secret of secrets) expect(text.includes(secret), `${file} contains ${secret}`).toBe(false);
    }
  });
});

it("basic-embargoed-again was built with the pictures of a build that published the embargoed story, and removed them", () => {
  expect(listFiles('basic-embargo-lifted').filter((file) => /^_astro\/embargoed-hero\./.test(file)).length).toBeGreaterThan(0);
  // Linked from Astro's image cache (the last build used them), then removed: this build did not.
  const said = /Pictures: (\d+) linked from Astro's image cache, not copied; (\d+) of them no longer used, removed\./.exec(buildResult('basic-embargoed-again').output);
  expect(Number(said?.[2])).toBeGreaterThan(0);
});

describe('a site without an analytics file', () => {
  const rail = page('no-analytics', '/news/only-story/').querySelector('aside.most-viewed')!;

  it('shows the latest stories under an honest heading', () => {
    expect(rail.getAttribute('data-rail')).toBe('latest');
    expect(rail.querySelector('h2')?.textContent).toBe('Latest stories');
    expect([...rail.querySelectorAll('li a')].map((a) => a.textContent)).toEqual(['The second story', 'The only story']);
  });
});

describe('a malformed analytics file', () => {
  const result = buildResult('bad-analytics');

  it('fails the build', () => {
    expect(result.status).not.toBe(0);
  });

  it('names the file, each bad line and the reason, without a stack trace', () => {
    const file = 'tests/fixtures/bad-analytics/analytics/pageviews.csv';
    expect(result.output).toContain('The analytics file has 4 problems:');
    expect(result.output).toContain(`${file}:3: date "2024-03-32" is not a day in the form YYYY-MM-DD (for example 2023-09-28).`);
    expect(result.output).toContain(`${file}:4: views "-4" is negative; page views are 0 or more.`);
    expect(result.output).toContain(`${file}:5: expected 3 columns (date,path,views) but found 2: "2024-03-11,/news/second-story/".`);
    expect(result.output).toContain(`${file}:6: views "many" is not a whole number; write the count of page views, such as 1520.`);
    expect(result.output).not.toMatch(/Stack trace|\n\s+at .*\(.*:\d+:\d+\)/);
  });

  it('leaves the previous dist/ untouched', () => {
    expect(listFiles('bad-analytics')).toEqual(['sentinel.txt']);
    expect(readDistFile('bad-analytics', 'sentinel.txt').toString()).toBe('previous build: keep me\n');
  });
});
