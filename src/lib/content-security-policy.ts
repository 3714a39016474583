/**
 * The site's Content-Security-Policy. One builder makes both the policy sent in `dist/_headers`
 * (site-wide: the union of every page's needs) and the `<meta http-equiv>` copy in each page (that
 * page's own hashes). A browser enforces both, so a page may run only what both allow.
 *
 * Why our own builder and not Astro's `security.csp`: Astro hashes only the scripts and styles its
 * bundler processed, so it cannot cover `is:inline` scripts (the Pagefind search page) or anything
 * a step after `astro build` adds, and it writes no `_headers`. We hash the final HTML instead.
 */
import { createHash } from 'node:crypto';

/**
 * Hosts the embed plugin turns into sandboxed iframes. A path ending in `/` matches that prefix
 * only: Facebook and Google serve far more than embeds from these hosts.
 */
export const EMBED_FRAME_SOURCES: readonly string[] = [
  'https://www.youtube-nocookie.com',
  'https://player.vimeo.com',
  'https://platform.twitter.com',
  'https://www.facebook.com/plugins/',
  'https://www.google.com/maps/',
];

/** A CSP hash source (`'sha256-…'`) of an inline script or style, exactly as the browser hashes it. */
export function cspHash(text: string): string {
  // The HTML parser turns CR LF and lone CR into LF before a script or style sees its text.
  const normalised = text.replace(/\r\n?/g, '\n');
  return `'sha256-${createHash('sha256').update(normalised, 'utf8').digest('base64')}'`;
}

export interface PolicyInput {
  /** Hash sources of the inline scripts to allow (see `cspHash`). */
  scriptHashes?: Iterable<string>;
  /** Hash sources of the inline `<style>` blocks to allow. */
  styleHashes?: Iterable<string>;
  /** Allow WebAssembly compilation (`'wasm-unsafe-eval'`): Pagefind's search runs in WebAssembly. */
  wasm?: boolean;
  /** Allow `data:` images: Pagefind's stylesheet draws its search icon as one. */
  dataImages?: boolean;
  /** Origins (or origin + path prefixes) that pages may frame. */
  frameSources?: Iterable<string>;
  /**
   * For a `<meta http-equiv>` copy: browsers ignore `frame-ancestors` there (and warn about it), so
   * it is left out; the header carries it.
   */
  forMeta?: boolean;
}

/** Sorted and without duplicates, so the same inputs always give the same bytes. */
function sources(values: Iterable<string> | undefined): string[] {
  return [...new Set(values ?? [])].sort();
}

/**
 * The policy text: `default-src 'self'` for everything, no inline script or style except by hash,
 * no plugins, no `<base>` hijacking, forms only to this site, framed by nobody.
 */
export function contentSecurityPolicy(input: PolicyInput = {}): string {
  const script = ["'self'", ...(input.wasm ? ["'wasm-unsafe-eval'"] : []), ...sources(input.scriptHashes)];
  const style = ["'self'", ...sources(input.styleHashes)];
  const frames = sources(input.frameSources);
  const directives: string[] = [
    "default-src 'self'",
    `script-src ${script.join(' ')}`,
    `style-src ${style.join(' ')}`,
    ...(input.dataImages ? ["img-src 'self' data:"] : []),
    `frame-src ${frames.length > 0 ? frames.join(' ') : "'none'"}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    ...(input.forMeta ? [] : ["frame-ancestors 'none'"]),
    'upgrade-insecure-requests',
  ];
  return directives.join('; ');
}
