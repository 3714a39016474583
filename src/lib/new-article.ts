/**
 * What `npm run new` writes: the file of a new story, ready for an editor to fill in. Pure: the
 * time, section and headline are parameters; scripts/new-article.ts does the file work.
 */

export interface NewArticle {
  title: string;
  /** Section id (a file in `sections/`). */
  section: string;
  /** Publication time as ISO 8601 with the site's offset: now, until the editor changes it. */
  published: string;
}

/** `articles/<section>/<slug>/index.md`: a folder per story, so its pictures sit beside it. */
export function newArticleRelativePath(section: string, slug: string): string {
  return `articles/${section}/${slug}/index.md`;
}

/**
 * The new story's Markdown. It starts as a draft, so nothing is published until an editor sets
 * `draft: false`; the title is written in double quotes (JSON string syntax is valid YAML) so any
 * headline, with colons or quotes in it, stays text.
 */
export function newArticleSource({ title, section, published }: NewArticle): string {
  return `---
title: ${JSON.stringify(title)}
section: ${section}
# Named authors are files in authors/: authors: [sophea-chan]. Otherwise a free-text byline.
byline: Staff reporter
published: ${published}
draft: true
---

Write the story here.
`;
}
