/**
 * Splitting a list page (a section, an author, a tag) into numbered pages. Page 1 lives at the
 * list's own path and page n at `<path>page/<n>/`.
 *
 * Astro's own `paginate()` is not used: it numbers pages as `<path>2/`, which under `/<section>/`
 * is exactly where an article with the slug `2` would live, and it is tied to getStaticPaths. This
 * is the same arithmetic as a pure function the tests can pin.
 */

export interface ListPage<T> {
  /** 1-based. */
  number: number;
  /** How many pages the list has (at least 1: an empty list still has its first page). */
  total: number;
  items: T[];
  /** URL path of this page. */
  path: string;
  /** URL path of the previous page; absent on the first page. */
  prevPath?: string | undefined;
  /** URL path of the next page; absent on the last page. */
  nextPath?: string | undefined;
  /** The route's rest parameter: `undefined` for page 1, `page/<n>` after it. */
  restParam: string | undefined;
}

/** `/news/` for page 1, `/news/page/2/` after it. `basePath` ends with a slash. */
export function listPagePath(basePath: string, pageNumber: number): string {
  return pageNumber <= 1 ? basePath : `${basePath}page/${pageNumber}/`;
}

/**
 * Every page of `items` (already in display order), `pageSize` to a page. An empty list gives one
 * empty page, so a new section's page exists before its first story does.
 */
export function paginate<T>(items: readonly T[], pageSize: number, basePath: string): ListPage<T>[] {
  if (!Number.isInteger(pageSize) || pageSize < 1) {
    throw new RangeError(`The page size must be a whole number of 1 or more; it is ${pageSize}.`);
  }
  const total = Math.max(1, Math.ceil(items.length / pageSize));
  return Array.from({ length: total }, (_, index) => {
    const number = index + 1;
    return {
      number,
      total,
      items: items.slice(index * pageSize, number * pageSize),
      path: listPagePath(basePath, number),
      prevPath: number > 1 ? listPagePath(basePath, number - 1) : undefined,
      nextPath: number < total ? listPagePath(basePath, number + 1) : undefined,
      restParam: number > 1 ? `page/${number}` : undefined,
    };
  });
}
