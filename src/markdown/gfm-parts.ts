/**
 * GitHub Flavored Markdown with only the parts a story can use, for the render workers
 * (src/content/markdown-worker.ts): the same HTML as Astro's full GFM for that story, in less time.
 *
 * Autolink literals (a bare `www.example.com`, `https://…` or e-mail address made a link) are
 * about a third of the time Markdown takes: micromark tries the e-mail construct at every
 * letter and digit, and the mdast side runs regular expressions over every text node. Each of
 * them needs `www`, `://` or `@` in the text (checked against
 * micromark-extension-gfm-autolink-literal and mdast-util-gfm-autolink-literal), so a story
 * without those, and without character references that could spell them (`&#64;`, `&commat;`),
 * renders to the same HTML without them (link destinations aside: see below).
 *
 * Tables are a fifth of what is left: micromark tries every paragraph's first line as a table's
 * head row. A table needs a delimiter row under its head (micromark-extension-gfm-table): a line of
 * nothing but `-`, `:`, `|` and spaces or tabs, with a `-` and a `|` or `:` (`a` over `:-` is a
 * one-column table), inside any blockquotes and list indentation. A story with no such line
 * renders to the same HTML without them (escapes and character references cannot make the
 * syntax). Stories with a table, or that may hold a literal, get that part.
 *
 * Our own plugin because remark-gfm has no option to leave a part out; this is remark-gfm's
 * registration of its five parts, in its order, less the parts left out.
 */
import { gfmAutolinkLiteralFromMarkdown } from 'mdast-util-gfm-autolink-literal';
import { gfmFootnoteFromMarkdown } from 'mdast-util-gfm-footnote';
import { gfmStrikethroughFromMarkdown } from 'mdast-util-gfm-strikethrough';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmTaskListItemFromMarkdown } from 'mdast-util-gfm-task-list-item';
import { gfmAutolinkLiteral } from 'micromark-extension-gfm-autolink-literal';
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

/** A line that can be a table's delimiter row, after any blockquote markers and indentation. */
const DELIMITER_ROW = /^[ \t>]*[-:| \t]*$/;

/**
 * Whether `markdown` may hold a GFM table: some line is nothing but `-`, `:`, `|`, spaces and tabs
 * (after blockquote markers and indentation), with a `-` and a `|` or `:`. False only when GFM
 * with and without tables give the same HTML.
 */
export function mayHaveTable(markdown: string): boolean {
  if (!markdown.includes('-')) return false;
  for (const line of markdown.split(/\r\n|\r|\n/)) {
    if (line.includes('-') && (line.includes('|') || line.includes(':')) && DELIMITER_ROW.test(line)) return true;
  }
  return false;
}

/** Which parts of GFM a pipeline has besides footnotes, strikethrough and task lists (always on). */
export interface GfmParts {
  autolinkLiterals: boolean;
  tables: boolean;
}

/** The parts a story needs: each one it may use (`mayHaveAutolinkLiterals`, `mayHaveTable`). */
export function gfmPartsFor(markdown: string): GfmParts {
  return { autolinkLiterals: mayHaveAutolinkLiterals(markdown), tables: mayHaveTable(markdown) };
}

/** remark-gfm with these parts: footnotes, strikethrough and task lists always; autolink literals and tables if asked. */
export default function remarkGfmParts(this: Processor, parts: GfmParts): void {
  const data = this.data();
  (data.micromarkExtensions ??= []).push(
    combineExtensions([
      ...(parts.autolinkLiterals ? [gfmAutolinkLiteral()] : []),
      gfmFootnote(),
      gfmStrikethrough(),
      ...(parts.tables ? [gfmTable()] : []),
      gfmTaskListItem(),
    ]),
  );
  (data.fromMarkdownExtensions ??= []).push([
    ...(parts.autolinkLiterals ? [gfmAutolinkLiteralFromMarkdown()] : []),
    gfmFootnoteFromMarkdown(),
    gfmStrikethroughFromMarkdown(),
    ...(parts.tables ? [gfmTableFromMarkdown()] : []),
    gfmTaskListItemFromMarkdown(),
  ]);
}
