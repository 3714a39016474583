import type { Element, ElementContent, Root } from 'hast';
import { eachElement, soleContent } from './each-element.ts';

export interface FigureCaptionOptions {
  /**
   * Splits an image title into caption and credit. Default `" | "`, so an editor writes
   * `![Judges at the workshop](./workshop.jpg "Judges at the workshop in Kep | JUSTICE MINISTRY")`.
   */
  separator?: string;
}

/**
 * An image alone in its paragraph is a news photo: it becomes a `<figure>` whose `<figcaption>`
 * holds the caption and the credit as separate elements, read from the image's Markdown title.
 * Images inside running text are left alone. Runs before Astro's own image step, which still sees
 * the `<img>` and optimises it.
 */
export default function rehypeFigureCaptions(options: FigureCaptionOptions = {}) {
  const separator = options.separator ?? ' | ';
  return (tree: Root) => {
    eachElement(tree, (node, index, parent) => {
      if (node.tagName !== 'p') return;
      const image = soleContent(node.children);
      if (image?.type !== 'element' || image.tagName !== 'img') return;

      const title = typeof image.properties['title'] === 'string' ? image.properties['title'] : '';
      delete image.properties['title'];
      const cut = title.lastIndexOf(separator.trim());
      const caption = (cut === -1 ? title : title.slice(0, cut)).trim();
      const credit = cut === -1 ? '' : title.slice(cut + separator.trim().length).trim();

      const captionParts: ElementContent[] = [];
      if (caption) captionParts.push(span('figure-caption', caption));
      if (caption && credit) captionParts.push({ type: 'text', value: ' ' });
      if (credit) captionParts.push(span('figure-credit', credit));

      const figure: Element = {
        type: 'element',
        tagName: 'figure',
        properties: { className: ['figure'] },
        children: captionParts.length
          ? [image, { type: 'element', tagName: 'figcaption', properties: {}, children: captionParts }]
          : [image],
      };
      parent.children[index] = figure;
    });
  };
}

function span(className: string, text: string): Element {
  return { type: 'element', tagName: 'span', properties: { className: [className] }, children: [{ type: 'text', value: text }] };
}
