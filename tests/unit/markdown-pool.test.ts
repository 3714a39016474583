/**
 * The render workers (src/content/markdown-pool.ts) must give each story exactly the HTML and
 * metadata Astro's own Markdown entry type would store, however many render at once, and pass
 * plugin warnings back to the build log.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Loader, LoaderContext } from 'astro/loaders';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { parallelMarkdown, RENDERED_HERE } from '../../src/content/markdown-pool.ts';
import { pipelineHash } from '../../src/content/story-bodies.ts';
import { storyProcessor } from '../../src/markdown/story-processor.ts';

type Render = (entry: { id: string; body: string; filePath: string; data: Record<string, unknown> }) => Promise<{ html: string; metadata: Record<string, unknown> }>;

const config = {
  root: pathToFileURL(path.resolve(import.meta.dirname, '../..') + '/'),
  image: { domains: [], remotePatterns: [] },
  markdown: { syntaxHighlight: false as const, gfm: true, smartypants: false as const },
};

/** Runs parallelMarkdown around a loader that renders the given bodies all at once. */
async function renderThroughPool(bodies: string[], threads: number) {
  let results: Awaited<ReturnType<Render>>[] = [];
  const inner: Loader = {
    name: 'test',
    load: async (context) => {
      const entryTypes = (context as unknown as { entryTypes: Map<string, { getRenderFunction: (c: unknown) => Promise<Render> }> }).entryTypes;
      const render = await entryTypes.get('.md')!.getRenderFunction(config);
      results = await Promise.all(bodies.map((body, i) => render({ id: `s${i}`, body, filePath: `/site/content/articles/s${i}.md`, data: { title: `Story ${i}` } })));
    },
  };
  const astroOwn = { getRenderFunction: async () => async () => ({ html: 'not the pool', metadata: {} }) };
  const context = { config, entryTypes: new Map([['.md', astroOwn]]) } as unknown as LoaderContext;
  await parallelMarkdown(inner, threads).load(context);
  return results;
}

const story = (i: number) =>
  [
    `Story ${i} says "hello" -- twice.`,
    '',
    `![Photo ${i}.](./photo-${i % 3}.jpg "Caption ${i} | CREDIT ${i}")`,
    '',
    '> [!pullquote]',
    `> Quote ${i}.`,
    '',
    `## Heading ${i}`,
    '',
    i % 5 === 0 ? '<script>alert(1)</script>' : 'No script here.',
  ].join('\n');

describe('parallelMarkdown', () => {
  it('renders every story as Astro would, in the right order, with many in flight on two workers', async () => {
    const bodies = Array.from({ length: 24 }, (_, i) => story(i));
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const pooled = await renderThroughPool(bodies, 2);
    // The five stories with a script: their warnings came back from the workers, naming the file.
    const removed = warn.mock.calls.map(([line]) => String(line)).filter((line) => line.includes('removed <script>'));
    expect(removed.map((line) => /s(\d+)\.md/.exec(line)?.[1]).sort()).toEqual(['0', '10', '15', '20', '5']);
    const direct = await storyProcessor.createRenderer({ ...config.markdown, image: config.image });
    for (const [i, body] of bodies.entries()) {
      const own = await direct.render(body, { frontmatter: { title: `Story ${i}` }, fileURL: pathToFileURL(`/site/content/articles/s${i}.md`) });
      expect(pooled[i]!.html).toBe(own.code);
      expect(pooled[i]!.html).toContain(`Caption ${i}`);
      // All of Astro's metadata but the front matter, which the content store would hold twice.
      const { frontmatter, ...metadata } = own.metadata;
      expect(frontmatter).toEqual({ title: `Story ${i}` });
      expect(pooled[i]!.metadata).toEqual({ ...metadata, imagePaths: [`./photo-${i % 3}.jpg`] });
      expect(pooled[i]!.metadata).not.toHaveProperty('frontmatter');
    }
    warn.mockRestore();
  });

  it("renders a sync's first few stories on its own thread, the same HTML, without waiting for a worker to start", async () => {
    const bodies = Array.from({ length: RENDERED_HERE + 1 }, (_, i) => story(i));
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    // A pool of no workers fails any story handed to it: the first few never reach it.
    const here = await renderThroughPool(bodies.slice(0, RENDERED_HERE), 0);
    const pooled = await renderThroughPool(bodies.slice(0, RENDERED_HERE), 2);
    expect(here).toEqual(pooled);
    await expect(renderThroughPool(bodies, 0)).rejects.toThrow();
    vi.restoreAllMocks();
  });

  it('links bare addresses in the stories that have them, and renders the others as Astro would too', async () => {
    const bodies = [
      'Read [the report](https://example.com/report) in full.',
      'Read the report at www.example.com/report or write to desk@example.com.',
      'Write to desk&#64;example.com.',
      '| Year | Rice |\n| --- | --- |\n| 2025 | ~~1~~ 2 |\n\nA note.[^1]\n\n[^1]: From the ministry.\n\n- [x] done',
    ];
    const pooled = await renderThroughPool(bodies, 2);
    const direct = await storyProcessor.createRenderer({ ...config.markdown, image: config.image });
    for (const [i, body] of bodies.entries()) {
      const own = await direct.render(body, { frontmatter: { title: `Story ${i}` }, fileURL: pathToFileURL(`/site/content/articles/s${i}.md`) });
      expect(pooled[i]!.html).toBe(own.code);
    }
    expect(pooled[1]!.html).toContain('<a href="http://www.example.com/report">');
    expect(pooled[1]!.html).toContain('<a href="mailto:desk@example.com">');
    expect(pooled[2]!.html).toContain('<a href="mailto:desk@example.com">');
    expect(pooled[3]!.html).toContain('<table>');
    expect(pooled[3]!.html).toContain('<del>1</del>');
  });
});

describe('pipelineHash', () => {
  const roots: string[] = [];
  afterAll(() => roots.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('changes when the pipeline, a module it imports, the Astro config or the lockfile changes', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'broadsheet-pipeline-'));
    roots.push(root);
    mkdirSync(path.join(root, 'src', 'markdown'), { recursive: true });
    mkdirSync(path.join(root, 'src', 'content'), { recursive: true });
    mkdirSync(path.join(root, 'src', 'lib'), { recursive: true });
    writeFileSync(path.join(root, 'src', 'content', 'render-story.ts'), "import { storyProcessor } from '../markdown/story-processor.ts';\nexport default storyProcessor;");
    writeFileSync(path.join(root, 'src', 'markdown', 'story-processor.ts'), "import plugin from './plugin.ts';\nexport default plugin;");
    writeFileSync(path.join(root, 'src', 'markdown', 'plugin.ts'), "import { rules } from '../lib/rules.ts';\nexport default rules;");
    writeFileSync(path.join(root, 'src', 'lib', 'rules.ts'), 'export const rules = 1;');
    writeFileSync(path.join(root, 'src', 'lib', 'unrelated.ts'), 'export const x = 1;');
    writeFileSync(path.join(root, 'astro.config.mjs'), 'export default {};');
    writeFileSync(path.join(root, 'package-lock.json'), '{}');
    const hashes = new Set([pipelineHash(root)]);
    expect(pipelineHash(root)).toBe([...hashes][0]);
    // A module the pipeline does not import changes nothing.
    writeFileSync(path.join(root, 'src', 'lib', 'unrelated.ts'), 'export const x = 2;');
    expect(hashes.has(pipelineHash(root))).toBe(true);
    // A plugin, a module a plugin imports, the config and the lockfile each change the hash.
    for (const [file, text] of [
      ['src/content/render-story.ts', "import { storyProcessor } from '../markdown/story-processor.ts';\nexport default { storyProcessor };"],
      ['src/markdown/plugin.ts', "import { rules } from '../lib/rules.ts';\nexport default rules + 1;"],
      ['src/lib/rules.ts', 'export const rules = 2;'],
      ['astro.config.mjs', 'export default { markdown: {} };'],
      ['package-lock.json', '{"v":2}'],
    ] as const) {
      writeFileSync(path.join(root, file), text);
      const next = pipelineHash(root);
      expect(hashes.has(next), file).toBe(false);
      hashes.add(next);
    }
  });
});
