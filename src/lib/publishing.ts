/**
 * Publishing time is the embargo. Every list, page and feed asks this one function whether a
 * story may be seen.
 */
export interface Publishable {
  published: Date;
  draft?: boolean | undefined;
}

/** True when the story is not a draft and its `published` time is at or before `now`. */
export function isPublished(article: Publishable, now: Date): boolean {
  return !article.draft && article.published.getTime() <= now.getTime();
}

/** Newest first; equal times by headline so the order never depends on file-system order. */
export function byNewest<T extends { published: Date; title: string }>(a: T, b: T): number {
  return b.published.getTime() - a.published.getTime() || a.title.localeCompare(b.title, 'en');
}
