import { describe, expect, it } from 'vitest';
import { articleBreadcrumbs } from '../../src/lib/breadcrumbs.ts';
import { isMoreThanAYearOld, storyNotices } from '../../src/lib/story-notices.ts';

const now = new Date('2024-03-12T05:00:00Z');

describe('isMoreThanAYearOld', () => {
  it('is true a moment past one year before now, false at exactly a year', () => {
    expect(isMoreThanAYearOld(new Date('2023-03-12T04:59:59Z'), now)).toBe(true);
    expect(isMoreThanAYearOld(new Date('2023-03-12T05:00:00Z'), now)).toBe(false);
    expect(isMoreThanAYearOld(new Date('2024-01-01T00:00:00Z'), now)).toBe(false);
  });
});

describe('storyNotices', () => {
  it('lists the age warning, then corrections newest first, then the update', () => {
    const notices = storyNotices(
      {
        published: new Date('2022-01-01T00:00:00Z'),
        updated: new Date('2024-03-02T00:00:00Z'),
        corrections: [
          { date: new Date('2024-03-01T00:00:00Z'), text: 'first' },
          { date: new Date('2024-03-02T00:00:00Z'), text: 'second' },
        ],
      },
      now,
    );
    expect(notices.map((n) => (n.kind === 'correction' ? n.text : n.kind))).toEqual(['old', 'second', 'first', 'updated']);
  });

  it('has no notices for a recent story never corrected or updated', () => {
    expect(storyNotices({ published: new Date('2024-03-11T00:00:00Z'), corrections: [] }, now)).toEqual([]);
  });
});

describe('articleBreadcrumbs', () => {
  it('leads from the front page through the section to the story', () => {
    const article = { title: 'Budget passed', path: '/politics/budget-passed/', section: { id: 'politics', name: 'Politics' } };
    expect(articleBreadcrumbs(article, 'Home')).toEqual([
      { name: 'Home', path: '/' },
      { name: 'Politics', path: '/politics/' },
      { name: 'Budget passed', path: '/politics/budget-passed/' },
    ]);
  });
});
