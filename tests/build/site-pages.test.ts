import { describe, expect, it } from 'vitest';
import { buildResult, listFiles, page, readDistFile } from './helpers.ts';

// The newsroom fixture builds with two stories a page (BROADSHEET_PAGE_SIZE=2).
const SITE = 'newsroom';
const hrefs = (root: ParentNode, selector: string) => [...root.querySelectorAll(selector)].map((a) => a.getAttribute('href'));
const teaserPaths = (root: ParentNode) => [...root.querySelectorAll('.teaser')].map((t) => t.getAttribute('data-path'));
const headLink = (doc: Document, rel: string) => doc.querySelector(`head link[rel="${rel}"]`)?.getAttribute('href');

describe('the front page', () => {
  const doc = page(SITE, '/');
  const lead = doc.querySelector('article.lead')!;

  it('leads with the story pinned 1, though newer stories exist, with its hero, dek and byline', () => {
    expect(lead.getAttribute('data-path')).toBe('/business/new-port-opens/');
    expect(lead.querySelector('.lead-headline a')?.textContent).toBe('New deep-sea port opens in Kampot');
    expect(lead.querySelector('.lead-dek')?.textContent).toBe('The port can take ships three times larger than before.');
    expect(lead.querySelector('.byline')?.textContent?.replace(/\s+/g, ' ').trim()).toBe('By AFP');
    expect(lead.querySelector('picture img')?.getAttribute('alt')).toBe('Cranes over a container ship at a new quay.');
  });

  it('follows with the story pinned 2, then the rest newest first', () => {
    expect(teaserPaths(doc.querySelector('.top-stories')!)).toEqual([
      '/politics/election-date-set/',
      '/business/rice-exports-rise/',
      '/politics/assembly-passes-budget/',
      '/politics/senate-session-opens/',
      '/politics/commune-councils-meet/',
      '/business/garment-orders-slow/',
    ]);
  });

  it('never leads with an embargoed story, even one pinned 1', () => {
    expect(doc.documentElement.outerHTML).not.toContain('Embargoed merger');
  });

  it('has a block per section with stories not already at the top, linking to the section page', () => {
    const blocks = [...doc.querySelectorAll('.section-block')];
    expect(blocks.map((b) => [b.getAttribute('data-section'), teaserPaths(b)])).toEqual([
      ['business', ['/business/bank-rates-hold/']],
      ['politics', ['/politics/old-voting-reform/']],
    ]);
    expect(hrefs(blocks[0]!, 'h2 a')).toEqual(['/business/']);
  });

  it('shows the Most Viewed rail', () => {
    const rail = doc.querySelector('aside.most-viewed')!;
    expect(rail.querySelectorAll('li').length).toBeGreaterThan(0);
  });
});

describe('the front page of the basic fixture', () => {
  it('shows the same Most Viewed rail as its article pages', () => {
    const front = page('basic', '/').querySelector('aside.most-viewed')!;
    const article = page('basic', '/news/ferry-timetable/').querySelector('aside.most-viewed')!;
    expect(front.querySelector('h2')?.textContent).toBe('Most viewed');
    expect(front.innerHTML).toBe(article.innerHTML);
  });
});

describe('section pages', () => {
  const first = page(SITE, '/politics/');
  const second = page(SITE, '/politics/page/2/');
  const last = page(SITE, '/politics/page/3/');

  it('list the section’s stories newest first, two a page, under its name and description', () => {
    expect(first.querySelector('h1')?.textContent).toBe('Politics');
    expect(first.querySelector('.list-header')?.textContent).toContain('Parliament, parties and elections.');
    expect(teaserPaths(first)).toEqual(['/politics/election-date-set/', '/politics/assembly-passes-budget/']);
    expect(teaserPaths(second)).toEqual(['/politics/senate-session-opens/', '/politics/commune-councils-meet/']);
    expect(teaserPaths(last)).toEqual(['/politics/old-voting-reform/']);
  });

  it('link the first page to the next only, in the head and on the page', () => {
    expect(headLink(first, 'prev')).toBeUndefined();
    expect(headLink(first, 'next')).toBe('/politics/page/2/');
    expect(hrefs(first, 'nav.pagination a')).toEqual(['/politics/page/2/']);
  });

  it('link a middle page both ways', () => {
    expect([headLink(second, 'prev'), headLink(second, 'next')]).toEqual(['/politics/', '/politics/page/3/']);
    expect(hrefs(second, 'nav.pagination a')).toEqual(['/politics/', '/politics/page/3/']);
    expect(second.querySelector('title')?.textContent).toMatch(/^Politics, page 2 \| /);
  });

  it('link the last page to the previous only', () => {
    expect(headLink(last, 'prev')).toBe('/politics/page/2/');
    expect(headLink(last, 'next')).toBeUndefined();
    expect(hrefs(last, 'nav.pagination a')).toEqual(['/politics/page/2/']);
  });

  it('end on a full last page when the stories are an exact multiple of the page size', () => {
    const files = listFiles(SITE);
    expect(teaserPaths(page(SITE, '/business/page/2/'))).toEqual(['/business/new-port-opens/', '/business/bank-rates-hold/']);
    expect(headLink(page(SITE, '/business/page/2/'), 'next')).toBeUndefined();
    expect(files).not.toContain('business/page/3/index.html');
    expect(files).not.toContain('politics/page/1/index.html');
  });

  it('exist for a section without stories, saying so, with no page links', () => {
    const empty = page(SITE, '/culture/');
    expect(empty.querySelector('h1')?.textContent).toBe('Culture');
    expect(empty.querySelector('main')?.textContent).toContain('No stories here yet.');
    expect(empty.querySelector('nav.pagination')).toBeNull();
    expect(headLink(empty, 'next')).toBeUndefined();
  });

  it('mark the section as the current page in the site navigation', () => {
    expect(hrefs(second, 'header nav a[aria-current="page"]')).toEqual(['/politics/']);
  });
});

describe('author pages', () => {
  const dara = page(SITE, '/authors/dara-kim/');

  it('show the author’s name, role, bio and photo, optimised by astro:assets', () => {
    expect(dara.querySelector('h1')?.textContent).toBe('Dara Kim');
    expect(dara.querySelector('.list-kicker')?.textContent).toBe('Political editor');
    expect(dara.querySelector('.author-bio')?.textContent).toBe('Dara Kim has covered parliament since 2015.');
    expect(dara.querySelector('img.author-photo')?.getAttribute('src')).toMatch(/^\/_astro\/dara-kim\..*\.webp$/);
  });

  it('list their stories newest first across pages', () => {
    expect(teaserPaths(dara)).toEqual(['/business/rice-exports-rise/', '/politics/election-date-set/']);
    expect(teaserPaths(page(SITE, '/authors/dara-kim/page/2/'))).toEqual(['/politics/senate-session-opens/']);
    expect(headLink(dara, 'next')).toBe('/authors/dara-kim/page/2/');
  });

  it('need only a name', () => {
    const lina = page(SITE, '/authors/lina-sok/');
    expect(lina.querySelector('h1')?.textContent).toBe('Lina Sok');
    expect(lina.querySelector('img.author-photo')).toBeNull();
    expect(teaserPaths(lina)).toEqual(['/business/rice-exports-rise/']);
  });
});

describe('tag pages', () => {
  it('gather every spelling of a tag under its slug and its most used name', () => {
    const elections = page(SITE, '/tags/elections/');
    expect(elections.querySelector('h1')?.textContent).toBe('Elections');
    expect(teaserPaths(elections)).toEqual(['/politics/election-date-set/', '/politics/commune-councils-meet/']);
    expect(teaserPaths(page(SITE, '/tags/elections/page/2/'))).toEqual(['/politics/old-voting-reform/']);
    expect(headLink(page(SITE, '/tags/elections/page/2/'), 'prev')).toBe('/tags/elections/');
  });

  it('keep the display name of a tag whose slug drops punctuation', () => {
    expect(page(SITE, '/tags/phnom-penhs-economy/').querySelector('h1')?.textContent).toBe('Phnom Penh’s economy');
  });

  it('are listed on the tag index by name, with their story counts', () => {
    const items = [...page(SITE, '/tags/').querySelectorAll('.tag-index li')].map((li) => [
      li.querySelector('a')?.getAttribute('href'),
      li.textContent?.replace(/\s+/g, ' ').trim(),
    ]);
    expect(items).toEqual([
      ['/tags/budget/', 'budget 2 stories'],
      ['/tags/elections/', 'Elections 3 stories'],
      ['/tags/parliament/', 'parliament 2 stories'],
      ['/tags/phnom-penhs-economy/', 'Phnom Penh’s economy 1 story'],
      ['/tags/trade/', 'trade 3 stories'],
    ]);
  });

  it('are linked from the article, in the article’s own spelling', () => {
    const tags = page(SITE, '/politics/commune-councils-meet/').querySelector('nav.story-tags')!;
    expect([...tags.querySelectorAll('a')].map((a) => [a.textContent?.trim(), a.getAttribute('href')])).toEqual([['elections', '/tags/elections/']]);
  });
});

describe('the article page additions', () => {
  const budget = page(SITE, '/politics/assembly-passes-budget/');

  it('show related stories: shared tags first, then the section, newest first, never the story itself', () => {
    expect(teaserPaths(budget.querySelector('section.related')!)).toEqual([
      '/politics/election-date-set/',
      '/business/garment-orders-slow/',
      '/politics/senate-session-opens/',
      '/politics/commune-councils-meet/',
    ]);
  });

  it('show corrections, newest first, and the update as dated notices above the story', () => {
    const notices = [...budget.querySelectorAll('.story-notices .notice')].map((n) => [
      n.className.replace('notice ', ''),
      n.querySelector('time')?.getAttribute('datetime'),
      n.textContent?.replace(/\s+/g, ' ').trim(),
    ]);
    expect(notices).toEqual([
      ['notice-correction', '2024-03-10T15:00:00+07:00', 'Correction, 10 March 2024: An earlier version misspelt the minister\'s name.'],
      ['notice-correction', '2024-03-10T14:00:00+07:00', 'Correction, 10 March 2024: An earlier version gave the wrong total.'],
      ['notice-updated', '2024-03-10T15:00:00+07:00', 'This story was updated on 10 March 2024 at 15:00.'],
    ]);
    const header = budget.querySelector('header.story-header')!;
    expect(header.nextElementSibling?.classList.contains('story-notices')).toBe(true);
  });

  it('warn that a story is more than a year old, relative to the build’s now', () => {
    const old = page(SITE, '/politics/old-voting-reform/').querySelector('.notice-old')!;
    expect(old.textContent?.replace(/\s+/g, ' ').trim()).toBe('This story is more than a year old. It was published on 12 March 2023.');
    expect(page(SITE, '/business/bank-rates-hold/').querySelector('.story-notices')).toBeNull();
  });

  it('lead with breadcrumbs from the front page through the section to the story', () => {
    const nav = budget.querySelector('nav.breadcrumbs')!;
    expect(nav.getAttribute('aria-label')).toBe('Breadcrumb');
    expect([...nav.querySelectorAll('li a')].map((a) => [a.textContent, a.getAttribute('href')])).toEqual([
      ['Home', '/'],
      ['Politics', '/politics/'],
      ['Assembly passes the budget', '/politics/assembly-passes-budget/'],
    ]);
    expect(nav.querySelector('[aria-current="page"]')?.getAttribute('href')).toBe('/politics/assembly-passes-budget/');
  });
});

describe('the 404 page', () => {
  const doc = page(SITE, '/404.html');

  it('offers a search form that works without JavaScript: GET /search/ with q', () => {
    const form = doc.querySelector('main form')!;
    expect(form.getAttribute('action')).toBe('/search/');
    expect(form.getAttribute('method')).toBe('get');
    expect(form.querySelector('input')?.getAttribute('name')).toBe('q');
    expect(doc.querySelector(`label[for="${form.querySelector('input')?.id}"]`)).not.toBeNull();
  });

  it('lists the latest stories and the sections', () => {
    expect(teaserPaths(doc.querySelector('main .latest')!)).toEqual([
      '/business/rice-exports-rise/',
      '/politics/election-date-set/',
      '/politics/assembly-passes-budget/',
      '/politics/senate-session-opens/',
      '/politics/commune-councils-meet/',
      '/business/garment-orders-slow/',
    ]);
    expect(hrefs(doc.querySelector('main')!, '.section-links a')).toEqual(['/business/', '/culture/', '/politics/']);
  });
});

describe('the site footer', () => {
  it('links every section, the front page, the topics and the search', () => {
    const footer = page(SITE, '/politics/').querySelector('footer.site-footer')!;
    expect(hrefs(footer, 'nav a')).toEqual(['/business/', '/culture/', '/politics/', '/', '/tags/', '/search/']);
  });
});

describe('pages around the articles', () => {
  it('ship no script (JSON-LD is data, not script)', () => {
    for (const path of ['/', '/politics/', '/authors/dara-kim/', '/tags/', '/tags/trade/', '/404.html']) {
      expect(page(SITE, path).querySelectorAll('script:not([type="application/ld+json"])'), path).toHaveLength(0);
    }
  });

  it('never mention an embargoed story', () => {
    for (const file of listFiles(SITE).filter((f) => f.endsWith('.html'))) {
      expect(readDistFile(SITE, file).toString(), file).not.toContain('Embargoed merger');
    }
  });
});

describe('names the site keeps for its own pages', () => {
  const result = buildResult('reserved-names');

  it('stop the build, all reported at once with the file and the fix, without a stack trace', () => {
    const dir = 'tests/fixtures/reserved-names';
    expect(result.status).not.toBe(0);
    // The content validator reports them before Astro starts, so `npm run check` finds them too.
    expect(result.output).toContain('The content has 3 problems:');
    expect(result.output).toContain(`${dir}/sections/tags.yaml: the section id "tags" is kept for the site's own pages (/tags/). Rename the file, for example to tags-news.yaml, and the stories' section: field with it.`);
    expect(result.output).toContain(`${dir}/articles/news/page.md: slug: the slug "page" is kept for the pages of a list (/news/page/2/ is page 2 of the section). Add a slug: field with another name, such as "page-1".`);
    expect(result.output).toContain(`${dir}/articles/news/khmer-tag.md:5: tags[0]: "ព័ត៌មាន" has no letters or digits that can go in a web address (a-z, 0-9). Spell the tag with some, or remove it.`);
    expect(result.output).not.toMatch(/Stack trace|\n\s+at .*\(.*:\d+:\d+\)/);
  });

  it('leave the previous dist/ untouched', () => {
    expect(listFiles('reserved-names')).toEqual(['sentinel.txt']);
  });
});
