/**
 * Rendered story bodies are kept beside Astro's content store, one file per story, not inside it
 * (src/content/story-bodies.ts): the store, which every build inlines into its server bundle,
 * must hold no story HTML, and unpublished stories leave no body behind in the cache. The store
 * itself is read from its file when the pages render, not carried through the bundle
 * (src/integrations/content-store-file.ts).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildsDir } from './fixture-builds.ts';
import { buildResult, page } from './helpers.ts';

const cache = path.join(buildsDir, 'basic', 'cache');

function bodyFiles(): string[] {
  const parent = path.join(cache, 'story-bodies');
  const pipelines = readdirSync(parent);
  expect(pipelines, 'one folder for the current Markdown pipeline').toHaveLength(1);
  const dir = path.join(parent, pipelines[0]!);
  return readdirSync(dir).map((name) => path.join(dir, name));
}

describe('the content store', () => {
  it('keeps story bodies out of the store file', () => {
    const store = readFileSync(path.join(cache, 'data-store.json'), 'utf8');
    // Front matter is in the store; the body's first sentence and its pull quote are not.
    expect(store).toContain('Kampot salt farmers bring in a record harvest');
    expect(store).not.toContain('the largest they can remember');
    expect(store).not.toContain('filled the barns');
  });

  it('keeps one rendered body file per published story, with its HTML', () => {
    // basic has five published stories (plus a draft and an embargoed one).
    const files = bodyFiles();
    expect(files).toHaveLength(5);
    const all = files.map((file) => readFileSync(file, 'utf8')).join('\n');
    expect(all).toContain('the largest they can remember');
    expect(all).toContain('<figure class="pull-quote"');
  });

  it('keeps no body of a draft or an embargoed story in the cache', () => {
    const all = bodyFiles()
      .map((file) => readFileSync(file, 'utf8'))
      .join('\n');
    // Words only the draft's and the embargoed story's bodies contain (tests/fixtures/basic).
    expect(all).not.toContain('hollowtorque');
    expect(all).not.toContain('xylophonequark');
    expect(readFileSync(path.join(cache, 'data-store.json'), 'utf8')).not.toContain('xylophonequark');
  });

  it('is read from its file when the pages render, and the pages have its stories', () => {
    expect(buildResult('basic').output).toMatch(/Content store: read from its file when pages render, not bundled \(\d+\.\d MB\)\./);
    const headlines = [...page('basic', '/').querySelectorAll('a')].map((link) => link.textContent ?? '');
    expect(headlines.some((text) => text.includes('Kampot salt farmers bring in a record harvest'))).toBe(true);
  });
});
