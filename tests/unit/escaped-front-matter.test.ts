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
    const offenders = astroFiles.filter((file) => /set:html/.test(readFileSync(path.join(src, file), 'utf8')));
    expect(offenders).toEqual([]);
  });
});
