/**
 * Every word the site prints that is not content, and every date it shows, goes through here, so a
 * second edition (Khmer) is a dictionary and a locale, not a rewrite.
 */
import { toZonedIsoString } from './dates.ts';

export const en = {
  skipToContent: 'Skip to main content',
  mainNavigation: 'Sections',
  mostViewed: 'Most viewed',
  latestStories: 'Latest stories',
  latestStoriesNote: 'Reading figures are not available yet, so these are the newest stories.',
  by: 'By',
  and: 'and',
  published: 'Published',
  updated: 'Updated',
  photo: 'Photo',
  home: 'Home',
  frontPageHeading: 'Top stories',
  notFoundTitle: 'Page not found',
  footerNote: 'Published with Broadsheet.',
  breadcrumb: 'Breadcrumb',
  relatedStories: 'Related stories',
  correction: 'Correction',
  updatedNotice: 'This story was updated on {date}.',
  oldStoryNotice: 'This story is more than a year old. It was published on {date}.',
  storyNotices: 'About this story',
  pagination: 'Pages',
  pageOf: 'Page {page} of {total}',
  newerStories: 'Newer stories',
  olderStories: 'Older stories',
  topics: 'Topics',
  topic: 'Topic',
  storyCountOne: '1 story',
  storyCountOther: '{count} stories',
  storiesBy: 'Stories by {name}',
  moreFromSection: 'More {section}',
  noStoriesYet: 'No stories here yet.',
  search: 'Search',
  searchLabel: 'Search the site',
  notFoundText: 'There is no page at this address. It may have moved, or the address may be mistyped. Try a search, or one of the latest stories.',
  footerSections: 'All sections',
  notFoundSections: 'Browse a section',
  footerMore: 'More',
  frontPage: 'Front page',
  pageTitleWithNumber: '{title}, page {page}',
  previewDraft: 'Draft — not published',
  previewEmbargoedUntil: 'Embargoed until',
  previewNote: 'Only the preview server shows this page; readers cannot see it.',
  movedTo: 'This story has moved to',
  searchTitle: 'Search',
  searchNeedsJavaScript: 'Search runs in your browser and needs JavaScript. You can also browse the sections above.',
  // Accessible names of embedded players when the editor gave none (src/markdown/rehype-embeds.ts).
  embedYoutube: 'YouTube video',
  embedVimeo: 'Vimeo video',
  embedX: 'Post on X',
  embedFacebook: 'Facebook video',
  embedGoogleMaps: 'Google map',
} as const;

export type Dictionary = { readonly [K in keyof typeof en]: string };

export interface LocaleOptions {
  locale: string;
  timeZone: string;
  dictionary?: Dictionary;
}

export interface Locale {
  lang: string;
  timeZone: string;
  t: (key: keyof Dictionary) => string;
  /** `5 April 2023` */
  formatDate: (date: Date) => string;
  /** `5 April 2023, 08:00` */
  formatDateTime: (date: Date) => string;
  /** Machine-readable time with the site's offset, for `datetime` attributes. */
  isoDateTime: (date: Date) => string;
  /** `A, B and C` */
  formatList: (items: readonly string[]) => string;
}

export function createLocale({ locale, timeZone, dictionary = en }: LocaleOptions): Locale {
  const dateFormat = new Intl.DateTimeFormat(locale, { timeZone, day: 'numeric', month: 'long', year: 'numeric' });
  const dateTimeFormat = new Intl.DateTimeFormat(locale, {
    timeZone,
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  const listFormat = new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' });
  return {
    lang: locale,
    timeZone,
    t: (key) => dictionary[key],
    formatDate: (date) => dateFormat.format(date),
    formatDateTime: (date) => dateTimeFormat.format(date),
    isoDateTime: (date) => toZonedIsoString(date, timeZone),
    formatList: (items) => listFormat.format(items),
  };
}

/** Fills `{name}` placeholders of a dictionary string: `fillTemplate('Page {page}', { page: 2 })`. */
export function fillTemplate(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (placeholder, name: string) => (name in values ? String(values[name]) : placeholder));
}
