import { describe, expect, it } from 'vitest';
import { loadFrontMatterYaml, splitMarkdown } from '../../src/content/front-matter.ts';
import { newArticleRelativePath, newArticleSource } from '../../src/lib/new-article.ts';

describe('newArticleSource', () => {
  const source = newArticleSource({ title: 'Minister says: "no comment" # yet', section: 'national', published: '2026-11-29T09:00:00+07:00' });

  it('fills in the front matter as a draft with a byline placeholder and a body to replace', () => {
    const { yaml, body } = splitMarkdown(source);
    expect(loadFrontMatterYaml(yaml!)).toEqual({
      title: 'Minister says: "no comment" # yet',
      section: 'national',
      byline: 'Staff reporter',
      published: '2026-11-29T09:00:00+07:00',
      draft: true,
    });
    expect(body.trim()).toBe('Write the story here.');
  });
});

describe('newArticleRelativePath', () => {
  it('puts each story in a folder of its own under its section', () => {
    expect(newArticleRelativePath('national', 'ferry-doubles-crossings')).toBe('articles/national/ferry-doubles-crossings/index.md');
  });
});
