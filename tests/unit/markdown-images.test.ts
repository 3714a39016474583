/**
 * The validator's quick picture finder must agree with a full Markdown parse on every body: the
 * property test builds bodies from lines that make pictures, paragraphs, lists, quotes, headings,
 * code, raw HTML and reference definitions, in any order.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { markdownImages, markdownImagesQuick } from '../../src/content/markdown-images.ts';

const LINES = [
  '',
  '',
  'A plain paragraph line.',
  '![A farmer.](./farmer.jpg "A farmer | AFP")',
  'Text with a picture ![inline](./inline.jpg) in it.',
  '![](./no-alt.jpg)',
  '![Remote.](https://example.com/x.jpg)',
  '![By reference][photo]',
  '![photo]',
  '[photo]: ./referenced.jpg',
  '- a list item',
  '- ![In a list.](./list.jpg)',
  '  ![Continued item.](./continued.jpg)',
  '    ![Indented code, not a picture.](./code.jpg)',
  '> [!pullquote]',
  '> ![In a quote.](./quote.jpg)',
  '## A heading with ![a picture](./heading.jpg)',
  '```',
  '~~~',
  '<pre>',
  '</pre>',
  '<!-- a comment',
  '-->',
  '<div>',
  '</div>',
  '<script>',
  '</script>',
  'Escaped \\![not a picture](./escaped.jpg).',
  '`![in code span](./span.jpg)`',
];

/** Bodies of 1 to 30 of these lines: the quick reader finds what a full parse finds. */
function agreesWithFullParse(lines: readonly string[], seed: number): void {
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...lines), { minLength: 1, maxLength: 30 }), (picked) => {
      const body = picked.join('\n');
      expect(markdownImagesQuick(body)).toEqual(markdownImages(body));
    }),
    { seed, numRuns: 1000 },
  );
}

describe('markdownImagesQuick', () => {
  it('finds the same pictures, at the same lines, as a full parse', () => {
    agreesWithFullParse(LINES, 20261129);
  });

  it('agrees with a full parse on bodies it reads block by block (no code, raw HTML or definitions)', () => {
    const quickOnly = LINES.filter((line) => !/^(?: {4}|\t)|^ {0,3}(?:`{3}|~{3})|^[ >]*<|\]:/.test(line));
    expect(quickOnly.length).toBeGreaterThan(10);
    agreesWithFullParse(quickOnly, 29112026);
  });

  it('reports pictures with their lines and skips code', () => {
    const body = ['Intro.', '', '![One.](./one.jpg)', '', '```', '![Code.](./code.jpg)', '```', '', 'Text ![Two.](./two.jpg)'].join('\n');
    expect(markdownImagesQuick(body)).toEqual([
      { url: './one.jpg', alt: 'One.', line: 3 },
      { url: './two.jpg', alt: 'Two.', line: 9 },
    ]);
    const simple = ['Intro.', '', '![One.](./one.jpg)', '', 'Text ![Two.](./two.jpg)'].join('\n');
    expect(markdownImagesQuick(simple)).toEqual([
      { url: './one.jpg', alt: 'One.', line: 3 },
      { url: './two.jpg', alt: 'Two.', line: 5 },
    ]);
  });
});
