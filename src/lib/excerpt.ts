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
 */
export function excerptFromMarkdown(markdown: string, words = 40, minWords = Math.ceil(words / 2)): string {
  const collected: string[] = [];
  for (const paragraph of plainParagraphs(markdown)) {
    if (collected.length >= minWords) break;
    collected.push(...paragraph.split(' '));
  }
  if (collected.length <= words) return collected.join(' ');
  return `${collected.slice(0, words).join(' ').replace(/[\s,;:.–—-]+$/, '')}…`;
}
