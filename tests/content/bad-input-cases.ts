/**
 * The bad-input suite: broken content an editor could commit, each with the exact problems the
 * validator must report. Each case is a tiny site: the valid base below plus the files it changes.
 */

/** The build's "now" for every case: the base story is published, 2024-04-01 is embargoed. */
export const CASE_NOW = '2024-03-12T12:00:00+07:00';

export const GOOD_STORY = `---
title: Ferry to Koh Rong doubles its crossings
section: news
authors: [ann-reporter]
published: 2024-03-01T09:00
---

The ferry will run twice a day from next week.
`;

/** A valid site: one section, one author, one published story. */
export const baseSite: Record<string, string | Buffer> = {
  'sections/news.yaml': 'name: News\n',
  'authors/ann-reporter.yaml': 'name: Ann Reporter\n',
  'articles/news/ferry.md': GOOD_STORY,
};

/** The base story with its front matter lines replaced (`undefined` removes a field). */
export function story(fields: Record<string, string | undefined>, body = 'The ferry will run twice a day from next week.\n'): string {
  const base: Record<string, string | undefined> = {
    title: 'Ferry to Koh Rong doubles its crossings',
    section: 'news',
    authors: '[ann-reporter]',
    published: '2024-03-01T09:00',
  };
  const merged = { ...base, ...fields };
  const lines = Object.entries(merged)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => (value!.startsWith('\n') ? `${key}:${value}` : `${key}: ${value}`));
  return `---\n${lines.join('\n')}\n---\n\n${body}`;
}

export interface BadInputCase {
  name: string;
  /** Files added to or replacing the base site's. */
  files: Record<string, string | Buffer>;
  /** Every problem, formatted as `npm run check` prints it, with paths relative to the site. */
  expected: string[];
}

const F = 'articles/news/ferry.md';
const DATE_FIX = 'Write it as ISO 8601, for example 2023-04-05T08:00 (read as Asia/Phnom_Penh time) or 2023-04-05T08:00:00+07:00.';
const FIELDS = 'title, dek, section, authors, byline, dateline, published, updated, hero, tags, draft, slug, aliases, pin, corrections';
const PHOTO = Buffer.from('not really a jpeg, but the validator only checks that the file is there');

export const badInputCases: BadInputCase[] = [
  {
    name: 'a story without a title',
    files: { [F]: story({ title: undefined }) },
    expected: [
      `${F}: title: is required but missing. Add it.`,
    ],
  },
  {
    name: 'an empty title',
    files: { [F]: story({ title: '""' }) },
    expected: [
      `${F}:2: title: the headline is empty; write one.`,
    ],
  },
  {
    name: 'a misspelt optional field',
    files: { [F]: story({ dateine: 'Kampot' }) },
    expected: [
      `${F}:6: dateine: unknown field. Did you mean "dateline"? Fields allowed here: ${FIELDS}.`,
    ],
  },
  {
    name: 'a misspelt required field',
    files: { [F]: story({ published: undefined, publshed: '2024-03-01T09:00' }) },
    expected: [
      `${F}: published: is required but missing. Add it.`,
      `${F}:5: publshed: unknown field. Did you mean "published"? Fields allowed here: ${FIELDS}.`,
    ],
  },
  {
    name: 'a misspelt field inside the hero',
    files: { [F]: story({ hero: '\n  src: ./photo.jpg\n  alt: Boats at the pier.\n  captoin: Morning.' }), 'articles/news/photo.jpg': PHOTO },
    expected: [
      `${F}:9: hero.captoin: unknown field. Did you mean "caption"? Fields allowed here: src, alt, caption, credit.`,
    ],
  },
  {
    name: 'a number where the headline should be',
    files: { [F]: story({ title: '2024' }) },
    expected: [
      `${F}:2: title: expected text, found the number 2024. Put the value in quotes if it is meant as text.`,
    ],
  },
  {
    name: 'a single word where a list of tags should be',
    files: { [F]: story({ tags: 'ferries' }) },
    expected: [
      `${F}:6: tags: expected a list, such as [first, second] or one "- item" per line, found the text "ferries".`,
    ],
  },
  {
    name: 'a path where the hero group of fields should be',
    files: { [F]: story({ hero: './photo.jpg' }), 'articles/news/photo.jpg': PHOTO },
    expected: [
      `${F}:6: hero: expected a group of fields, each on its own indented line, found the text "./photo.jpg".`,
    ],
  },
  {
    name: 'yes where draft expects true or false',
    files: { [F]: story({ draft: 'yes' }) },
    expected: [
      `${F}:6: draft: expected true or false, found text. Write true or false (yes, no, on and off are words here, not booleans).`,
    ],
  },
  {
    name: 'a day that does not exist',
    files: { [F]: story({ published: '2023-02-30' }) },
    expected: [
      `${F}:5: published: is not a date (or is a day that does not exist). ${DATE_FIX}`,
    ],
  },
  {
    name: 'a date in words',
    files: { [F]: story({ published: 'next Tuesday' }) },
    expected: [
      `${F}:5: published: is not a date (or is a day that does not exist). ${DATE_FIX}`,
    ],
  },
  {
    name: 'a date written as a number',
    files: { [F]: story({ published: '20240301' }) },
    expected: [
      `${F}:5: published: expected a date such as 2023-04-05T08:00 (read as Asia/Phnom_Penh time) or 2023-04-05T08:00:00+07:00.`,
    ],
  },
  {
    name: 'no published time',
    files: { [F]: story({ published: undefined }) },
    expected: [
      `${F}: published: is required but missing. Add it.`,
    ],
  },
  {
    name: 'an update before publication',
    files: { [F]: story({ updated: '2024-02-28T10:00' }) },
    expected: [
      `${F}:6: updated: is before the story was published. An update comes after publication: correct the date, or remove "updated".`,
    ],
  },
  {
    name: 'a correction dated before publication',
    files: { [F]: story({ corrections: '\n  - date: 2024-03-05\n    text: A name was misspelt.\n  - date: 2024-02-01\n    text: A date was wrong.' }) },
    expected: [
      `${F}:9: corrections[1].date: is before the story was published. A correction comes after publication: correct the date.`,
    ],
  },
  {
    name: 'an unknown section',
    files: { [F]: story({ section: 'sports' }) },
    expected: [
      `${F}:3: section: the section "sports" does not exist. Use one of: news, or add sections/sports.yaml.`,
    ],
  },
  {
    name: 'an unknown author',
    files: { [F]: story({ authors: '[ann-reporter, bob-writer]' }) },
    expected: [
      `${F}:4: authors[1]: the author "bob-writer" does not exist. Use one of: ann-reporter, or add authors/bob-writer.yaml.`,
    ],
  },
  {
    name: 'a slug that is not URL-safe',
    files: { [F]: story({ slug: 'Ferry Story' }) },
    expected: [
      `${F}:6: slug: use lower-case letters, digits and single hyphens, like "minimum-wage-set-at-204". Found the text "Ferry Story".`,
    ],
  },
  {
    name: 'two stories with the same URL',
    files: { 'articles/news/ferry-again.md': story({ slug: 'ferry' }) },
    expected: [
      `articles/news/ferry-again.md:6: has the same URL /news/ferry/ as articles/news/ferry.md. Two stories cannot share a URL: give one a different "slug" (or file name) or section.`,
      `${F}: has the same URL /news/ferry/ as articles/news/ferry-again.md. Two stories cannot share a URL: give one a different "slug" (or file name) or section.`,
    ],
  },
  {
    name: "an alias that is another story's URL",
    files: { 'articles/news/boats.md': story({ aliases: '[/news/ferry/]' }) },
    expected: [
      `articles/news/boats.md:6: aliases[0]: the alias /news/ferry/ is the URL of another story, articles/news/ferry.md. Remove the alias, or change that story's URL.`,
    ],
  },
  {
    name: 'a section named like one of the site\'s own pages',
    files: { 'sections/search.yaml': 'name: Search\n' },
    expected: [
      `sections/search.yaml: the section id "search" is kept for the site's own pages (/search/). Rename the file, for example to search-news.yaml, and the stories' section: field with it.`,
    ],
  },
  {
    name: 'a story slug that pagination uses',
    files: { 'articles/news/boats.md': story({ slug: 'page' }) },
    expected: [
      `articles/news/boats.md:6: slug: the slug "page" is kept for the pages of a list (/news/page/2/ is page 2 of the section). Add a slug: field with another name, such as "page-1".`,
    ],
  },
  {
    name: 'a tag with no letters a web address can carry',
    files: { 'articles/news/boats.md': story({ tags: '[ព័ត៌មាន]' }) },
    expected: [
      `articles/news/boats.md:6: tags[0]: "ព័ត៌មាន" has no letters or digits that can go in a web address (a-z, 0-9). Spell the tag with some, or remove it.`,
    ],
  },
  {
    name: "an alias at a section page's address",
    files: { 'articles/news/boats.md': story({ aliases: '[/news]' }) },
    expected: [
      `articles/news/boats.md:6: aliases[0]: the alias /news/ is the address of the section page of "news", which it would hide. Remove the alias.`,
    ],
  },
  {
    name: 'the same alias on two stories',
    files: { [F]: story({ aliases: '[/news/old-ferry/]' }), 'articles/news/boats.md': story({ aliases: '["/news/old-ferry"]' }) },
    expected: [
      `articles/news/boats.md:6: aliases[0]: the alias /news/old-ferry/ is also an alias of articles/news/ferry.md. An old URL can lead to one story only: remove it from all but one.`,
      `${F}:6: aliases[0]: the alias /news/old-ferry/ is also an alias of articles/news/boats.md. An old URL can lead to one story only: remove it from all but one.`,
    ],
  },
  {
    name: 'an alias that is not a URL path',
    files: { [F]: story({ aliases: '[news/old-ferry/]' }) },
    expected: [
      `${F}:6: aliases[0]: an alias is a URL path starting with "/". Found the text "news/old-ferry/".`,
    ],
  },
  {
    name: 'an empty body',
    files: { [F]: story({}, '') },
    expected: [
      `${F}:6: the story has no text. Write the story below this closing "---" of the front matter.`,
    ],
  },
  {
    name: 'an inline picture that does not exist',
    files: { [F]: story({}, 'Text.\n\n![Boats at the pier.](./boats.jpg)\n') },
    expected: [
      `${F}:10: the picture "./boats.jpg" does not exist. Check the spelling, or copy the picture to articles/news/boats.jpg.`,
    ],
  },
  {
    name: 'an inline picture outside the content folder',
    files: { [F]: story({}, 'Text.\n\n![Secrets.](../../../etc/passwd)\n') },
    expected: [
      `${F}:10: the picture "../../../etc/passwd" points outside the content folder. Pictures must sit inside it, best in the story's own folder: write a path such as ./photo.jpg.`,
    ],
  },
  {
    name: 'an inline picture path with a broken %-escape',
    files: { [F]: story({}, 'Text.\n\n![Boats.](./boats%E0%A4.jpg)\n') },
    expected: [`${F}:10: the picture "./boats%E0%A4.jpg" does not exist. Check the spelling, or copy the picture to articles/news/boats%E0%A4.jpg.`],
  },
  {
    name: 'an inline picture without alt text',
    files: { [F]: story({}, 'Text.\n\n![](./photo.jpg "Boats | AFP")\n'), 'articles/news/photo.jpg': PHOTO },
    expected: [
      `${F}:10: the picture "./photo.jpg" has no alt text. Describe it between the brackets: ![A farmer carrying salt](./photo.jpg).`,
    ],
  },
  {
    name: 'a hero without alt text',
    files: { [F]: story({ hero: '\n  src: ./photo.jpg\n  caption: Boats.' }), 'articles/news/photo.jpg': PHOTO },
    expected: [
      `${F}:6: hero.alt: is required but missing. Add it.`,
    ],
  },
  {
    name: 'a hero picture that does not exist',
    files: { [F]: story({ hero: '\n  src: ./missing.jpg\n  alt: Boats at the pier.' }) },
    expected: [
      `${F}:7: hero.src: "./missing.jpg" does not exist. Check the spelling, or copy the picture to articles/news/missing.jpg.`,
    ],
  },
  {
    name: 'a hero picture outside the content folder',
    files: { [F]: story({ hero: '\n  src: ../../../../etc/passwd\n  alt: Boats at the pier.' }) },
    expected: [
      `${F}:7: hero.src: "../../../../etc/passwd" points outside the content folder. Pictures must sit inside it, best in the story's own folder: write a path such as ./photo.jpg.`,
    ],
  },
  {
    name: 'a hero picture on another website',
    files: { [F]: story({ hero: '\n  src: https://example.com/boats.jpg\n  alt: Boats at the pier.' }) },
    expected: [
      `${F}:7: hero.src: "https://example.com/boats.jpg" is a web address. Put the picture in the story's folder and write its path, such as ./photo.jpg.`,
    ],
  },
  {
    name: 'a headline over the length limit',
    files: { [F]: story({ title: 'Ferry '.repeat(25).trim() }) },
    expected: [
      `${F}:2: title: the headline is 149 characters long; the limit is 120 (headlineMaxLength in src/site.config.ts). Shorten it. Found the text "Ferry Ferry Ferry Ferry Ferry Ferry Ferry Ferry Ferry Fer...".`,
    ],
  },
  {
    name: 'a tab in the front matter indentation',
    files: { [F]: story({ hero: '\n\tsrc: ./photo.jpg\n\talt: Boats.' }) },
    expected: [
      `${F}:7: the front matter is not valid YAML (tab characters must not be used in indentation). Indent with spaces, not tabs.`,
    ],
  },
  {
    name: 'an unclosed quote',
    files: { [F]: story({ title: '"Ferry to Koh Rong', dek: 'Twice a day.' }) },
    expected: [
      `${F}:3: the front matter is not valid YAML (deficient indentation). Check the quotes and the indentation on this line and the one before; text with a colon or a quote in it is safest in double quotes.`,
    ],
  },
  {
    name: 'a field written twice',
    files: { [F]: story({ title: 'Ferry to Koh Rong', dek: 'Twice a day.' }).replace('dek: Twice a day.', 'dek: Twice a day.\ntitle: Ferry again') },
    expected: [
      `${F}:7: the front matter is not valid YAML (duplicated mapping key). This field is written twice: keep one.`,
    ],
  },
  {
    name: 'an alias bomb (YAML anchors and aliases)',
    files: { [F]: story({ lol: '&a [x, x, x, x, x, x, x, x, x]', lol2: '&b [*a, *a, *a, *a, *a, *a, *a, *a, *a]', tags: '[*b, *b, *b, *b, *b, *b, *b, *b, *b]' }) },
    expected: [
      `${F}:7: the front matter is not valid YAML (it uses an alias, *name). Anchors and aliases (&name, *name) are not allowed in front matter: write the value out. A value that starts with * must be in quotes.`,
    ],
  },
  {
    name: 'front matter that is a list, not fields',
    files: { [F]: '---\n- title\n- section\n---\n\nText.\n' },
    expected: [
      `${F}:1: the front matter must be fields, one "field: value" per line, not a list or a single value.`,
    ],
  },
  {
    name: 'no front matter at all',
    files: { [F]: 'Ferry to Koh Rong doubles its crossings\n\nText.\n' },
    expected: [
      `${F}:1: has no front matter. Start the file with a line "---", the fields (title, section, published), then another "---".`,
    ],
  },
  {
    name: 'Latin-1 bytes in a UTF-8 file',
    files: { [F]: Buffer.concat([Buffer.from(story({ dek: 'X' }).split('dek: X')[0]!), Buffer.from('dek: Caf\xe9 owners welcome it\n', 'latin1'), Buffer.from(story({ dek: 'X' }).split('dek: X\n')[1]!)]) },
    expected: [
      `${F}:6: is not valid UTF-8: this line has characters saved in another encoding (such as Latin-1 or Windows-1252). Save the file as UTF-8 and check the accented letters on this line.`,
    ],
  },
  {
    name: 'a file saved as UTF-16',
    files: { [F]: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(GOOD_STORY, 'utf16le')]) },
    expected: [
      `${F}:1: is saved as UTF-16. Save it as UTF-8 (in most editors: Save As, Encoding: UTF-8).`,
    ],
  },
  {
    name: 'a section file with broken YAML',
    files: { 'sections/news.yaml': 'name: "News\ndescription: Daily news.\n' },
    expected: [
      `sections/news.yaml:2: the file is not valid YAML (deficient indentation). Check the quotes and the indentation on this line and the one before; text with a colon or a quote in it is safest in double quotes.`,
    ],
  },
  {
    name: 'an author file with a misspelt field and no name',
    files: { 'authors/ann-reporter.yaml': 'nmae: Ann Reporter\nrole: Reporter\n' },
    expected: [
      `authors/ann-reporter.yaml: name: is required but missing. Add it.`,
      `authors/ann-reporter.yaml:1: nmae: unknown field. Did you mean "name"? Fields allowed here: name, role, bio, photo.`,
    ],
  },
  {
    name: 'an author portrait that does not exist',
    files: { 'authors/ann-reporter.yaml': 'name: Ann Reporter\nphoto: ./ann.jpg\n' },
    expected: [
      `authors/ann-reporter.yaml:2: photo: "./ann.jpg" does not exist. Check the spelling, or copy the picture to authors/ann.jpg.`,
    ],
  },
  {
    name: 'an embargoed story with mistakes: reported without quoting it',
    files: { 'articles/news/secret.md': story({ title: '2024', section: 'secretsection', published: '2024-04-01T06:00', draft: 'no', aliases: '[/news/ferry/]' }, 'Secret body.\n\n![](./secret-photo.jpg)\n') },
    expected: [
      `articles/news/secret.md:2: title: expected text, found a number. Put the value in quotes if it is meant as text.`,
      `articles/news/secret.md:3: section: the section does not exist. Use one of: news, or add sections/<id>.yaml.`,
      `articles/news/secret.md:6: draft: expected true or false, found text. Write true or false (yes, no, on and off are words here, not booleans).`,
      `articles/news/secret.md:7: aliases[0]: the alias is the URL of another story, articles/news/ferry.md. Remove the alias, or change that story's URL.`,
      `articles/news/secret.md:12: the picture "./secret-photo.jpg" has no alt text. Describe it between the brackets: ![A farmer carrying salt](./secret-photo.jpg).`,
      `articles/news/secret.md:12: the picture "./secret-photo.jpg" does not exist. Check the spelling, or copy the picture to articles/news/secret-photo.jpg.`,
    ],
  },
  {
    name: 'many mistakes in many files: all reported at once',
    files: { [F]: story({ title: undefined, section: 'sports' }), 'articles/news/boats.md': story({ published: '2024-13-01' }, '') },
    expected: [
      `articles/news/boats.md:5: published: is not a date (or is a day that does not exist). ${DATE_FIX}`,
      `articles/news/boats.md:6: the story has no text. Write the story below this closing "---" of the front matter.`,
      `${F}: title: is required but missing. Add it.`,
      `${F}:2: section: the section "sports" does not exist. Use one of: news, or add sections/sports.yaml.`,
    ],
  },
];
