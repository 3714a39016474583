import { describe, expect, it } from 'vitest';
import { indexArticles } from '../../src/lib/article-index.ts';

const story = (id: string, section: string, authors: string[], tags: string[]) => ({
  id,
  section: { id: section },
  authors: authors.map((a) => ({ id: a })),
  tags,
});

// Newest first, as the index expects.
const articles = [
  story('a', 'politics', ['dara'], ['Elections', 'parliament']),
  story('b', 'business', ['dara', 'lina'], ['trade']),
  story('c', 'politics', [], ['elections', 'Elections']),
  story('d', 'politics', ['lina'], ['ELECTIONS', 'Café culture']),
  story('e', 'business', ['lina'], ['Elections', '!!!']),
];
const index = indexArticles(articles);
const ids = (list: { id: string }[] | undefined) => list?.map((a) => a.id);

describe('indexArticles', () => {
  it('lists each section and author with their stories, keeping newest-first order', () => {
    expect(ids(index.articlesBySection.get('politics'))).toEqual(['a', 'c', 'd']);
    expect(ids(index.articlesBySection.get('business'))).toEqual(['b', 'e']);
    expect(ids(index.articlesByAuthor.get('dara'))).toEqual(['a', 'b']);
    expect(ids(index.articlesByAuthor.get('lina'))).toEqual(['b', 'd', 'e']);
  });

  it('merges spellings of a tag into one, named by its most used spelling, each story once', () => {
    const elections = index.tagsBySlug.get('elections')!;
    expect(elections.name).toBe('Elections');
    expect(elections.path).toBe('/tags/elections/');
    expect(ids(elections.articles)).toEqual(['a', 'c', 'd', 'e']);
  });

  it('keeps the display name of a tag whose slug folds accents', () => {
    expect(index.tagsBySlug.get('cafe-culture')?.name).toBe('Café culture');
  });

  it('leaves out a tag with nothing usable in a URL', () => {
    expect([...index.tagsBySlug.keys()].sort()).toEqual(['cafe-culture', 'elections', 'parliament', 'trade']);
  });

  it('sorts the tag index by display name', () => {
    expect(index.tags.map((t) => t.name)).toEqual(['Café culture', 'Elections', 'parliament', 'trade']);
  });

  it('names a tied tag by the newest story’s spelling', () => {
    const tied = indexArticles([story('x', 's', [], ['Mekong River']), story('y', 's', [], ['mekong river'])]);
    expect(tied.tags[0]?.name).toBe('Mekong River');
  });
});
