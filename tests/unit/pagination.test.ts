import { describe, expect, it } from 'vitest';
import { listPagePath, paginate } from '../../src/lib/pagination.ts';

const items = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe('listPagePath', () => {
  it('puts page 1 at the list path and page n under page/n/', () => {
    expect(listPagePath('/news/', 1)).toBe('/news/');
    expect(listPagePath('/news/', 2)).toBe('/news/page/2/');
    expect(listPagePath('/tags/human-trafficking/', 12)).toBe('/tags/human-trafficking/page/12/');
  });
});

describe('paginate', () => {
  it('gives an empty list one empty page with no neighbours', () => {
    expect(paginate([], 3, '/culture/')).toEqual([
      { number: 1, total: 1, items: [], path: '/culture/', prevPath: undefined, nextPath: undefined, restParam: undefined },
    ]);
  });

  it('keeps a list shorter than a page on one page', () => {
    const pages = paginate(items(2), 3, '/news/');
    expect(pages).toHaveLength(1);
    expect(pages[0]).toMatchObject({ items: [1, 2], total: 1, prevPath: undefined, nextPath: undefined });
  });

  it('fills the last page exactly when the list is a multiple of the page size, with no empty page after it', () => {
    const pages = paginate(items(6), 3, '/news/');
    expect(pages.map((p) => p.items)).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(pages[1]).toMatchObject({ number: 2, total: 2, nextPath: undefined, prevPath: '/news/' });
  });

  it('puts the remainder on a shorter last page', () => {
    const pages = paginate(items(7), 3, '/news/');
    expect(pages.map((p) => p.items)).toEqual([[1, 2, 3], [4, 5, 6], [7]]);
  });

  it('links each page to its neighbours: no previous on the first, no next on the last', () => {
    const pages = paginate(items(7), 3, '/news/');
    expect(pages.map((p) => [p.prevPath, p.path, p.nextPath])).toEqual([
      [undefined, '/news/', '/news/page/2/'],
      ['/news/', '/news/page/2/', '/news/page/3/'],
      ['/news/page/2/', '/news/page/3/', undefined],
    ]);
  });

  it('gives Astro the rest parameter: none for page 1, page/n after it', () => {
    expect(paginate(items(5), 2, '/news/').map((p) => p.restParam)).toEqual([undefined, 'page/2', 'page/3']);
  });

  it('refuses a page size that is not a whole number of 1 or more', () => {
    expect(() => paginate(items(3), 0, '/news/')).toThrow(/whole number of 1 or more; it is 0/);
    expect(() => paginate(items(3), 2.5, '/news/')).toThrow(RangeError);
  });
});
