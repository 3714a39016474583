import { describe, expect, it } from 'vitest';
import { indexArticles } from '../../src/lib/article-index.ts';
import { relatedArticles } from '../../src/lib/related.ts';

const story = (id: string, day: number, section: string, tags: string[]) => ({
  id,
  title: `Story ${id}`,
  published: new Date(Date.UTC(2024, 2, day)),
  section: { id: section },
  authors: [],
  tags,
});

// Newest first.
const articles = [
  story('newest-same-section', 20, 'politics', []),
  story('one-tag', 19, 'business', ['budget']),
  story('two-tags', 10, 'business', ['budget', 'Parliament']),
  story('me', 9, 'politics', ['budget', 'parliament']),
  story('tag-and-section', 8, 'politics', ['parliament']),
  story('unrelated', 7, 'culture', ['art']),
  story('old-same-section', 1, 'politics', []),
];
const index = indexArticles(articles);
const me = articles[3]!;
const related = (limit: number, candidatesPerList = 50) => relatedArticles(me, index, { limit, candidatesPerList }).map((a) => a.id);

describe('relatedArticles', () => {
  it('ranks by shared tags and section, then newest first, and never returns the story itself', () => {
    expect(related(10)).toEqual(['two-tags', 'tag-and-section', 'one-tag', 'newest-same-section', 'old-same-section']);
  });

  it('leaves out stories that share neither a tag nor the section', () => {
    expect(related(10)).not.toContain('unrelated');
  });

  it('returns at most `limit` stories', () => {
    expect(related(2)).toEqual(['two-tags', 'tag-and-section']);
  });

  it('looks only at the newest stories of each list', () => {
    // tag-and-section is third in both the parliament list and the politics list, so with two
    // candidates a list it is never seen.
    expect(related(10, 2)).toEqual(['two-tags', 'one-tag', 'newest-same-section']);
  });

  it('finds nothing for a story alone in its section with no tags', () => {
    const lone = story('lone', 5, 'sport', []);
    expect(relatedArticles(lone, indexArticles([lone]), { limit: 4, candidatesPerList: 40 })).toEqual([]);
  });
});
