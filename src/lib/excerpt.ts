import type { Nodes, Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { toString } from 'mdast-util-to-string';

/**
 * The reader-facing text of a Markdown body: its prose paragraphs, in order, as plain text.
 * Headings, images (figures), pull quotes, code and raw HTML are not the story's opening and are
 * skipped.
 */
export function plainParagraphs(markdown: string): string[] {
  const tree: Root = fromMarkdown(markdown);
  const paragraphs: string[] = [];
  for (const node of tree.children) {
    if (node.type !== 'paragraph') continue;
    const text = toString(withoutImages(node)).replace(/\s+/g, ' ').trim();
    if (text) paragraphs.push(text);
  }
  return paragraphs;
}

function withoutImages(node: Nodes): Nodes {
  if (!('children' in node)) return node;
  return {
    ...node,
    children: node.children
      .filter((child) => child.type !== 'image' && child.type !== 'imageReference' && child.type !== 'html')
      .map(withoutImages),
  } as Nodes;
}

/**
 * The first `words` words of the body's prose, ending with an ellipsis when cut; the Most Viewed
 * rail and lists use it for stories that have no `dek`. Once a whole paragraph has given at least
 * `minWords`, the excerpt ends there rather than run into the next paragraph mid-thought.
 *
 * Only the opening of the body is parsed (growing until it holds enough words), because a whole
 * site's excerpts are computed on every build: parsing every full body cost seconds at 10,000
 * stories. A prefix cut at a blank line parses to the same opening paragraphs as the whole body,
 * except when the body defines link references, which may be used early and defined late: those
 * bodies are parsed whole.
 */
export function excerptFromMarkdown(markdown: string, words = 40, minWords = Math.ceil(words / 2)): string {
  if (!LINK_DEFINITION.test(markdown)) {
    for (let size = 1500; size < markdown.length; size *= 2) {
      const cut = markdown.lastIndexOf('\n\n', size);
      if (cut <= 0) continue;
      const collected = openingWords(plainParagraphs(markdown.slice(0, cut)), minWords);
      if (collected.length >= minWords) return cutToWords(collected, words);
    }
  }
  return cutToWords(openingWords(plainParagraphs(markdown), minWords), words);
}

const LINK_DEFINITION = /^ {0,3}\[[^\]]+\]:/m;

function openingWords(paragraphs: string[], minWords: number): string[] {
  const collected: string[] = [];
  for (const paragraph of paragraphs) {
    if (collected.length >= minWords) break;
    collected.push(...paragraph.split(' '));
  }
  return collected;
}

function cutToWords(collected: string[], words: number): string {
  if (collected.length <= words) return collected.join(' ');
  return `${collected.slice(0, words).join(' ').replace(/[\s,;:.–—-]+$/, '')}…`;
}

/**
 * Where the article loader keeps the excerpt it computed from the body (the content store does not
 * keep bodies). Added after the schema has validated the front matter, so editors never write it.
 */
export const BODY_EXCERPT = 'bodyExcerpt';

/** The excerpt the loader stored in an entry's data, if any. */
export function storedBodyExcerpt(data: object): string | undefined {
  const value = (data as Record<string, unknown>)[BODY_EXCERPT];
  return typeof value === 'string' ? value : undefined;
}
