/**
 * Notices at the top of a story that tell the reader how current it is: its age, its corrections
 * and its last update. "Now" is the build's now, a parameter, so the notice is reproducible.
 */

export type StoryNotice =
  | { kind: 'old'; published: Date }
  | { kind: 'correction'; date: Date; text: string }
  | { kind: 'updated'; date: Date };

/** True when `published` lies more than one calendar year before `now`. */
export function isMoreThanAYearOld(published: Date, now: Date): boolean {
  const yearAgo = new Date(now.getTime());
  yearAgo.setUTCFullYear(yearAgo.getUTCFullYear() - 1);
  return published.getTime() < yearAgo.getTime();
}

/**
 * The notices for a story, in reading order: the age warning first (it frames everything else),
 * then corrections newest first, then the update time.
 */
export function storyNotices(
  article: { published: Date; updated?: Date | undefined; corrections: readonly { date: Date; text: string }[] },
  now: Date,
): StoryNotice[] {
  const notices: StoryNotice[] = [];
  if (isMoreThanAYearOld(article.published, now)) notices.push({ kind: 'old', published: article.published });
  const corrections = [...article.corrections].sort((a, b) => b.date.getTime() - a.date.getTime());
  for (const { date, text } of corrections) notices.push({ kind: 'correction', date, text });
  if (article.updated) notices.push({ kind: 'updated', date: article.updated });
  return notices;
}
