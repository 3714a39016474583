import type { Element, Properties, Root, RootContent } from 'hast';
import { find, html } from 'property-information';
import rehypeSanitize, { defaultSchema, type Options as Schema } from 'rehype-sanitize';
import type { VFile } from 'vfile';
import { embedAllowValues, embedReferrerPolicy, embedSandboxTokens, embedSrcPatterns } from '../lib/embeds.ts';
import { eachElement } from './each-element.ts';
import { reportToBuildLog, shorten, warnAbout, type WarningReporter } from './markdown-warnings.ts';

const defaultAttributes = defaultSchema.attributes ?? {};

/**
 * What a story body may contain: GitHub's allowlist (hast-util-sanitize's `defaultSchema`),
 * plus only what our own plugins write, and minus form inputs.
 *
 * - Added: `<figure>`/`<figcaption>` with our classes (photo captions and credits, pull quotes,
 *   embeds), the caption and credit `<span>` classes, and `<iframe>` only with a `src` from
 *   src/lib/embeds.ts and the exact sandbox, loading, referrer and permission values it writes.
 * - Removed: `<input>` (GitHub keeps disabled task-list checkboxes; a news story needs none).
 * - Stripped with their content, not just their tags: script, style and the elements whose
 *   content is raw text (their text would otherwise surface in the story as stray code).
 * Everything else (on* handlers, `style` attributes, forms, buttons, object/embed/base/meta/link,
 * SVG, javascript:/vbscript:/data: URLs) is already outside GitHub's allowlist.
 */
export const storySchema: Schema = {
  ...defaultSchema,
  tagNames: [...(defaultSchema.tagNames ?? []).filter((name) => name !== 'input'), 'figure', 'figcaption', 'iframe'],
  attributes: {
    ...Object.fromEntries(Object.entries(defaultAttributes).filter(([name]) => name !== 'input')),
    figure: [['className', 'figure', 'pull-quote', 'embed', 'embed-video', 'embed-map', 'embed-post']],
    span: [['className', 'figure-caption', 'figure-credit']],
    iframe: [
      ['src', ...embedSrcPatterns],
      'title',
      ['loading', 'lazy'],
      ['sandbox', ...embedSandboxTokens],
      ['referrerPolicy', embedReferrerPolicy],
      ['allow', ...embedAllowValues],
      ['allowFullScreen', true],
    ],
  },
  // An iframe that somehow arrives without them still gets the safe values.
  required: { iframe: { loading: 'lazy', referrerPolicy: embedReferrerPolicy, sandbox: [] } },
  strip: ['script', 'style', 'noscript', 'noembed', 'noframes', 'template', 'textarea', 'title', 'xmp', 'plaintext'],
};

export interface SanitizeStoryOptions {
  /** The allowlist. Default: `storySchema`. */
  schema?: Schema;
  /** Receives each warning besides the vfile. Default: the build log (see markdown-warnings.ts). */
  report?: WarningReporter;
}

const PROBE = 'broadsheetSanitizeProbe';

function attributeName(property: string): string {
  return find(html, property).attribute;
}


function valueText(value: Properties[string]): string {
  return Array.isArray(value) ? value.join(' ') : String(value);
}

/**
 * mdast-util-to-hast already prefixes footnote ids (`user-content-fn-1`) and links to them; the
 * sanitizer would prefix the ids again and break those links. Removing an existing prefix first
 * leaves exactly one.
 */
function unprefixClobbered(tree: Root, schema: Schema): void {
  const prefix = schema.clobberPrefix ?? '';
  const keys = schema.clobber ?? [];
  if (!prefix || keys.length === 0) return;
  const strip = (value: unknown) => (typeof value === 'string' && value.startsWith(prefix) ? value.slice(prefix.length) : value);
  eachElement(tree, (node) => {
    for (const key of keys) {
      const value = node.properties[key];
      if (Array.isArray(value)) node.properties[key] = value.map(strip) as string[];
      else if (value !== undefined) node.properties[key] = strip(value) as string;
    }
  });
}

function findProbe(nodes: readonly RootContent[]): Element | undefined {
  for (const node of nodes) {
    if (node.type !== 'element') continue;
    if ((node.data as Record<string, unknown> | undefined)?.[PROBE]) return node;
    const inner = findProbe(node.children);
    if (inner) return inner;
  }
  return undefined;
}

/**
 * What the sanitizer will do to one element: asks rehype-sanitize itself, with the element alone
 * (no children) inside copies of its ancestors (the schema's `ancestors` rules depend on them),
 * rather than keeping a second copy of its rules that could drift.
 */
function verdict(clean: (tree: Root) => Root, node: Element, ancestors: string[]): Element | undefined {
  let probe: Element = { type: 'element', tagName: node.tagName, properties: { ...node.properties }, children: [], data: { [PROBE]: true } as unknown as Element['data'] };
  for (let i = ancestors.length - 1; i >= 0; i--) probe = { type: 'element', tagName: ancestors[i]!, properties: {}, children: [probe] };
  return findProbe(clean({ type: 'root', children: [probe] }).children);
}

function removedAttributes(before: Properties, after: Properties, schema: Schema): string[] {
  const removed: string[] = [];
  for (const [key, value] of Object.entries(before)) {
    if (value === undefined || value === null) continue;
    const kept = after[key];
    const name = attributeName(key);
    if (kept === undefined || kept === null) {
      removed.push(`${name}="${shorten(valueText(value))}"`);
    } else if (Array.isArray(value) && Array.isArray(kept) && kept.length < value.length) {
      const dropped = value.filter((item) => !kept.includes(item));
      removed.push(`${name} value${dropped.length > 1 ? 's' : ''} "${shorten(dropped.join(' '))}"`);
    } else if (!Array.isArray(value) && kept !== value && !(schema.clobber ?? []).includes(key)) {
      removed.push(`${name}="${shorten(valueText(value))}"`);
    }
  }
  return removed;
}

/**
 * Untrusted HTML in a story, made safe: the body goes through rehype-sanitize with
 * `storySchema`, an allowlist. Each thing it removes (an element, an attribute, a URL with a
 * forbidden protocol) is reported as a warning naming the file and line, so the editor learns
 * why part of the story vanished. HTML comments are dropped without a warning: editors use them
 * for notes.
 *
 * Runs last among our rehype plugins, after rehype-raw has turned pasted HTML into elements
 * (Astro's own rehype-raw runs only after all user plugins, too late) and after our plugins
 * (embeds, figure captions) whose output the schema allows. Astro's image and heading-id steps
 * run after it and add only trusted properties.
 */
export default function rehypeSanitizeStory(options: SanitizeStoryOptions = {}) {
  const schema = options.schema ?? storySchema;
  const report = options.report ?? reportToBuildLog;
  const clean = rehypeSanitize(schema);
  const strip = new Set(schema.strip ?? []);

  return (tree: Root, file: VFile): Root => {
    unprefixClobbered(tree, schema);
    const walk = (nodes: readonly RootContent[], ancestors: string[]): void => {
      for (const node of nodes) {
        if (node.type !== 'element') continue;
        const kept = verdict(clean, node, ancestors);
        if (!kept && strip.has(node.tagName)) {
          const what = node.tagName === 'script' ? 'scripts' : `<${node.tagName}> elements`;
          warnAbout(file, node, `removed <${node.tagName}> and everything inside it: stories may not contain ${what}.`, 'sanitize', report);
          continue;
        }
        if (!kept) {
          const text = node.children.length
            ? `removed the <${node.tagName}> element, keeping what was inside it: <${node.tagName}> is not allowed in stories.`
            : `removed <${node.tagName}>: it is not allowed in stories.`;
          warnAbout(file, node, text, 'sanitize', report);
        } else {
          const removed = removedAttributes(node.properties, kept.properties, schema);
          if (removed.length) warnAbout(file, node, `removed ${removed.join(', ')} from <${node.tagName}>: not allowed in stories.`, 'sanitize', report);
        }
        walk(node.children, [...ancestors, node.tagName]);
      }
    };
    walk(tree.children, []);
    return clean(tree);
  };
}
