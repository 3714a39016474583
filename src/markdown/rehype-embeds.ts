import type { Element, ElementContent, Root } from 'hast';
import type { VFile } from 'vfile';
import { embedProviderNames, embedReferrerPolicy, recogniseEmbed, type Embed, type EmbedProviderId } from '../lib/embeds.ts';
import { eachElement, soleContent } from './each-element.ts';
import { reportToBuildLog, shorten, warnAbout, type WarningReporter } from './markdown-warnings.ts';

export interface EmbedOptions {
  /** Providers a story may embed. Default: all of them (YouTube, Vimeo, X, Facebook video, Google Maps). */
  providers?: EmbedProviderId[];
  /** Accessible names for frames whose embed code has no `title`. Default: English, such as "YouTube video". */
  titles?: Partial<Record<EmbedProviderId, string>>;
  /** Receives each warning besides the vfile. Default: the build log (see markdown-warnings.ts). */
  report?: WarningReporter;
}

function textOf(node: ElementContent): string {
  if (node.type === 'text') return node.value;
  if (node.type === 'element') return node.children.map(textOf).join('');
  return '';
}

/** The URL of a paragraph that holds nothing but a link or a bare address. */
function bareUrl(paragraph: Element): string | undefined {
  const only = soleContent(paragraph.children);
  if (!only) return undefined;
  if (only.type === 'text') return /^\s*https?:\/\/\S+\s*$/.test(only.value) ? only.value.trim() : undefined;
  // An autolink (`<https://…>`, or a bare URL with GFM) is a link whose text is its address.
  if (only.type === 'element' && only.tagName === 'a' && typeof only.properties['href'] === 'string') {
    return textOf(only).trim() === only.properties['href'] ? only.properties['href'] : undefined;
  }
  return undefined;
}

function embedFrame(embed: Embed, title: string): Element {
  return {
    type: 'element',
    tagName: 'iframe',
    properties: {
      src: embed.src,
      title,
      loading: 'lazy',
      sandbox: embed.sandbox,
      referrerPolicy: embedReferrerPolicy,
      ...(embed.allow.length ? { allow: embed.allow.join('; ') } : {}),
      ...(embed.allow.includes('fullscreen') ? { allowFullScreen: true } : {}),
    },
    children: [],
  };
}

function embedFigure(embed: Embed, title: string, from: Element): Element {
  const figure: Element = {
    type: 'element',
    tagName: 'figure',
    properties: { className: ['embed', `embed-${embed.shape}`] },
    children: [embedFrame(embed, title)],
  };
  if (from.position) figure.position = from.position;
  return figure;
}

function titleOf(iframe: Element): string | undefined {
  const title = iframe.properties['title'];
  return typeof title === 'string' && title.trim() ? title.trim() : undefined;
}


/**
 * Third-party players, safely. An editor pastes a provider's embed code (`<iframe src=…>`) or
 * puts a link to a YouTube or Vimeo video, an X post, a Facebook video or a Google Maps embed
 * URL alone on a line; either becomes `<figure class="embed embed-video"><iframe …>` whose
 * iframe we build ourselves (see src/lib/embeds.ts): lazy, sandboxed, sending only our origin
 * as referrer, with a title for screen readers (the pasted `title`, else "YouTube video" and
 * so on). An iframe from anywhere else is removed with a warning naming the file and line.
 *
 * Runs after rehype-raw (so pasted HTML is elements, not raw strings) and before the sanitizer,
 * whose schema only lets through iframes with the `src` this plugin writes.
 */
export default function rehypeEmbeds(options: EmbedOptions = {}) {
  const providers = options.providers ?? (Object.keys(embedProviderNames) as EmbedProviderId[]);
  const report = options.report ?? reportToBuildLog;
  const defaultTitle = (embed: Embed) => options.titles?.[embed.provider] ?? embed.defaultTitle;
  const allowedNames = providers.map((id) => embedProviderNames[id]).join(', ');

  return (tree: Root, file: VFile) => {
    eachElement(tree, (node, index, parent) => {
      if (node.tagName === 'p') {
        const only = soleContent(node.children);
        // An embed code pasted inside a paragraph: the figure replaces the paragraph.
        if (only?.type === 'element' && only.tagName === 'iframe') {
          const embed = recogniseEmbed(String(only.properties['src'] ?? ''), providers);
          if (embed) {
            parent.children[index] = embedFigure(embed, titleOf(only) ?? defaultTitle(embed), only);
            return 'skip';
          }
          return;
        }
        const url = bareUrl(node);
        const embed = url ? recogniseEmbed(url, providers) : undefined;
        // Any other link alone on a line stays an ordinary link.
        if (!embed) return;
        parent.children[index] = embedFigure(embed, defaultTitle(embed), node);
        return 'skip';
      }

      if (node.tagName === 'iframe') {
        const src = String(node.properties['src'] ?? '');
        const embed = recogniseEmbed(src, providers);
        if (embed) {
          parent.children[index] = parent.type === 'element' && parent.tagName === 'p' ? embedFrame(embed, titleOf(node) ?? defaultTitle(embed)) : embedFigure(embed, titleOf(node) ?? defaultTitle(embed), node);
          return 'skip';
        }
        warnAbout(
          file,
          node,
          `removed an <iframe> ${src ? `with src "${shorten(src)}"` : 'without a src'}: embeds are allowed only from ${allowedNames}. Paste the provider's embed code or put the link alone on a line.`,
          'embed',
          report,
        );
        parent.children.splice(index, 1);
        return index;
      }
      return;
    });
  };
}
