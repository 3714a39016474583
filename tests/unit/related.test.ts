import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { indexArticles } from '../../src/lib/article-index.ts';
import { byNewest } from '../../src/lib/publishing.ts';
import { relatedArticles, relatedRanker } from '../../src/lib/related.ts';
import { slugify } from '../../src/lib/urls.ts';

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

  it('gives the first stories of a stable sort of every candidate, ties and all', () => {
    // Few sections, tags, days and headlines, so scores, dates and headlines tie often.
    const plan = fc.record({ day: fc.integer({ min: 1, max: 4 }), title: fc.constantFrom('Flood', 'Vote'), section: fc.constantFrom('a', 'b'), tags: fc.subarray(['x', 'y', 'z', 'X']) });
    const site = fc.array(plan, {
      minLength: 1,
      maxLength: 30,
    });
    fc.assert(
      fc.property(site, fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 12 }), (plans, limit, candidatesPerList) => {
        const all = plans.map((plan, i) => ({ ...story(`s${i}`, plan.day, plan.section, plan.tags), title: plan.title })).sort(byNewest);
        const siteIndex = indexArticles(all);
        // One ranker for the whole site, as a build uses it: nothing of one story's scores may stay for the next.
        const rank = relatedRanker(siteIndex, { limit, candidatesPerList });
        for (const article of all) {
          // What the ranking was written as: score every candidate, sort them all (stably), cut.
          const scores = new Map<(typeof all)[number], number>();
          const add = (list: readonly (typeof all)[number][] | undefined, weight: number) => {
            for (const candidate of (list ?? []).slice(0, candidatesPerList)) {
              if (candidate.id !== article.id) scores.set(candidate, (scores.get(candidate) ?? 0) + weight);
            }
          };
          for (const slug of new Set(article.tags.map(slugify))) add(siteIndex.tagsBySlug.get(slug)?.articles, 2);
          add(siteIndex.articlesBySection.get(article.section.id), 1);
          const expected = [...scores].sort(([a, x], [b, y]) => y - x || byNewest(a, b)).slice(0, limit).map(([candidate]) => candidate.id);
          expect(rank(article).map((a) => a.id)).toEqual(expected);
          expect(relatedArticles(article, siteIndex, { limit, candidatesPerList }).map((a) => a.id)).toEqual(expected);
        }
      }),
    );
  });
});
