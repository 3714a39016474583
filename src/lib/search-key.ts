/**
 * What Pagefind reads of a story page, for the search index cache (src/integrations/search-index.ts).
 *
 * A shard's index is reused when none of its pages changed. But a page changes for things search
 * never sees: the "Related stories" under a story list the newest stories, so one new story
 * changes the pages of a hundred others. Those lists are marked `data-pagefind-ignore`, and
 * Pagefind indexes only the element marked `data-pagefind-body`, without its ignored parts; keyed
 * by the page's bytes, adding one story re-indexed the whole archive and changed every file of the
 * search index (10,000 URL paths for a CDN to purge).
 *
 * So the key is the body element as Pagefind reads it: its markup with ignored elements left out,
 * and the `<html>` tag (the language). It errs towards more: anything else in the body counts,
 * whitespace included. A scan of tags rather than a parse: the pages are our own templates'
 * output, and this runs on every changed story page in every build. Where the page is not what
 * the scan expects, there is no key and the caller keys by the whole page: no body, unbalanced
 * tags, or a `data-pagefind-*` attribute (a filter, metadata, a sort key) outside the body or
 * inside an ignored part, which Pagefind reads there too, maybe from the element's content.
 */

import { createHash } from 'node:crypto';

/** A tag, its quoted attribute values allowed to hold `>`; comments and raw text elements are handled apart. */
const TAG = /<(\/?)([A-Za-z][\w-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>|<!--[\s\S]*?-->/g;
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title']);
const OTHER_PAGEFIND_ATTRIBUTE = /\sdata-pagefind-(?!(?:body|ignore)(?:[\s=/]|$))[\w-]+/;
const BODY = /\sdata-pagefind-body(?=[\s=/]|$)/;
const IGNORE = /\sdata-pagefind-ignore(?=[\s=/]|$)/;

interface Tag {
  start: number;
  end: number;
  closing: boolean;
  name: string;
  attributes: string;
}

function* tags(html: string): Generator<Tag> {
  TAG.lastIndex = 0;
  for (let match = TAG.exec(html); match; match = TAG.exec(html)) {
    if (match[2] === undefined) continue; // a comment
    const tag = { start: match.index, end: TAG.lastIndex, closing: match[1] === '/', name: match[2].toLowerCase(), attributes: match[3] ?? '' };
    yield tag;
    if (!tag.closing && RAW_TEXT.has(tag.name)) {
      // Skip to the raw text's end tag: a script may hold "<div>" in a string.
      const end = new RegExp(`</${tag.name}`, 'ig');
      end.lastIndex = tag.end;
      if (!end.exec(html)) return;
      TAG.lastIndex = end.lastIndex - tag.name.length - 2;
    }
  }
}

/**
 * The parts of a story page Pagefind's index depends on, as one string; undefined when the page
 * has no `data-pagefind-body` element or the markup inside it does not balance.
 */
export function searchContent(html: string): string | undefined {
  const parts: string[] = [];
  /** The body's open elements, innermost last (null: outside the body). */
  let open: { name: string; ignored: boolean }[] | null = null;
  let bodyDone = false;
  /** Open ignored elements: their content is left out. */
  let ignoredDepth = 0;
  /** Where the body's kept markup resumes. */
  let keptFrom = 0;
  for (const tag of tags(html)) {
    if (!tag.closing && tag.name === 'html') parts.push(html.slice(tag.start, tag.end));
    // Read by Pagefind where the key does not look (outside the body, or in an ignored part).
    if (!tag.closing && (open === null || ignoredDepth > 0) && OTHER_PAGEFIND_ATTRIBUTE.test(tag.attributes)) {
      if (!(open === null && BODY.test(tag.attributes))) return undefined;
    }
    const selfClosing = !tag.closing && (VOID.has(tag.name) || tag.attributes.trimEnd().endsWith('/'));
    if (open === null) {
      if (!bodyDone && !tag.closing && !selfClosing && BODY.test(tag.attributes)) {
        open = [{ name: tag.name, ignored: false }];
        keptFrom = tag.start;
      }
      continue;
    }
    if (tag.closing) {
      if (VOID.has(tag.name)) continue;
      const top = open.pop();
      if (!top || top.name !== tag.name) return undefined;
      if (top.ignored && --ignoredDepth === 0) keptFrom = tag.end;
      if (open.length === 0) {
        parts.push(html.slice(keptFrom, tag.end));
        open = null;
        bodyDone = true;
      }
      continue;
    }
    const ignored = IGNORE.test(tag.attributes);
    if (ignored && ignoredDepth === 0) {
      parts.push(html.slice(keptFrom, tag.start));
      if (selfClosing) keptFrom = tag.end;
    }
    if (selfClosing) continue;
    if (ignored) ignoredDepth++;
    open.push({ name: tag.name, ignored });
  }
  return bodyDone ? parts.join('\n') : undefined;
}

/**
 * The page Pagefind is given to index a story: the story's `searchContent()` (its `<html>` tag and
 * the body element without its ignored parts) as a page of its own. Pagefind reads nothing else of
 * a story page (the assumption the cache key already rests on), so the index is byte for byte the
 * one the whole page gives (tests/unit/search-index.test.ts), and Pagefind parses a quarter of
 * the bytes: about 0.9 s less for each 5,000-story index written.
 */
export function searchDocument(content: string): string {
  const afterHtmlTag = content.startsWith('<html') ? content.indexOf('\n') + 1 : 0;
  const htmlTag = afterHtmlTag > 0 ? content.slice(0, afterHtmlTag - 1) : '<html>';
  return `<!DOCTYPE html>${htmlTag}<head><meta charset="utf-8"></head><body>\n${content.slice(afterHtmlTag)}\n</body></html>\n`;
}

/** What the search index needs of a story page: its key, when it was published, and its search document. */
export interface StorySearch {
  /** A hash of searchContent(); `page <SHA-256 of the page>` when the scan cannot read the page. */
  key: string;
  /** When the story was first published (ms), null if the page does not say. */
  published: number | null;
  /** What Pagefind is given: searchDocument(), or the whole page when there is no key. */
  document: string;
}

/** The search facts of the story page `html`, whose SHA-256 is `sha256`. */
export function storySearch(html: string, sha256: string): StorySearch {
  const content = searchContent(html);
  return {
    key: content === undefined ? `page ${sha256}` : createHash('sha256').update(content).digest('hex'),
    published: publishedTime(html) ?? null,
    document: content === undefined ? html : searchDocument(content),
  };
}

/** When the story was first published, from its page's `article:published_time`; undefined without one. */
export function publishedTime(html: string): number | undefined {
  const match = /<meta property="article:published_time" content="([^"]+)"/.exec(html);
  const time = match ? Date.parse(match[1]!) : NaN;
  return Number.isNaN(time) ? undefined : time;
}

/**
 * The code that makes the key, for a cache of keys to know when they were made differently:
 * function source text survives bundling (the search index is also written from Astro's config).
 */
export const SEARCH_KEY_CODE = [TAG.source, OTHER_PAGEFIND_ATTRIBUTE.source, BODY.source, IGNORE.source, tags, searchContent, searchDocument, storySearch, publishedTime]
  .map(String)
  .join('\n');
