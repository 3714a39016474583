import { describe, expect, it } from 'vitest';
import { fieldLines, loadFrontMatterYaml, splitMarkdown } from '../../src/content/front-matter.ts';

describe('splitMarkdown', () => {
  it('finds the YAML and the body and the lines they start on', () => {
    const split = splitMarkdown('---\ntitle: A\nsection: b\n---\n\nBody.\n');
    expect(split).toEqual({ yaml: '\ntitle: A\nsection: b\n', yamlStartLine: 1, body: '\n\nBody.\n', bodyStartLine: 4 });
  });
  it('treats a file without front matter as all body', () => {
    expect(splitMarkdown('Just text.\n')).toEqual({ yaml: undefined, yamlStartLine: 1, body: 'Just text.\n', bodyStartLine: 1 });
  });
});

describe('loadFrontMatterYaml', () => {
  it('keeps dates and yes/no as text (YAML core schema)', () => {
    expect(loadFrontMatterYaml('published: 2024-03-01 09:00\ndraft: no\n')).toEqual({ published: '2024-03-01 09:00', draft: 'no' });
  });
  it('refuses aliases', () => {
    expect(() => loadFrontMatterYaml('a: &x [1]\nb: *x\n')).toThrow(/maxAliases/);
  });
});

describe('fieldLines', () => {
  it('maps every field, nested field and list item to its line', () => {
    const yaml = 'title: A\nhero:\n  src: ./a.jpg\n  alt: B\ntags: [x, y]\ncorrections:\n  - date: 2024-01-01\n    text: C\n';
    expect(Object.fromEntries(fieldLines(yaml))).toEqual({
      title: 1,
      hero: 2,
      'hero.src': 3,
      'hero.alt': 4,
      tags: 5,
      'tags.0': 5,
      'tags.1': 5,
      corrections: 6,
      'corrections.0': 7,
      'corrections.0.date': 7,
      'corrections.0.text': 8,
    });
  });
});
