/**
 * readBuiltPages (scripts/lib/read-pages.ts): the staged pages read on worker threads give what
 * builtPages() reads on one, search facts included (but for stories the index knows already), and
 * a page an earlier build read (still the same file) is not read again.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { builtPages, type BuiltPage, type KnownPages } from '../../src/integrations/dist-files.ts';
import { storySearch } from '../../src/lib/search-key.ts';
import { readBuiltPages } from '../../scripts/lib/read-pages.ts';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const story = (n: number) =>
  `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Story ${n}</title>` +
  `<meta property="article:published_time" content="2026-01-${String((n % 28) + 1).padStart(2, '0')}T08:00:00+07:00"></head>` +
  `<body><nav>Sections</nav><article data-pagefind-body><h1>Story ${n}</h1><p>Río ${n} រាជធានី.</p>` +
  `<aside data-pagefind-ignore>Related</aside></article></body></html>`;
const listPage = (n: number) => `<!DOCTYPE html><html lang="en"><body><h1>Page ${n}</h1></body></html>`;

/** A known-pages record in memory, as the PageCache keeps one between builds. */
class Known implements KnownPages {
  readonly pages = new Map<string, BuiltPage>();
  built(page: string): BuiltPage | undefined {
    return this.pages.get(page);
  }
  recordBuilt(page: string, _fullPath: string, built: BuiltPage): void {
    this.pages.set(page, { sha256: built.sha256, story: built.story });
  }
}

describe('readBuiltPages', () => {
  it('reads on threads what builtPages reads on one, and does not read again a page it knows', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'broadsheet-read-pages-'));
    dirs.push(dir);
    const write = (file: string, html: string) => {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), html);
    };
    for (let n = 0; n < 300; n++) write(n % 3 === 0 ? `page/${n}/index.html` : `news/story-${n}/index.html`, n % 3 === 0 ? listPage(n) : story(n));
    write('pagefind/pagefind-ui.css', 'body{}');
    write('pagefind/fragment/x.html', '<p>not a page</p>');

    const known = new Known();
    const threaded = await readBuiltPages(dir, known, { threads: 2 });
    const inline = builtPages(dir);
    expect([...threaded.keys()]).toEqual([...inline.keys()]);
    expect(threaded.size).toBe(300);
    expect([...threaded]).toEqual([...inline]);
    const first = threaded.get('news/story-1/index.html')!;
    expect(first.story).toBe(true);
    expect(first.search).toEqual(storySearch(story(1), first.sha256));
    expect(threaded.get('page/0/index.html')).toEqual({ sha256: expect.stringMatching(/^[0-9a-f]{64}$/), story: false });
    expect(known.pages.size).toBe(300);

    // A story whose search facts the index has already is read and hashed, not scanned.
    const story2 = threaded.get('news/story-2/index.html')!;
    const skipping = await readBuiltPages(dir, new Known(), { threads: 2, searchKnown: new Set([first.sha256]) });
    expect(skipping.get('news/story-1/index.html')).toEqual({ sha256: first.sha256, story: true });
    expect(skipping.get('news/story-2/index.html')).toEqual(story2);
    expect(builtPages(dir, undefined, undefined, new Set([first.sha256])).get('news/story-1/index.html')).toEqual({ sha256: first.sha256, story: true });

    // Known pages are taken from the record, not read: a page changed behind it is not noticed (the
    // PageCache's record names the file's inode, size and mtime, so this cannot happen to it).
    write('news/story-1/index.html', story(1001));
    const again = await readBuiltPages(dir, known, { threads: 2 });
    expect(again.get('news/story-1/index.html')).toEqual({ sha256: first.sha256, story: true });
  });
});
