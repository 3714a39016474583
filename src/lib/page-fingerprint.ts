/**
 * Fingerprints of the data a page is rendered from, for Astro's incremental build
 * (`experimental.incrementalBuild`): a page whose `cacheKey` and code are unchanged since the last
 * build is copied from Astro's cache instead of rendered again. At 10,000 stories rendering every
 * page is most of a rebuild after one edit, while one edit changes a handful of pages.
 *
 * The rule that keeps this safe: a cached route's page reads its data from `Astro.props` only
 * (everything it shows that is not code), and its `cacheKey` is `fingerprint(props)`. Code the
 * page imports (templates, src/lib, src/site.config.ts, CSS) is Astro's to track: it hashes the
 * page's module graph. tests/build/incremental.test.ts holds pages to that rule and proves a
 * rebuild after edits equals a cold build byte for byte.
 *
 * Our own rather than a JSON hash: the site data is a graph where the same story object is shown
 * on dozens of pages (a teaser, the rail, related stories), so each large object's fingerprint is
 * kept (by identity, for this build) and a page's key costs a few hashes, not a serialisation of
 * every story it links to. Images need care too: reading a property of an imported image makes
 * Astro copy its original into dist/ (src/image-memo.ts), which plain JSON would do for every photo.
 */
import { hash } from 'node:crypto';

const known = new WeakMap<object, string>();

/** SHA-256 in base64url; the one-shot `hash()`, since a build takes tens of thousands of them. */
function digest(text: string): string {
  return hash('sha256', text, 'base64url');
}

/**
 * An image imported by astro:assets: identified by its file, its size, its format and its output
 * name (which carries a hash of the file's bytes). `clone` is the one way to read those through
 * Astro's image proxy without marking the original as used.
 */
function imageFingerprint(image: object & { fsPath: string }): string {
  const plain = (image as { clone?: unknown }).clone;
  const fields = (typeof plain === 'object' && plain !== null ? plain : image) as Record<string, unknown>;
  return digest(JSON.stringify(['image', image.fsPath, fields.src, fields.width, fields.height, fields.format, fields.orientation]));
}

/** Whether `text` is a hash from digest() (43 characters of base64url), not an object's own text. */
function isHash(text: string): boolean {
  return /^[\w-]{43}$/.test(text);
}

/** A value that is not data, with where it was found, for the message (built only then). */
class NotData extends TypeError {
  readonly path: string[];
  readonly what: string;
  constructor(what: string, path: string[] = []) {
    super(what);
    this.what = what;
    this.path = path;
  }
  within(step: string): NotData {
    return new NotData(this.what, [step, ...this.path]);
  }
}

function part(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
    case 'boolean':
      return String(value);
    case 'undefined':
      return 'u';
    case 'bigint':
      return `${value}n`;
    case 'object':
      return value === null ? 'null' : fingerprintOf(value);
    default:
      // A function or a symbol in a page's props cannot be compared between builds.
      throw new NotData(`a ${typeof value} is not data. Pass data in a cached page's props, not code.`);
  }
}

/** `part(value)`, naming `step` as where a value that is not data was found. */
function partAt(value: unknown, step: string | number): string {
  try {
    return part(value);
  } catch (error) {
    throw error instanceof NotData ? error.within(typeof step === 'number' ? `[${step}]` : `.${step}`) : error;
  }
}

/**
 * A short hash of `value` that changes whenever anything reachable from it changes: primitives,
 * arrays, plain objects (key order ignored), Dates, Maps, Sets, URLs and imported images.
 * Objects must not change after their first fingerprint in a build (the site data does not).
 */
export function fingerprint(value: unknown, where = 'the page data'): string {
  try {
    const text = typeof value !== 'object' || value === null ? part(value) : fingerprintOf(value);
    return isHash(text) ? text : digest(text);
  } catch (error) {
    if (!(error instanceof NotData)) throw error;
    throw new TypeError(`Cannot fingerprint ${where}${error.path.join('')}: ${error.what}`);
  }
}

/**
 * An object's fingerprint inside another's text: its own text when that is short, else the hash of
 * its text, kept for the build (the same story is in hundreds of pages' props, and its hash is
 * worked out once). Every object's text holds a `{`, `[` or `:`, which a base64url hash never
 * does, so a text and a hash cannot be taken for each other.
 *
 * Why not a hash for every object, as before: at 10,000 stories that was about 200,000 hashes
 * and as many WeakMap entries per build, 0.8 s of getStaticPaths() after an edit; small objects
 * (a date, a tag's link, a heading) cost less written out in their parent's text.
 */
function fingerprintOf(value: object): string {
  const seen = known.get(value);
  if (seen !== undefined) return seen;
  let text: string;
  if (typeof (value as { fsPath?: unknown }).fsPath === 'string') {
    return remember(value, imageFingerprint(value as object & { fsPath: string }));
  } else if (value instanceof Date) {
    text = `date:${value.getTime()}`;
  } else if (value instanceof URL) {
    text = `url:${value.href}`;
  } else if (Array.isArray(value)) {
    text = '[';
    for (let i = 0; i < value.length; i++) text += (i ? ',' : '') + partAt(value[i], i);
    text += ']';
  } else if (value instanceof Map) {
    text = 'map{';
    let first = true;
    for (const [k, v] of value) {
      text += `${first ? '' : ','}${partAt(k, 'keys()')}=>${partAt(v, `get(${String(k)})`)}`;
      first = false;
    }
    text += '}';
  } else if (value instanceof Set) {
    text = 'set{';
    let first = true;
    for (const item of value) {
      text += (first ? '' : ',') + partAt(item, 'values()');
      first = false;
    }
    text += '}';
  } else {
    const prototype = Object.getPrototypeOf(value);
    if (prototype !== Object.prototype && prototype !== null) {
      throw new NotData(`a ${prototype?.constructor?.name ?? 'class'} instance is not plain data.`);
    }
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record).sort();
    text = '{';
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      text += `${i ? ',' : ''}${JSON.stringify(key)}:${partAt(record[key], key)}`;
    }
    text += '}';
  }
  return text.length <= INLINE_TEXT ? text : remember(value, digest(text));
}

/** Objects whose text is at most this long are written out in their parent's text, not hashed. */
const INLINE_TEXT = 256;

function remember(value: object, hash: string): string {
  known.set(value, hash);
  return hash;
}

/**
 * getStaticPaths() entries with `cacheKey` set to the fingerprint of their props, so Astro's
 * incremental build can reuse a page whose data did not change.
 */
export function withCacheKeys<P extends { props: object }>(paths: P[]): (P & { cacheKey: string })[] {
  return paths.map((entry) => ({ ...entry, cacheKey: fingerprint(entry.props, 'props') }));
}
