import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { splitEvenly } from '../../scripts/lib/threads.ts';

describe('splitEvenly', () => {
  it('splits a list into runs of nearly equal length, in order, none empty', () => {
    expect(splitEvenly([1, 2, 3, 4, 5], 2)).toEqual([[1, 2, 3], [4, 5]]);
    expect(splitEvenly([1], 4)).toEqual([[1]]);
    expect(splitEvenly([], 3)).toEqual([]);
  });
});

describe('lowerThisThreadsPriority', () => {
  it.runIf(process.platform === 'linux')('lowers the priority of the calling thread only, not of the process', async () => {
    const before = os.getPriority(0);
    const worker = new Worker(new URL('./workers/lowered-priority.ts', import.meta.url));
    const reply = await new Promise<{ lowered: boolean; priority: number }>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    await worker.terminate();
    expect(reply).toEqual({ lowered: true, priority: os.constants.priority.PRIORITY_LOW });
    // The build wrapper's own thread (Pagefind's host, the CSP pass) keeps its priority.
    expect(os.getPriority(0)).toBe(before);
  });
});
