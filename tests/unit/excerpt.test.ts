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

describe('plainParagraphs', () => {
  it('keeps only prose paragraphs with whitespace folded', () => {
    expect(plainParagraphs('First\nline.\n\n- a list\n\nSecond.')).toEqual(['First line.', 'Second.']);
  });
});
