import { describe, expect, it } from 'vitest';
import { indexArticles } from '../../src/lib/article-index.ts';
import { frontPageLayout, frontPageOrder } from '../../src/lib/front-page.ts';

const story = (id: string, day: number, section: string, pin?: number) => ({
  id,
  title: `Story ${id}`,
  published: new Date(Date.UTC(2024, 2, day)),
  section: { id: section },
  authors: [],
  tags: [],
  pin,
});

const sections = [{ id: 'business' }, { id: 'culture' }, { id: 'politics' }];
// Newest first.
const articles = [
  story('p9', 9, 'politics'),
  story('b8', 8, 'business'),
  story('p7', 7, 'politics', 2),
  story('p6', 6, 'politics'),
  story('b5', 5, 'business'),
  story('b4', 4, 'business', 1),
  story('p3', 3, 'politics'),
  story('b2', 2, 'business'),
];
const { articlesBySection } = indexArticles(articles);
const layout = frontPageLayout(articles, sections, articlesBySection, { topStories: 3, storiesPerSection: 2 });

describe('frontPageOrder', () => {
  it('puts pinned stories first by pin, then the rest newest first', () => {
    expect(frontPageOrder(articles, 5).map((a) => a.id)).toEqual(['b4', 'p7', 'p9', 'b8', 'p6']);
  });

  it('orders equal pins newest first', () => {
    const tied = [story('new', 9, 's', 1), story('old', 1, 's', 1), story('plain', 5, 's')];
    expect(frontPageOrder(tied, 3).map((a) => a.id)).toEqual(['new', 'old', 'plain']);
  });

  it('is newest first when nothing is pinned', () => {
    const plain = articles.map(({ pin: _pin, ...rest }) => rest);
    expect(frontPageOrder(plain, 3).map((a) => a.id)).toEqual(['p9', 'b8', 'p7']);
  });
});

describe('frontPageLayout', () => {
  it('leads with pin 1 and follows with the top stories', () => {
    expect(layout.lead?.id).toBe('b4');
    expect(layout.topStories.map((a) => a.id)).toEqual(['p7', 'p9', 'b8']);
  });

  it('fills each section block with its newest stories not already at the top, and leaves out empty sections', () => {
    expect(layout.sectionBlocks.map((b) => [b.section.id, b.articles.map((a) => a.id)])).toEqual([
      ['business', ['b5', 'b2']],
      ['politics', ['p6', 'p3']],
    ]);
  });

  it('has no lead and no blocks on a site without stories', () => {
    expect(frontPageLayout([], sections, new Map(), { topStories: 3, storiesPerSection: 2 })).toEqual({
      lead: undefined,
      topStories: [],
      sectionBlocks: [],
    });
  });
});
