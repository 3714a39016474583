import { describe, expect, it } from 'vitest';
import { allocatorEnv } from '../../scripts/lib/allocator-env.ts';

describe('allocatorEnv', () => {
  it('asks mimalloc to return freed memory at once and for good', () => {
    expect(allocatorEnv({})).toEqual({ MIMALLOC_PURGE_DELAY: '0', MIMALLOC_PURGE_DECOMMITS: '1' });
  });

  it('keeps what the environment already says', () => {
    expect(allocatorEnv({ MIMALLOC_PURGE_DELAY: '250', MIMALLOC_PURGE_DECOMMITS: '0' })).toEqual({
      MIMALLOC_PURGE_DELAY: '250',
      MIMALLOC_PURGE_DECOMMITS: '0',
    });
  });
});
