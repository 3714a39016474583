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

  it('shows each story the photos its own file names, with one import per photo in the bundle', () => {
    // Astro names a content image by its path and the story's file; the bundle imports each photo
    // once and looks those names up by file (src/integrations/shared-image-imports.ts).
    expect(buildResult('bench-corpus').output).toMatch(/Content images: \d+ names of [1-3] files, each file imported once\./);
    const pictured = new Set<string>();
    for (const file of corpus.files.filter((f) => f.path.startsWith('articles/'))) {
      const story = `/${file.path.replace(/^articles\//, '').replace(/\.md$/, '')}/`;
      const hero = /^ {2}src: \.\.\/\.\.\/photos\/(pool-\d{3})\.jpg$/m.exec(file.text)![1]!;
      const inline = /!\[[^\]]*\]\(\.\.\/\.\.\/photos\/(pool-\d{3})\.jpg/.exec(file.text)![1]!;
      const doc = page('bench-corpus', story);
      const heroSources = [...doc.querySelectorAll('figure.hero picture source, figure.hero img')].map((el) => el.getAttribute('srcset') ?? el.getAttribute('src'));
      for (const srcset of heroSources) expect(srcset, story).toMatch(new RegExp(`^/_astro/${hero}\\.`));
      expect(doc.querySelector('.story-body figure.figure img')?.getAttribute('src'), story).toMatch(new RegExp(`^/_astro/${inline}\\.`));
      pictured.add(hero).add(inline);
    }
    // The corpus uses every photo of its pool, from stories in different folders.
    expect(pictured.size).toBe(BENCH_FIXTURE_CORPUS.photos);
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
