/**
 * GitHub Flavored Markdown without its autolink literals, for stories that cannot contain one.
 *
 * GFM's autolink literals (a bare `www.example.com`, `https://…` or e-mail address made a link)
 * are about a third of the time Markdown takes: micromark tries the e-mail construct at every
 * letter and digit, and the mdast side runs regular expressions over every text node. Each of
 * them needs `www`, `://` or `@` in the text (checked against
 * micromark-extension-gfm-autolink-literal and mdast-util-gfm-autolink-literal), so a story
 * without those, and without character references that could spell them (`&#64;`, `&commat;`),
 * renders to the same HTML without them (link destinations aside: see below). The render workers (src/content/markdown-worker.ts) use
 * this lighter pipeline for such stories and Astro's full GFM for every other story.
 *
 * Our own plugin because remark-gfm has no option to leave one part out; this is remark-gfm's
 * registration with the other four parts, in remark-gfm's order.
 */
import { gfmFootnoteFromMarkdown } from 'mdast-util-gfm-footnote';
import { gfmStrikethroughFromMarkdown } from 'mdast-util-gfm-strikethrough';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmTaskListItemFromMarkdown } from 'mdast-util-gfm-task-list-item';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item';
import { combineExtensions } from 'micromark-util-combine-extensions';
import type { Processor } from 'unified';

/**
 * An inline link's or image's destination after a label that is certainly one: not escaped, not a
 * footnote call, without brackets, code, backslashes or table pipes in the label, the destination
 * without those, spaces or a title. An autolink literal is never looked for in a destination, and
 * stories link with URLs (`[the report](https://…)`), so those are left out of the check below.
 * Anything less certain stays in, and the story gets the full pipeline.
 */
const LINK_DESTINATION = /(?<!\\)(!?\[(?!\^)[^[\]`\\|\n]*\])\([^\s()<>`\\|]*\)/g;

/**
 * Whether `markdown` may hold a GFM autolink literal: `www`, `://` or `@` in any case, or a
 * character reference (which Markdown decodes before the literals are looked for), anywhere but
 * in a plain link's destination. False only when GFM with and without autolink literals give the
 * same HTML.
 */
export function mayHaveAutolinkLiterals(markdown: string): boolean {
  // `www` with or without its dot: remark-gfm makes `www\.` a link to http://www (found by the
  // property test), so the dot is not required.
  return /www|:\/\/|@|&(?:#\d+|#x[\da-f]+|[a-z][a-z\d]*);/i.test(markdown.replace(LINK_DESTINATION, '$1'));
}

/** remark-gfm without autolink literals: footnotes, strikethrough, tables and task lists. */
export default function remarkGfmWithoutAutolinkLiterals(this: Processor): void {
  const data = this.data();
  (data.micromarkExtensions ??= []).push(combineExtensions([gfmFootnote(), gfmStrikethrough(), gfmTable(), gfmTaskListItem()]));
  (data.fromMarkdownExtensions ??= []).push([
    gfmFootnoteFromMarkdown(),
    gfmStrikethroughFromMarkdown(),
    gfmTableFromMarkdown(),
    gfmTaskListItemFromMarkdown(),
  ]);
}
