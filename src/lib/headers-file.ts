/**
 * `dist/_headers`: the response headers a CDN sends, in the format Cloudflare Pages reads (a URL
 * pattern on its own line, then indented `Name: value` lines). Every rule whose pattern matches a
 * request applies; a header set by two rules is joined with ", ", and `! Name` in a later rule
 * removes it. Cache-Control is set once for everything under `/*` and replaced (`!`) under the
 * folders that need another lifetime, so no response ever gets two Cache-Control values.
 */

export interface HeaderRule {
  /** URL pattern: `*` matches any run of characters, `:name` one path segment. */
  pattern: string;
  /** Headers this rule removes (`! Name`) from earlier matching rules, before it adds its own. */
  detach?: string[];
  headers: [name: string, value: string][];
}

/** Pages, feeds and sitemaps: see docs/deploy.md for why one minute and ten minutes. */
export const SHORT_LIVED = 'public, max-age=60, stale-while-revalidate=600';
/** Astro's `/_astro/` files have a content hash in their name: a new version is a new URL. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Pagefind's index files keep their names between builds; a reader must never mix two builds'. */
export const REVALIDATE = 'public, max-age=0, must-revalidate';

/** Two years and every subdomain; no `preload`, because leaving the preload list takes months. */
export const STRICT_TRANSPORT_SECURITY = 'max-age=63072000; includeSubDomains';

/** Powerful features no page of a news site uses, denied to the page and to every embed. */
export const PERMISSIONS_POLICY = [
  'accelerometer=()',
  'browsing-topics=()',
  'camera=()',
  'display-capture=()',
  'geolocation=()',
  'gyroscope=()',
  'interest-cohort=()',
  'magnetometer=()',
  'microphone=()',
  'payment=()',
  'usb=()',
].join(', ');

/** Cloudflare Pages ignores a `_headers` line longer than this. */
export const MAX_LINE_LENGTH = 2000;

/** The site's rules: security headers and short caching for all, longer or none for asset folders. */
export function siteHeaderRules(contentSecurityPolicy: string): HeaderRule[] {
  return [
    {
      pattern: '/*',
      headers: [
        ['Content-Security-Policy', contentSecurityPolicy],
        ['X-Content-Type-Options', 'nosniff'],
        ['Referrer-Policy', 'strict-origin-when-cross-origin'],
        ['Permissions-Policy', PERMISSIONS_POLICY],
        ['Strict-Transport-Security', STRICT_TRANSPORT_SECURITY],
        ['Cache-Control', SHORT_LIVED],
      ],
    },
    { pattern: '/_astro/*', detach: ['Cache-Control'], headers: [['Cache-Control', IMMUTABLE]] },
    { pattern: '/pagefind/*', detach: ['Cache-Control'], headers: [['Cache-Control', REVALIDATE]] },
  ];
}

/** The `_headers` text. Throws if a line is too long for Cloudflare Pages to read. */
export function renderHeadersFile(rules: HeaderRule[]): string {
  const lines = ['# Written by the build (scripts/lib/finish-dist.ts); see docs/deploy.md.'];
  for (const rule of rules) {
    lines.push(rule.pattern);
    for (const name of rule.detach ?? []) lines.push(`  ! ${name}`);
    for (const [name, value] of rule.headers) lines.push(`  ${name}: ${value}`);
  }
  const tooLong = lines.find((line) => line.length > MAX_LINE_LENGTH);
  if (tooLong) {
    throw new Error(
      `A _headers line is ${tooLong.length} characters long; Cloudflare Pages ignores lines over ${MAX_LINE_LENGTH}: "${tooLong.slice(0, 80)}...". ` +
        'If it is the Content-Security-Policy, the pages have too many different inline <style> or <script> blocks: move some into files.',
    );
  }
  return `${lines.join('\n')}\n`;
}

/** Reads a `_headers` file back into rules (for tests and the local preview server). */
export function parseHeadersFile(text: string): HeaderRule[] {
  const rules: HeaderRule[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    if (!/^\s/.test(line)) {
      rules.push({ pattern: line.trim(), headers: [] });
      continue;
    }
    const rule = rules.at(-1);
    if (!rule) throw new Error(`_headers: "${line.trim()}" comes before any URL pattern.`);
    const detach = /^\s*!\s*(\S+)\s*$/.exec(line);
    if (detach) {
      (rule.detach ??= []).push(detach[1]!);
      continue;
    }
    const colon = line.indexOf(':');
    if (colon < 0) throw new Error(`_headers: "${line.trim()}" is not "Name: value".`);
    rule.headers.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()]);
  }
  return rules;
}

function patternMatches(pattern: string, path: string): boolean {
  const source = pattern
    .split(/(\*|:[A-Za-z]\w*)/)
    .map((part) => (part === '*' ? '.*' : part.startsWith(':') ? '[^/]+' : part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`).test(path);
}

/** The headers a request for `path` gets, as a CDN applying these rules in order would send them. */
export function headersForPath(rules: HeaderRule[], path: string): Map<string, string> {
  const result = new Map<string, string>();
  for (const rule of rules) {
    if (!patternMatches(rule.pattern, path)) continue;
    for (const name of rule.detach ?? []) result.delete(name.toLowerCase());
    for (const [name, value] of rule.headers) {
      const key = name.toLowerCase();
      const previous = result.get(key);
      result.set(key, previous === undefined ? value : `${previous}, ${value}`);
    }
  }
  return result;
}
