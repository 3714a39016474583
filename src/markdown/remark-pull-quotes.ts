import type { Blockquote, Paragraph, PhrasingContent, Root } from 'mdast';
import { visit } from 'unist-util-visit';

export interface PullQuoteOptions {
  /** The marker that opens a pull quote's first line, matched without regard to case. Default `[!pullquote]`. */
  marker?: string;
}

const ATTRIBUTION = /^\s*(?:—|–|--|-)\s*/;

/**
 * A blockquote that starts with `[!pullquote]` is a pull quote: a quotation set large beside the
 * story. A last paragraph that starts with a dash names the speaker.
 *
 *     > [!pullquote]
 *     > We are here to sharpen skills.
 *     >
 *     > — Chin Malin, Ministry of Justice
 *
 * becomes `<figure class="pull-quote"><blockquote>…</blockquote><figcaption>Chin Malin, …</figcaption></figure>`.
 * Ordinary blockquotes are left alone.
 */
export default function remarkPullQuotes(options: PullQuoteOptions = {}) {
  const marker = (options.marker ?? '[!pullquote]').toLowerCase();
  return (tree: Root) => {
    visit(tree, 'blockquote', (node: Blockquote) => {
      const first = node.children[0];
      if (first?.type !== 'paragraph') return;
      const lead = first.children[0];
      if (lead?.type !== 'text' || !lead.value.trimStart().toLowerCase().startsWith(marker)) return;

      lead.value = lead.value.trimStart().slice(marker.length).replace(/^[ \t]*\n?/, '');
      if (lead.value === '') first.children.shift();
      const body = first.children.length ? node.children : node.children.slice(1);

      const last = body.at(-1);
      let attribution: PhrasingContent[] | undefined;
      if (body.length > 1 && last?.type === 'paragraph') {
        const start = last.children[0];
        if (start?.type === 'text' && ATTRIBUTION.test(start.value)) {
          start.value = start.value.replace(ATTRIBUTION, '');
          attribution = last.children;
          body.pop();
        }
      }

      const quote: Blockquote = { type: 'blockquote', children: body };
      const children: Blockquote['children'] = [quote];
      if (attribution) {
        const caption: Paragraph = { type: 'paragraph', children: attribution, data: { hName: 'figcaption' } };
        children.push(caption);
      }
      node.children = children;
      node.data = { hName: 'figure', hProperties: { className: ['pull-quote'] } };
    });
  };
}
