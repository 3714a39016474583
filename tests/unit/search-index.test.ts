/**
 * writeSearchIndex with real Pagefind over a few story pages: one index per `shardSize` stories,
 * and the folders of page links it indexes from handed to `discard`, not left behind.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeSearchIndex } from '../../src/integrations/search-index.ts';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const story = (title: string, published: string) =>
  `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>` +
  `<meta property="article:published_time" content="${published}"></head>` +
  `<body><article data-pagefind-body><h1>${title}</h1><p>${title} reported from the river.</p></article></body></html>`;

describe('writeSearchIndex', () => {
  it('writes an index per shard and hands each folder of page links to discard', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'broadsheet-search-'));
    dirs.push(root);
    const dist = path.join(root, 'staging');
    const pages = { 'news/a/index.html': story('Alpha', '2026-01-01T08:00:00+07:00'), 'news/b/index.html': story('Bravo', '2026-01-02T08:00:00+07:00'), 'news/c/index.html': story('Charlie', '2026-01-03T08:00:00+07:00') };
    for (const [file, html] of Object.entries(pages)) {
      mkdirSync(path.dirname(path.join(dist, file)), { recursive: true });
      writeFileSync(path.join(dist, file), html);
    }
    const discarded: string[] = [];
    const result = await writeSearchIndex(dist, {
      language: 'en',
      shardSize: 2,
      discard: (dir) => {
        discarded.push(path.basename(dir));
        rmSync(dir, { recursive: true, force: true });
      },
    });
    expect(result).toMatchObject({ pages: 3, shards: 2 });
    expect(existsSync(path.join(dist, 'pagefind', 'pagefind-entry.json'))).toBe(true);
    expect(existsSync(path.join(dist, 'pagefind', 'shard-1', 'pagefind-entry.json'))).toBe(true);
    // One folder of links per shard indexed: the first set aside before the second was made, the second at the end.
    expect(discarded).toEqual([`.search-pages-${process.pid}`, `.search-pages-${process.pid}`]);
    expect(readdirSync(root)).toEqual(['staging']);
  });
});
