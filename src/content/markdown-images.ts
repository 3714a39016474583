/**
 * The pictures a story's Markdown body shows, for the validator: each with its URL (references
 * resolved), alt text and line in the body.
 *
 * `markdownImages` parses the whole body with micromark, which is exact and was most of the
 * validator's time on a 10,000-story archive (every story has a picture). `markdownImagesQuick`
 * gives the same answer by parsing only the blocks that contain a picture, when the body has
 * nothing that lets a construct run across a blank line (fenced or indented code, raw HTML blocks
 * such as <pre> or comments) or a link reference definition; otherwise it parses the whole body.
 */
import type { Definition, Image, ImageReference, Nodes } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';

export interface MarkdownImage {
  url: string;
  alt: string;
  /** 1-based line in the body. */
  line: number;
}

export function markdownImages(body: string): MarkdownImage[] {
  if (!body.includes('![')) return [];
  const definitions = new Map<string, string>();
  const found: { url: string; reference: boolean; alt: string; line: number }[] = [];
  const walk = (node: Nodes) => {
    if (node.type === 'definition') definitions.set((node as Definition).identifier.toLowerCase(), (node as Definition).url);
    if (node.type === 'image' || node.type === 'imageReference') {
      const reference = node.type === 'imageReference';
      const url = reference ? (node as ImageReference).identifier.toLowerCase() : (node as Image).url;
      found.push({ url, reference, alt: (node as Image | ImageReference).alt ?? '', line: node.position?.start.line ?? 1 });
    }
    if ('children' in node) for (const child of node.children) walk(child as Nodes);
  };
  walk(fromMarkdown(body));
  return found.flatMap(({ url, reference, alt, line }) => {
    // An undefined reference is plain text in Markdown, not a picture.
    const resolved = reference ? definitions.get(url) : url;
    return resolved === undefined ? [] : [{ url: resolved, alt, line }];
  });
}

/** Lines that can carry a construct across a blank line, or define a reference used elsewhere. */
const NEEDS_WHOLE_BODY = /^(?: {4}|\t)|^ {0,3}(?:`{3}|~{3})|^[ >]*<(?:script|pre|style|textarea|!--|\?|![A-Za-z]|!\[CDATA\[)|\]:/im;

export function markdownImagesQuick(body: string): MarkdownImage[] {
  if (!body.includes('![')) return [];
  if (NEEDS_WHOLE_BODY.test(body)) return markdownImages(body);
  const lines = body.split('\n');
  const images: MarkdownImage[] = [];
  let start = 0;
  for (let i = 0; i <= lines.length; i++) {
    if (i < lines.length && lines[i]!.trim() !== '') continue;
    const block = lines.slice(start, i).join('\n');
    if (block.includes('![')) {
      for (const image of markdownImages(block)) images.push({ ...image, line: image.line + start });
    }
    start = i + 1;
  }
  return images;
}
