import { describe, expect, it } from 'vitest';
import { fingerprint, withCacheKeys } from '../../src/lib/page-fingerprint.ts';

describe('fingerprint', () => {
  it('is the same for equal data built separately, whatever the key order', () => {
    const a = { title: 'Rates hold', published: new Date('2024-03-01T02:00:00Z'), tags: ['trade'], section: { id: 'business', name: 'Business' } };
    const b = { section: { name: 'Business', id: 'business' }, tags: ['trade'], published: new Date('2024-03-01T02:00:00Z'), title: 'Rates hold' };
    expect(fingerprint(a)).toBe(fingerprint(b));
  });

  it('changes with anything reachable: a nested field, a date, an array item, a Map entry', () => {
    const make = (over: { name?: string; time?: string; tag?: string; views?: number } = {}) => ({
      story: { section: { name: over.name ?? 'Business' }, published: new Date(over.time ?? '2024-03-01T02:00:00Z') },
      tags: ['trade', over.tag ?? 'rice'],
      views: new Map([['/business/a/', over.views ?? 10]]),
    });
    const base = fingerprint(make());
    expect(fingerprint(make({ name: 'Economy' }))).not.toBe(base);
    expect(fingerprint(make({ time: '2024-03-01T02:00:01Z' }))).not.toBe(base);
    expect(fingerprint(make({ tag: 'fish' }))).not.toBe(base);
    expect(fingerprint(make({ views: 11 }))).not.toBe(base);
    expect(fingerprint(make())).toBe(base);
  });

  it('tells apart values that print alike', () => {
    expect(fingerprint({ a: '1' })).not.toBe(fingerprint({ a: 1 }));
    expect(fingerprint({ a: undefined })).not.toBe(fingerprint({ a: 'u' }));
    expect(fingerprint(['a,b'])).not.toBe(fingerprint(['a', 'b']));
    expect(fingerprint({ a: null })).not.toBe(fingerprint({ a: 'null' }));
    expect(fingerprint(new Set(['x']))).not.toBe(fingerprint(['x']));
  });

  it('reads an imported image only through fsPath and clone, so Astro does not copy its original', () => {
    const read: string[] = [];
    const image = (src: string, width: number) =>
      new Proxy(
        { src, width, height: 600, format: 'jpg' },
        {
          get(target, name) {
            if (name === 'fsPath') return '/site/photos/port.jpg';
            if (name === 'clone') return structuredClone(target);
            read.push(String(name));
            return target[name as keyof typeof target];
          },
        },
      );
    const first = fingerprint({ hero: image('/_astro/port.AbC123.jpg', 900) });
    expect(read).toEqual([]);
    // Same file, new bytes (a new output hash) or a new size: a new fingerprint.
    expect(fingerprint({ hero: image('/_astro/port.ZyX987.jpg', 900) })).not.toBe(first);
    expect(fingerprint({ hero: image('/_astro/port.AbC123.jpg', 1200) })).not.toBe(first);
    expect(fingerprint({ hero: image('/_astro/port.AbC123.jpg', 900) })).toBe(first);
    expect(read).toEqual([]);
  });

  it('refuses code and class instances, naming where they are', () => {
    expect(() => fingerprint({ page: { render: () => 'x' } }, 'props')).toThrow(/props\.page\.render: a function is not data/);
    class Widget {}
    expect(() => fingerprint({ widget: new Widget() }, 'props')).toThrow(/props\.widget: a Widget instance/);
    expect(() => fingerprint({ stories: [{ id: 1 }, { id: 2, show: () => 1 }] }, 'props')).toThrow(/props\.stories\[1\]\.show: a function/);
    expect(() => fingerprint(new Map([['a', { at: Symbol('x') }]]), 'props')).toThrow(/props\.get\(a\)\.at: a symbol/);
  });

  it('changes with a nested field of a large object as of a small one', () => {
    // A long text makes the story's fingerprint a hash of its own; the short ones are written out.
    const story = (headline: string, day: number) => ({
      body: 'word '.repeat(100),
      headline,
      links: [{ path: '/a/', published: new Date(Date.UTC(2024, 2, day)) }],
    });
    const base = fingerprint({ story: story('Rates hold', 1) });
    expect(fingerprint({ story: story('Rates rise', 1) })).not.toBe(base);
    expect(fingerprint({ story: story('Rates hold', 2) })).not.toBe(base);
    expect(fingerprint({ story: story('Rates hold', 1) })).toBe(base);
  });

  it('is always a SHA-256 in base64url, whatever the size of the data', () => {
    for (const value of [1, 'x', null, {}, [], { a: 'b' }, { text: 'x'.repeat(1000) }, 'x'.repeat(41)]) {
      expect(fingerprint(value)).toMatch(/^[\w-]{43}$/);
    }
    // A string that looks like a hash is still hashed: a key is never the data itself.
    expect(fingerprint('x'.repeat(41))).not.toBe(JSON.stringify('x'.repeat(41)));
  });

  it('keeps the fingerprint of a large object for the build (objects are not changed after it)', () => {
    const story = { title: 'Before', body: 'word '.repeat(100) };
    const before = fingerprint({ story });
    story.title = 'After';
    expect(fingerprint({ story })).toBe(before);
    expect(fingerprint({ story: { title: 'After', body: 'word '.repeat(100) } })).not.toBe(before);
  });
});

describe('withCacheKeys', () => {
  it('adds the fingerprint of each entry’s props as its cacheKey, keeping params and props', () => {
    const props = { title: 'Rates hold' };
    const [entry] = withCacheKeys([{ params: { slug: 'rates' }, props }]);
    expect(entry).toEqual({ params: { slug: 'rates' }, props, cacheKey: fingerprint({ title: 'Rates hold' }) });
  });
});
