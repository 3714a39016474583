import { describe, expect, it } from 'vitest';
import { parseAstroLog, parseDuration, resultsTable } from '../../scripts/bench/measure.ts';

const log = `22:53:44 [content] Syncing content
22:55:44 [content] Synced content
22:55:44 [types] Generated 2m 1s
22:55:44 [build] ✓ Completed in 2m 1s.
22:56:04 [vite] ✓ built in 19.80s
22:56:05 [vite] ✓ built in 18ms

 generating static routes 
22:56:05   ├─ /404.html (+68ms) 
22:56:05   ├─ /news/a/index.html (restored)
22:57:08 ✓ Completed in 1m 3s.

 generating optimized images 
22:57:08   ▶ /_astro/pool-001.B_1.webp (reused cache entry) (+2ms) (1/3)
22:57:08   ▶ /_astro/pool-001.B_2.webp (reused cache entry) (+2ms) (2/3)
22:57:09   ▶ /_astro/pool-002.C_1.avif (before: 450kB, after: 11kB) (+2.51s) (3/3)
22:57:09 ✓ Completed in 711ms.

22:57:09 [build] ✓ Completed in 64.2s.
22:57:09 [build] 10002 page(s) built in 3m 25s
`;

describe('the benchmark log reader', () => {
  it('reads durations as Astro prints them', () => {
    expect(parseDuration('648ms')).toBe(648);
    expect(parseDuration(' 1.23s.')).toBe(1230);
    expect(parseDuration('2m 1s')).toBe(121_000);
  });

  it('finds the time of each build phase and counts reused and encoded images', () => {
    expect(parseAstroLog(log)).toEqual({
      contentSyncMs: 121_000,
      bundleMs: 19_818,
      renderMs: 63_000,
      imagesMs: 711,
      astroTotalMs: 205_000,
      imagesReused: 2,
      imagesEncoded: 1,
    });
  });

  it('tabulates runs with the time outside the known phases as other', () => {
    const table = resultsTable([
      { name: 'cold', description: 'no cache', status: 'ok', wallMs: 210_000, msPerArticle: 21, peakRssMb: 4096, pages: 10002, images: 3, phases: parseAstroLog(log) },
    ]);
    expect(table.split('\n')[2]).toBe('| cold | ok | 210.0 s | 21.00 ms | 4096 MB | 10002 | 3 (1 encoded) | 121.0 s | 19.8 s | 63.0 s | 0.7 s | 5.5 s |');
  });
});
