import { describe, expect, it } from 'vitest';
import { cacheKeyOf } from '../../src/lib/cache-key.ts';

describe('cacheKeyOf', () => {
  it('is the same for equal values and differs when any part changes', () => {
    const article = { title: 'Ferry timetable', published: new Date('2024-03-10T01:00:00Z'), tags: ['ferries'] };
    expect(cacheKeyOf('rail-1', article)).toBe(cacheKeyOf('rail-1', structuredClone(article)));
    expect(cacheKeyOf('rail-2', article)).not.toBe(cacheKeyOf('rail-1', article));
    expect(cacheKeyOf('rail-1', { ...article, tags: ['boats'] })).not.toBe(cacheKeyOf('rail-1', article));
    expect(cacheKeyOf('rail-1', { ...article, published: new Date('2024-03-10T02:00:00Z') })).not.toBe(cacheKeyOf('rail-1', article));
  });
});
