import { createHash } from 'node:crypto';

/**
 * A short, stable fingerprint of JSON-able values, for the `cacheKey` of a page in
 * `getStaticPaths()`: with Astro's incremental build, a page whose key (and template code) is
 * unchanged since the last build is copied from the cache instead of rendered again. So the key
 * must cover everything the page shows; anything left out would leave a stale page.
 */
export function cacheKeyOf(...parts: unknown[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('base64url').slice(0, 24);
}
