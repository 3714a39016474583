import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AUTHOR_COUNT, extraArticle, generateCorpus, SECTION_COUNT, TAG_COUNT } from '../../scripts/bench/corpus.ts';

const now = new Date('2026-01-15T12:00:00+07:00');

function digest(files: { path: string; text: string }[]): string {
  const hash = createHash('sha256');
  for (const file of files) hash.update(`${file.path}\0${file.text}\0`);
  return hash.digest('hex');
}

function frontMatter(text: string): string {
  return text.split('\n---\n')[0]!;
}

describe('the benchmark corpus generator', () => {
  const corpus = generateCorpus({ seed: 42, articles: 60, photos: 5, now });
  const articles = corpus.files.filter((f) => f.path.startsWith('articles/'));

  it('gives the same bytes for the same seed, and different ones for another seed', () => {
    expect(digest(generateCorpus({ seed: 42, articles: 60, photos: 5, now }).files)).toBe(digest(corpus.files));
    expect(digest(generateCorpus({ seed: 43, articles: 60, photos: 5, now }).files)).not.toBe(digest(corpus.files));
  });

  it('writes the asked number of articles, 12 sections and 40 authors, with unique URLs', () => {
    expect(articles).toHaveLength(60);
    expect(corpus.files.filter((f) => f.path.startsWith('sections/'))).toHaveLength(SECTION_COUNT);
    expect(corpus.files.filter((f) => f.path.startsWith('authors/'))).toHaveLength(AUTHOR_COUNT);
    expect(new Set(articles.map((a) => a.path.split('/').at(-1))).size).toBe(60);
  });

  it('draws tags from a vocabulary of 200', () => {
    const big = generateCorpus({ seed: 1, articles: 2000, photos: 0, now });
    const tags = new Set(
      big.files
        .filter((f) => f.path.startsWith('articles/'))
        .flatMap((f) => /^tags: \[(.*)\]$/m.exec(f.text)![1]!.split(', ').map((t) => t.replace(/^"|"$/g, ''))),
    );
    expect(tags.size).toBe(TAG_COUNT);
  });

  it('writes 600 to 1,200 words per story with headings, quotes, a pull quote, a list, links and one captioned figure', () => {
    for (const article of articles) {
      const body = article.text.slice(article.text.indexOf('\n---\n') + 5);
      const words = body.split(/\s+/).filter((w) => /[a-z0-9]/i.test(w)).length;
      expect(words, article.path).toBeGreaterThanOrEqual(600);
      expect(words, article.path).toBeLessThanOrEqual(1200);
      expect(body).toMatch(/^## /m);
      expect(body).toMatch(/^> “/m);
      expect(body).toMatch(/^> \[!pullquote\]/m);
      expect(body).toMatch(/^- /m);
      expect(body).toMatch(/\]\(https:\/\/example\.org\//);
      expect(body.match(/^!\[[^\]]+\]\(\.\.\/\.\.\/photos\/pool-\d{3}\.jpg "[^"|]+ \| [^"]+"\)$/gm)).toHaveLength(1);
    }
  });

  it('gives each story a hero from the photo pool, named relative to the story file', () => {
    for (const article of articles) {
      expect(frontMatter(article.text)).toMatch(/^hero:\n {2}src: \.\.\/\.\.\/photos\/pool-00[1-5]\.jpg\n {2}alt: .+$/m);
    }
  });

  it('leaves photos out of a text-only corpus', () => {
    const text = generateCorpus({ seed: 42, articles: 10, photos: 0, now });
    expect(text.photos).toEqual([]);
    expect(text.files.some((f) => f.text.includes('hero:') || f.text.includes('!['))).toBe(false);
  });

  it('publishes every story before the corpus time and writes page views for story URLs ending the day before', () => {
    for (const article of articles) {
      const published = new Date(/^published: (.+)$/m.exec(article.text)![1]!);
      expect(published.getTime()).toBeLessThan(now.getTime());
    }
    const csv = corpus.files.find((f) => f.path === 'analytics/pageviews.csv')!.text.trim().split('\n');
    expect(csv[0]).toBe('date,path,views');
    const paths = new Set(articles.map((a) => `/${a.path.replace(/^articles\//, '').replace(/\.md$/, '')}/`));
    const rows = csv.slice(1).map((line) => line.split(','));
    expect(rows.at(-1)![0]).toBe('2026-01-14');
    expect(rows.filter(([, p]) => p !== '/').every(([, p]) => paths.has(p!))).toBe(true);
    expect(rows.every(([, , views]) => /^\d+$/.test(views!))).toBe(true);
  });

  it('adds one more story of the same shape for the "add an article" build', () => {
    const extra = extraArticle(corpus, 42, now);
    expect(extra.path).toBe('articles/national/benchmark-desk-files-a-late-story.md');
    expect(corpus.files.some((f) => f.path === extra.path)).toBe(false);
    expect(extra.text).toMatch(/^hero:$/m);
  });
});
