/**
 * The rehype chain exactly as astro.config.mjs runs it (rehype-raw, embeds, figure captions,
 * sanitizer), with GFM as Astro enables it: our own output must survive the sanitizer, and
 * warnings must reach the reporter with the file's name.
 */
import rehypeRaw from 'rehype-raw';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { VFile } from 'vfile';
import { describe, expect, it, vi } from 'vitest';
import rehypeEmbeds from '../../src/markdown/rehype-embeds.ts';
import rehypeFigureCaptions from '../../src/markdown/rehype-figure-captions.ts';
import rehypeSanitizeStory, { storySchema } from '../../src/markdown/rehype-sanitize-story.ts';
import remarkPullQuotes from '../../src/markdown/remark-pull-quotes.ts';

async function renderStory(markdown: string, report = (_line: string) => {}) {
  const file = new VFile({ value: markdown, path: 'content/articles/news/story.md' });
  const result = await unified()
    .use(remarkParse)
    .use(remarkGfm)
    .use(remarkPullQuotes)
    .use(remarkRehype, { allowDangerousHtml: true })
    .use(rehypeRaw)
    .use(rehypeEmbeds, { report })
    .use(rehypeFigureCaptions)
    .use(rehypeSanitizeStory, { report })
    .use(rehypeStringify)
    .process(file);
  return { html: String(result), messages: result.messages };
}

describe('the story HTML pipeline', () => {
  it('keeps photo captions and credits, pull quotes and embeds through the sanitizer', async () => {
    const { html, messages } = await renderStory(
      [
        '![A farmer.](./farmer.jpg "A farmer carries salt | AFP")',
        '> [!pullquote]\n> We filled the barns.\n>\n> — Chea Sokha',
        'https://youtu.be/dQw4w9WgXcQ',
      ].join('\n\n'),
    );
    expect(messages).toEqual([]);
    expect(html).toContain('<figure class="figure"><img src="./farmer.jpg" alt="A farmer."><figcaption><span class="figure-caption">A farmer carries salt</span> <span class="figure-credit">AFP</span></figcaption></figure>');
    expect(html).toContain('<figure class="pull-quote">');
    expect(html).toContain('<figcaption>Chea Sokha</figcaption>');
    expect(html).toContain('<figure class="embed embed-video"><iframe src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"');
  });

  it('keeps footnote links pointing at their notes', async () => {
    const { html } = await renderStory('Salt prices rose.[^1]\n\n[^1]: Ministry figures.');
    const targets = [...html.matchAll(/href="#([^"]+)"/g)].map((match) => match[1]);
    const ids = new Set([...html.matchAll(/id="([^"]+)"/g)].map((match) => match[1]));
    expect(targets).toEqual(['user-content-fn-1', 'user-content-fnref-1']);
    for (const target of targets) expect(ids.has(target)).toBe(true);
  });

  it('reports each removal with the file, line and column, and records it on the vfile', async () => {
    const report = vi.fn();
    const { messages } = await renderStory('Fine.\n\n<img src="x.jpg" onerror="alert(1)">\n\n<iframe src="https://evil.example/"></iframe>', report);
    expect(report.mock.calls.map(([line]) => line)).toEqual([
      'content/articles/news/story.md:5:1: removed an <iframe> with src "https://evil.example/": embeds are allowed only from YouTube, Vimeo, X (Twitter), Facebook video, Google Maps. Paste the provider\'s embed code or put the link alone on a line.',
      'content/articles/news/story.md:3:1: removed onerror="alert(1)" from <img>: not allowed in stories.',
    ]);
    expect(messages.map((message) => [message.line, message.ruleId, message.source])).toEqual([
      [5, 'embed', 'broadsheet'],
      [3, 'sanitize', 'broadsheet'],
    ]);
  });

  it('gives an iframe that reaches the sanitizer without a known src no src and the safe defaults', async () => {
    const tree = {
      type: 'root' as const,
      children: [{ type: 'element' as const, tagName: 'iframe', properties: { src: 'https://evil.example/', sandbox: ['allow-top-navigation'] }, children: [] }],
    };
    const clean = rehypeSanitizeStory({ report: () => {} })(tree, new VFile());
    expect(clean.children[0]).toMatchObject({ tagName: 'iframe', properties: { loading: 'lazy', referrerPolicy: 'strict-origin-when-cross-origin', sandbox: [] } });
    expect((clean.children[0] as { properties: Record<string, unknown> }).properties['src']).toBeUndefined();
  });

  it('allows no form controls, scripts, styles or frames beyond its own list', () => {
    for (const name of ['script', 'style', 'form', 'input', 'button', 'textarea', 'select', 'object', 'embed', 'base', 'meta', 'link', 'svg', 'math', 'frame']) {
      expect(storySchema.tagNames).not.toContain(name);
    }
    expect(Object.values(storySchema.attributes ?? {}).flat().some((definition) => String(Array.isArray(definition) ? definition[0] : definition).startsWith('on'))).toBe(false);
    expect(Object.values(storySchema.attributes ?? {}).flat()).not.toContain('style');
  });
});
