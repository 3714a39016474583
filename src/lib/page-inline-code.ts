/**
 * What a built HTML page runs inline, read with parse5 (the HTML standard's parsing algorithm, so a
 * `<script>` inside a comment or an attribute is not mistaken for one), and where a CSP `<meta>`
 * goes. The build hashes what this finds; a page is changed only by inserting the `<meta>`, never
 * re-serialised, so Astro's bytes stay as they were.
 */
import { parse } from 'parse5';
import type { DefaultTreeAdapterTypes } from 'parse5';
import { cspHash } from './content-security-policy.ts';

type Node = DefaultTreeAdapterTypes.Node;
type Element = DefaultTreeAdapterTypes.Element;

export interface PageInlineCode {
  /** CSP hash sources of the inline scripts the browser executes (not JSON-LD or other data blocks). */
  scriptHashes: string[];
  /** CSP hash sources of the inline `<style>` blocks. */
  styleHashes: string[];
  /** Whether the page runs any script at all, inline or from a file. */
  runsScript: boolean;
  /** `href`s of the page's `<link rel="stylesheet">`s, as written. */
  stylesheets: string[];
  /** Whether an inline style or an `<img>` of the page itself uses a `data:` URL. */
  usesDataImages: boolean;
  /** Markup the policy would block and no hash can allow: `style=""`, `onclick=""`, `javascript:` URLs. */
  blockedMarkup: string[];
  /** Whether the page already carries a CSP `<meta>` (the build writes that itself). */
  hasCspMeta: boolean;
  /** Offset in the HTML where the CSP `<meta>` belongs: after `<meta charset>`, else first in `<head>`. */
  metaOffset: number | undefined;
}

/** `type` values that make a `<script>` run; anything else is a data block such as JSON-LD. */
const EXECUTED_SCRIPT_TYPES = new Set([
  '',
  'module',
  // Import maps and speculation rules are not run as code but CSP still governs them inline.
  'importmap',
  'speculationrules',
  'application/ecmascript',
  'application/javascript',
  'application/x-ecmascript',
  'application/x-javascript',
  'text/ecmascript',
  'text/javascript',
  'text/javascript1.0',
  'text/javascript1.1',
  'text/javascript1.2',
  'text/javascript1.3',
  'text/javascript1.4',
  'text/javascript1.5',
  'text/jscript',
  'text/livescript',
  'text/x-ecmascript',
  'text/x-javascript',
]);

const URL_ATTRIBUTES = new Set(['href', 'src', 'action', 'formaction', 'xlink:href']);

function isElement(node: Node): node is Element {
  return 'tagName' in node;
}

function attribute(element: Element, name: string): string | undefined {
  return element.attrs.find((attr) => attr.name === name)?.value;
}

function textOf(element: Element): string {
  return element.childNodes.map((child) => ('value' in child && child.nodeName === '#text' ? child.value : '')).join('');
}

function* walk(node: Node): Generator<Element> {
  if (isElement(node)) yield node;
  const children = 'childNodes' in node ? node.childNodes : [];
  for (const child of children) yield* walk(child);
  if (isElement(node) && node.nodeName === 'template' && 'content' in node) yield* walk(node.content as Node);
}

function describe(element: Element, attr: { name: string; value: string }): string {
  const value = attr.value.length > 60 ? `${attr.value.slice(0, 57)}...` : attr.value;
  return `<${element.tagName} ${attr.name}="${value}">`;
}

/**
 * How Astro's pages begin: a doctype, `<html>` with plain attributes, `<head>` and `<meta
 * charset="utf-8">`, in one unambiguous run of markup. For such a page the CSP `<meta>` goes right
 * after that run, and the page is parsed without recording where each node came from (a fifth of
 * the parse, over every page of a cold build). Any other page is parsed with source locations.
 */
const ASTRO_PAGE_START = /^<!DOCTYPE html><html(?: [a-z-]+="[^"<>&]*")*><head><meta charset="utf-8">/i;

export function inspectPage(html: string): PageInlineCode {
  const start = ASTRO_PAGE_START.exec(html);
  const document = parse(html, { sourceCodeLocationInfo: !start });
  const scripts = new Set<string>();
  const styles = new Set<string>();
  const blockedMarkup: string[] = [];
  let runsScript = false;
  let usesDataImages = false;
  const stylesheets: string[] = [];
  let hasCspMeta = false;
  let head: Element | undefined;
  let charsetMeta: Element | undefined;

  for (const element of walk(document)) {
    const name = element.tagName;
    if (name === 'head' && !head) head = element;
    if (name === 'script') {
      const type = (attribute(element, 'type') ?? '').trim().toLowerCase();
      if (EXECUTED_SCRIPT_TYPES.has(type)) {
        runsScript = true;
        if (attribute(element, 'src') === undefined) scripts.add(cspHash(textOf(element)));
      }
    }
    if (name === 'style') {
      const css = textOf(element);
      styles.add(cspHash(css));
      usesDataImages ||= cssUsesDataUrl(css);
    }
    if (name === 'img' && /^\s*data:/i.test(attribute(element, 'src') ?? '')) usesDataImages = true;
    const href = attribute(element, 'href');
    if (name === 'link' && href && /(^|\s)stylesheet(\s|$)/i.test(attribute(element, 'rel') ?? '')) stylesheets.push(href);
    if (name === 'meta') {
      if (attribute(element, 'charset') !== undefined && !charsetMeta) charsetMeta = element;
      if (attribute(element, 'http-equiv')?.trim().toLowerCase() === 'content-security-policy') hasCspMeta = true;
    }
    for (const attr of element.attrs) {
      const lower = attr.name.toLowerCase();
      const blocked =
        lower === 'style' ||
        lower.startsWith('on') ||
        (URL_ATTRIBUTES.has(lower) && /^\s*javascript:/i.test(attr.value));
      if (blocked) blockedMarkup.push(describe(element, attr));
    }
  }

  return {
    scriptHashes: [...scripts].sort(),
    styleHashes: [...styles].sort(),
    runsScript,
    stylesheets,
    usesDataImages,
    blockedMarkup,
    hasCspMeta,
    metaOffset: start ? start[0].length : metaOffset(head, charsetMeta),
  };
}

/** Whether a stylesheet loads anything from a `data:` URL (`url(data:…)`, quoted or not). */
export function cssUsesDataUrl(css: string): boolean {
  return /url\(\s*['"]?\s*data:/i.test(css);
}

function metaOffset(head: Element | undefined, charsetMeta: Element | undefined): number | undefined {
  // Keep `<meta charset>` first (it must sit in the first 1024 bytes); the policy governs only
  // what comes after it, so it goes before any script or style.
  if (charsetMeta && head && charsetMeta.parentNode === head && charsetMeta.sourceCodeLocation) return charsetMeta.sourceCodeLocation.endOffset;
  if (!head) return undefined;
  const startTag = head.sourceCodeLocation?.startTag;
  if (startTag) return startTag.endOffset;
  // `<head>` left out of the source (as in Astro's redirect pages): before its first element.
  const first = head.childNodes.find((child) => child.sourceCodeLocation);
  return first?.sourceCodeLocation?.startOffset;
}

/** The page with a CSP `<meta>` inserted at `offset` (from `inspectPage`). */
export function withCspMeta(html: string, offset: number, policy: string): string {
  const content = policy.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
  return `${html.slice(0, offset)}<meta http-equiv="Content-Security-Policy" content="${content}">${html.slice(offset)}`;
}
