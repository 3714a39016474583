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

/** Where a story stands at `now`: live, a draft, or embargoed until its `published` time. */
export type PublicationStatus = 'published' | 'draft' | 'embargoed';

export function publicationStatus(article: Publishable, now: Date): PublicationStatus {
  if (article.draft) return 'draft';
  return isPublished(article, now) ? 'published' : 'embargoed';
}

/** Newest first; equal times by headline so the order never depends on file-system order. */
export function byNewest<T extends { published: Date; title: string }>(a: T, b: T): number {
  return b.published.getTime() - a.published.getTime() || a.title.localeCompare(b.title, 'en');
}

export interface Scheduled {
  /** Where the story is, for the message. */
  file: string;
  published: Date;
  draft?: boolean | undefined;
}

/**
 * The next moment the site changes by itself: the earliest `published` time after `now` among
 * stories that are not drafts, with every story due then. Undefined when nothing is scheduled.
 * A scheduler rebuilds at that time so an embargoed story goes live when it should.
 */
export function nextPublication<T extends Scheduled>(stories: readonly T[], now: Date): { at: Date; stories: T[] } | undefined {
  let at: number | undefined;
  for (const story of stories) {
    const time = story.published.getTime();
    if (!story.draft && time > now.getTime() && (at === undefined || time < at)) at = time;
  }
  if (at === undefined) return undefined;
  return { at: new Date(at), stories: stories.filter((s) => !s.draft && s.published.getTime() === at) };
}
