import { describe, expect, it } from 'vitest';
import { fitsIncrementalBuild, incrementalRecordBytes, RECORD_BUDGET, RECORD_BYTES } from '../../src/lib/incremental-budget.ts';

const stories = (count: number, hero: boolean, inlinePictures: number) => Array.from({ length: count }, () => ({ hero, inlinePictures }));

describe('incrementalRecordBytes', () => {
  it('counts every page, every hero and every inline picture', () => {
    expect(incrementalRecordBytes([])).toBe(0);
    expect(incrementalRecordBytes(stories(10, false, 0))).toBe(13 * RECORD_BYTES.page);
    expect(incrementalRecordBytes(stories(10, true, 2))).toBe(13 * RECORD_BYTES.page + 10 * RECORD_BYTES.hero + 20 * RECORD_BYTES.inlinePicture);
  });

  it('is close to what Astro wrote for the 10,000-story benchmark (240 MB with a hero and one inline picture each)', () => {
    const estimate = incrementalRecordBytes(stories(10_000, true, 1));
    expect(estimate).toBeGreaterThan(200 * 2 ** 20);
    expect(estimate).toBeLessThan(260 * 2 ** 20);
  });
});

describe('fitsIncrementalBuild', () => {
  it('keeps incremental pages for the benchmark archive and for 100,000 text-only stories', () => {
    expect(fitsIncrementalBuild(stories(10_000, true, 1))).toBe(true);
    expect(fitsIncrementalBuild(stories(100_000, false, 0))).toBe(true);
  });

  it('renders every page of an archive whose record would come near the longest JavaScript string', () => {
    expect(fitsIncrementalBuild(stories(30_000, true, 1))).toBe(false);
    expect(RECORD_BUDGET).toBeLessThan(2 ** 29 - 24);
  });

  it('takes a smaller budget (to test the switch on a small site)', () => {
    expect(fitsIncrementalBuild(stories(3, true, 0), 3 * RECORD_BYTES.hero)).toBe(false);
    expect(fitsIncrementalBuild(stories(3, true, 0), 4 * RECORD_BYTES.hero)).toBe(true);
  });
});
