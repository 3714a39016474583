/**
 * Each Markdown plugin against fixture folders: `input.md` (and optional `options.json`) must give
 * `output.html`, and, for plugins that warn, the warnings in `warnings.txt`. Run with
 * UPDATE_FIXTURES=1 to regenerate the outputs, then review the diff.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import rehypeRaw from 'rehype-raw';
import rehypeStringify from 'rehype-stringify';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified, type Plugin } from 'unified';
import { describe, expect, it } from 'vitest';
import rehypeEmbeds from '../../src/markdown/rehype-embeds.ts';
import rehypeFigureCaptions from '../../src/markdown/rehype-figure-captions.ts';
import rehypeSanitizeStory from '../../src/markdown/rehype-sanitize-story.ts';
import remarkPullQuotes from '../../src/markdown/remark-pull-quotes.ts';
import rehypeStoryImageSizes from '../../src/markdown/rehype-story-image-sizes.ts';
import remarkSmartPunctuation from '../../src/markdown/remark-smart-punctuation.ts';

type AnyPlugin = Plugin<[Record<string, unknown>?]>;
/** `raw`: the plugin sees raw HTML parsed into elements, as rehype-raw leaves it in astro.config.mjs; `warns`: it reports warnings. */
const plugins: Record<string, { stage: 'remark' | 'rehype'; plugin: AnyPlugin; raw?: boolean; warns?: boolean }> = {
  'rehype-embeds': { stage: 'rehype', plugin: rehypeEmbeds as unknown as AnyPlugin, raw: true, warns: true },
  'rehype-figure-captions': { stage: 'rehype', plugin: rehypeFigureCaptions as unknown as AnyPlugin },
  'rehype-sanitize-story': { stage: 'rehype', plugin: rehypeSanitizeStory as unknown as AnyPlugin, raw: true, warns: true },
  'remark-pull-quotes': { stage: 'remark', plugin: remarkPullQuotes as unknown as AnyPlugin },
  'remark-smart-punctuation': { stage: 'remark', plugin: remarkSmartPunctuation as unknown as AnyPlugin },
  'rehype-story-image-sizes': { stage: 'rehype', plugin: rehypeStoryImageSizes as unknown as AnyPlugin },
};

async function render(name: string, markdown: string, options?: Record<string, unknown>): Promise<{ html: string; warnings: string }> {
  const { stage, plugin, raw, warns } = plugins[name]!;
  const pluginOptions = { ...options, ...(warns ? { report: () => {} } : {}) };
  const processor = unified().use(remarkParse);
  if (stage === 'remark') processor.use(plugin, pluginOptions);
  processor.use(remarkRehype, { allowDangerousHtml: Boolean(raw) });
  if (raw) processor.use(rehypeRaw);
  if (stage === 'rehype') processor.use(plugin, pluginOptions);
  const file = await processor.use(rehypeStringify).process(markdown);
  const warnings = file.messages.map((message) => `${message.line ?? '?'}:${message.column ?? '?'}: ${message.reason}\n`).join('');
  return { html: String(file), warnings };
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
        const { html, warnings } = await render(name, input, options);
        const actual = `${html.trim()}\n`;
        const outputFile = path.join(dir, 'output.html');
        if (process.env.UPDATE_FIXTURES || !existsSync(outputFile)) writeFileSync(outputFile, actual);
        expect(actual).toBe(readFileSync(outputFile, 'utf8'));
        if (!plugins[name]!.warns) return;
        const warningsFile = path.join(dir, 'warnings.txt');
        if (process.env.UPDATE_FIXTURES || !existsSync(warningsFile)) writeFileSync(warningsFile, warnings);
        expect(warnings).toBe(readFileSync(warningsFile, 'utf8'));
      });
    }
  });
}
