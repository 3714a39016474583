import { describe, expect, it } from 'vitest';
import { buildNow, contentDir, pageSizeOverride, searchShardSize } from '../../src/build-env.ts';
import { machineConfig } from '../../src/site.config.ts';
import { byNewest, isPublished, nextPublication, publicationStatus } from '../../src/lib/publishing.ts';

const now = new Date('2024-03-12T05:00:00Z');

describe('isPublished', () => {
  it('publishes a story whose time has come', () => {
    expect(isPublished({ published: new Date('2024-03-12T05:00:00Z') }, now)).toBe(true);
  });
  it('embargoes a story published even a second after now', () => {
    expect(isPublished({ published: new Date('2024-03-12T05:00:01Z') }, now)).toBe(false);
  });
  it('never publishes a draft', () => {
    expect(isPublished({ published: new Date('2020-01-01T00:00:00Z'), draft: true }, now)).toBe(false);
  });
});

describe('byNewest', () => {
  it('orders newest first, then by headline', () => {
    const list = [
      { title: 'B', published: new Date('2024-01-01') },
      { title: 'C', published: new Date('2024-02-01') },
      { title: 'A', published: new Date('2024-01-01') },
    ];
    expect(list.sort(byNewest).map((x) => x.title)).toEqual(['C', 'A', 'B']);
  });
});

describe('build environment', () => {
  it('reads BROADSHEET_NOW, else the real time', () => {
    expect(buildNow({ BROADSHEET_NOW: '2024-03-12T12:00:00+07:00' }).toISOString()).toBe('2024-03-12T05:00:00.000Z');
    expect(buildNow({}, () => now)).toBe(now);
  });
  it('refuses a BROADSHEET_NOW that is not a date, saying how to fix it', () => {
    expect(() => buildNow({ BROADSHEET_NOW: 'tomorrow' })).toThrow(/BROADSHEET_NOW is "tomorrow", which is not a date\. Set it to an ISO 8601 time/);
  });
  it('reads BROADSHEET_CONTENT relative to the working directory, else content/', () => {
    expect(contentDir({}, '/site')).toBe('/site/content');
    expect(contentDir({ BROADSHEET_CONTENT: 'tests/fixtures/basic' }, '/site')).toBe('/site/tests/fixtures/basic');
  });
  it('reads BROADSHEET_PAGE_SIZE as a whole number, else leaves the page size to the site config', () => {
    expect(pageSizeOverride({ BROADSHEET_PAGE_SIZE: '2' })).toBe(2);
    expect(pageSizeOverride({})).toBeUndefined();
  });
  it('refuses a BROADSHEET_PAGE_SIZE that is not a whole number of 1 or more', () => {
    for (const bad of ['0', '2.5', 'ten', '-3']) {
      expect(() => pageSizeOverride({ BROADSHEET_PAGE_SIZE: bad })).toThrow(`BROADSHEET_PAGE_SIZE is "${bad}", which is not a whole number of 1 or more.`);
    }
  });
  it('reads BROADSHEET_SEARCH_SHARD_SIZE, else the site config, and refuses what is not a whole number', () => {
    expect(searchShardSize({ BROADSHEET_SEARCH_SHARD_SIZE: '3' })).toBe(3);
    expect(searchShardSize({})).toBe(machineConfig.search.shardSize);
    for (const bad of ['0', '1e3', 'many']) {
      expect(() => searchShardSize({ BROADSHEET_SEARCH_SHARD_SIZE: bad })).toThrow(`BROADSHEET_SEARCH_SHARD_SIZE is "${bad}", which is not a whole number of 1 or more.`);
    }
  });
});

describe('publicationStatus', () => {
  it('calls a story whose time has come published', () => {
    expect(publicationStatus({ published: now }, now)).toBe('published');
  });
  it('calls a future story embargoed', () => {
    expect(publicationStatus({ published: new Date('2024-03-13T00:00:00Z') }, now)).toBe('embargoed');
  });
  it('calls a draft a draft, even when its time has come or is still to come', () => {
    expect(publicationStatus({ published: new Date('2020-01-01T00:00:00Z'), draft: true }, now)).toBe('draft');
    expect(publicationStatus({ published: new Date('2030-01-01T00:00:00Z'), draft: true }, now)).toBe('draft');
  });
});

describe('nextPublication', () => {
  const story = (file: string, iso: string, draft = false) => ({ file, published: new Date(iso), draft });

  it('finds the earliest publication time after now, ignoring past stories and drafts', () => {
    const next = nextPublication(
      [
        story('past.md', '2024-03-01T00:00:00Z'),
        story('later.md', '2024-03-20T00:00:00Z'),
        story('draft.md', '2024-03-13T00:00:00Z', true),
        story('soon.md', '2024-03-14T01:00:00Z'),
      ],
      now,
    );
    expect(next?.at.toISOString()).toBe('2024-03-14T01:00:00.000Z');
    expect(next?.stories.map((s) => s.file)).toEqual(['soon.md']);
  });

  it('lists every story due at that same moment', () => {
    const next = nextPublication([story('a.md', '2024-03-14T01:00:00Z'), story('b.md', '2024-03-14T01:00:00Z'), story('c.md', '2024-03-15T01:00:00Z')], now);
    expect(next?.stories.map((s) => s.file)).toEqual(['a.md', 'b.md']);
  });

  it('does not count a story published exactly now: it is already live', () => {
    expect(nextPublication([story('now.md', now.toISOString())], now)).toBeUndefined();
  });

  it('returns undefined when nothing is scheduled', () => {
    expect(nextPublication([story('past.md', '2024-03-01T00:00:00Z'), story('draft.md', '2025-01-01T00:00:00Z', true)], now)).toBeUndefined();
  });
});
