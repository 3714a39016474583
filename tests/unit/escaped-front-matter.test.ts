/**
 * Front-matter text (headline, dek, caption, credit, byline, author names) reaches readers only
 * through Astro expressions, which escape it. `set:html` would bypass that; no page, layout or
 * component may use it. (tests/build/xss.test.ts proves the escaping on a built site.)
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const src = path.resolve(import.meta.dirname, '../../src');

describe('components and pages', () => {
  it('never render text as raw HTML with set:html', () => {
    const astroFiles = (readdirSync(src, { recursive: true }) as string[]).filter((file) => file.endsWith('.astro'));
    expect(astroFiles.length).toBeGreaterThan(5);
    // The one exception: JSON-LD, which must not be HTML-escaped, goes through serializeJsonLd,
    // which escapes <, > and & itself (tested in tests/unit/json-ld.test.ts).
    const offenders = astroFiles.filter((file) =>
      readFileSync(path.join(src, file), 'utf8')
        .split('\n')
        .some((line) => /set:html/.test(line) && !/set:html=\{serializeJsonLd\(/.test(line)),
    );
    expect(offenders).toEqual([]);
  });
});
