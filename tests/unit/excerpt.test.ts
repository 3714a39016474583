import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { excerptFromMarkdown, plainParagraphs } from '../../src/lib/excerpt.ts';

describe('excerptFromMarkdown', () => {
  it('returns a short opening paragraph whole', () => {
    expect(excerptFromMarkdown('The ferry will run twice a day.\n\nMore later.', 40, 3)).toBe('The ferry will run twice a day.');
  });

  it('cuts a long opening at the word limit with an ellipsis, dropping trailing punctuation', () => {
    const words = Array.from({ length: 50 }, (_, i) => `w${i}`).join(' ');
    expect(excerptFromMarkdown(words, 5)).toBe('w0 w1 w2 w3 w4…');
    expect(excerptFromMarkdown('One, two, three, four, five, six.', 3)).toBe('One, two, three…');
  });

  it('runs on into the next paragraph only while the excerpt is shorter than the minimum', () => {
    expect(excerptFromMarkdown('Short.\n\nSecond paragraph here.', 40, 3)).toBe('Short. Second paragraph here.');
  });

  it('strips Markdown: emphasis, links, images, headings, pull quotes and HTML', () => {
    const md = '## Heading\n\n![alt](x.jpg "c | d")\n\n> [!pullquote]\n> Quote\n\nA **bold** [link](https://x.test) and <b>html</b> `code`.';
    expect(excerptFromMarkdown(md)).toBe('A bold link and html code.');
  });
});

describe('excerptFromMarkdown on long bodies', () => {
  // A body that defines a link reference is always parsed whole, so appending an unused
  // definition gives the whole-body answer to compare the opening-only parse with.
  const wholeBody = (md: string) => excerptFromMarkdown(`${md}\n\n[unused-definition]: https://example.test\n`);
  const word = fc.constantFrom('salt', 'ferry', 'rain', 'Kampot', '"quoted"', '**bold**', '[link](https://x.test)', 'it’s');
  const paragraph = fc.array(word, { minLength: 1, maxLength: 60 }).map((words) => words.join(' '));
  const block = fc.oneof(
    paragraph,
    paragraph.map((p) => `## ${p}`),
    paragraph.map((p) => `- ${p}\n\n  ${p}`),
    paragraph.map((p) => `\`\`\`\n${p}\n\n${p}\n\`\`\``),
    paragraph.map((p) => `<!-- ${p}\n\n${p} -->`),
    paragraph.map((p) => `> ${p}`),
  );

  it('gives the same excerpt from the opening as from the whole body', () => {
    fc.assert(
      fc.property(fc.array(block, { minLength: 1, maxLength: 40 }), (blocks) => {
        const md = blocks.join('\n\n');
        expect(excerptFromMarkdown(md)).toBe(wholeBody(md));
      }),
      { numRuns: 200 },
    );
  });

  it('still resolves a link reference defined at the end of a long body', () => {
    const filler = Array.from({ length: 40 }, () => 'More words follow in this paragraph of the story.').join('\n\n');
    expect(excerptFromMarkdown(`The [ministry][m] spoke.\n\n${filler}\n\n[m]: https://example.test`, 40, 3)).toBe('The ministry spoke.');
  });
});

describe('plainParagraphs', () => {
  it('keeps only prose paragraphs with whitespace folded', () => {
    expect(plainParagraphs('First\nline.\n\n- a list\n\nSecond.')).toEqual(['First line.', 'Second.']);
  });
});
