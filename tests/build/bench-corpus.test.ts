/**
 * The benchmark's generated corpus is real content: a small one, built once by the global setup
 * through the content schema, gives a page per story with its hero, inline figure and rail.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateCorpus } from '../../scripts/bench/corpus.ts';
import { STORY_IMAGE_SIZES } from '../../src/markdown/rehype-story-image-sizes.ts';
import { BENCH_FIXTURE_CORPUS, buildsDir } from './fixture-builds.ts';
import { buildResult, listFiles, page } from './helpers.ts';

const corpus = generateCorpus(BENCH_FIXTURE_CORPUS);
const stories = corpus.files.filter((f) => f.path.startsWith('articles/')).map((f) => `/${f.path.replace(/^articles\//, '').replace(/\.md$/, '')}/`);

describe('a small generated benchmark corpus', () => {
  it('passes the content schema and builds', () => {
    expect(buildResult('bench-corpus').status).toBe(0);
  });

  it('was written to disk exactly as generated', () => {
    const written = readdirSync(path.join(buildsDir, 'bench-corpus', 'content', 'articles'), { recursive: true })
      .map(String)
      .filter((f) => f.endsWith('.md'));
    expect(written).toHaveLength(BENCH_FIXTURE_CORPUS.articles);
  });

  it('gives every story a page with its hero picture, inline figure with caption and credit, and a Most Viewed rail', () => {
    const files = new Set(listFiles('bench-corpus'));
    for (const story of stories) {
      expect(files.has(`${story.slice(1)}index.html`), story).toBe(true);
      const doc = page('bench-corpus', story);
      expect(doc.querySelectorAll('figure.hero picture source[type="image/avif"]'), story).toHaveLength(1);
      const inline = doc.querySelector('.story-body figure.figure')!;
      expect(inline.querySelector('img')?.getAttribute('src'), story).toMatch(/^\/_astro\/pool-\d{3}\..*\.webp$/);
      expect(inline.querySelector('.figure-credit')?.textContent, story).toBe('BENCH PHOTO DESK');
      expect(doc.querySelector('aside.most-viewed')?.getAttribute('data-rail'), story).toBe('views');
    }
  });

  it("offers inline photos at the story column's widths and sizes, never wider than the original", () => {
    const img = page('bench-corpus', stories[0]!).querySelector('.story-body figure.figure img')!;
    expect(img.getAttribute('sizes')).toBe(STORY_IMAGE_SIZES);
    const widths = img
      .getAttribute('srcset')!
      .split(', ')
      .map((candidate) => Number(candidate.split(' ')[1]!.replace('w', '')));
    // The corpus photos are 480 px wide: the 400 px step, then the original.
    expect(widths).toEqual([400, BENCH_FIXTURE_CORPUS.photoSize.width]);
  });
});
