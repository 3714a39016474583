/**
 * Each Markdown plugin against fixture folders: `input.md` (and optional `options.json`) must give
 * `output.html`. Run with UPDATE_FIXTURES=1 to regenerate the outputs, then review the diff.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import rehypeStringify from 'rehype-stringify';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified, type Plugin } from 'unified';
import { describe, expect, it } from 'vitest';
import rehypeFigureCaptions from '../../src/markdown/rehype-figure-captions.ts';
import remarkPullQuotes from '../../src/markdown/remark-pull-quotes.ts';
import rehypeStoryImageSizes from '../../src/markdown/rehype-story-image-sizes.ts';
import remarkSmartPunctuation from '../../src/markdown/remark-smart-punctuation.ts';

type AnyPlugin = Plugin<[Record<string, unknown>?]>;
const plugins: Record<string, { stage: 'remark' | 'rehype'; plugin: AnyPlugin }> = {
  'rehype-figure-captions': { stage: 'rehype', plugin: rehypeFigureCaptions as unknown as AnyPlugin },
  'remark-pull-quotes': { stage: 'remark', plugin: remarkPullQuotes as unknown as AnyPlugin },
  'remark-smart-punctuation': { stage: 'remark', plugin: remarkSmartPunctuation as unknown as AnyPlugin },
  'rehype-story-image-sizes': { stage: 'rehype', plugin: rehypeStoryImageSizes as unknown as AnyPlugin },
};

async function render(name: string, markdown: string, options?: Record<string, unknown>): Promise<string> {
  const { stage, plugin } = plugins[name]!;
  const processor = unified().use(remarkParse);
  if (stage === 'remark') processor.use(plugin, options ?? {});
  processor.use(remarkRehype);
  if (stage === 'rehype') processor.use(plugin, options ?? {});
  return String(await processor.use(rehypeStringify).process(markdown));
}

const fixtures = path.join(import.meta.dirname, 'fixtures');

for (const name of Object.keys(plugins)) {
  describe(name, () => {
    it('exports a plugin function that takes optional options', () => {
      expect(typeof plugins[name]!.plugin).toBe('function');
      expect(typeof plugins[name]!.plugin.call(unified())).toBe('function');
    });

    for (const testCase of readdirSync(path.join(fixtures, name))) {
      const dir = path.join(fixtures, name, testCase);
      it(testCase.replaceAll('-', ' '), async () => {
        const input = readFileSync(path.join(dir, 'input.md'), 'utf8');
        const optionsFile = path.join(dir, 'options.json');
        const options = existsSync(optionsFile) ? JSON.parse(readFileSync(optionsFile, 'utf8')) : undefined;
        const actual = `${(await render(name, input, options)).trim()}\n`;
        const outputFile = path.join(dir, 'output.html');
        if (process.env.UPDATE_FIXTURES || !existsSync(outputFile)) writeFileSync(outputFile, actual);
        expect(actual).toBe(readFileSync(outputFile, 'utf8'));
      });
    }
  });
}
