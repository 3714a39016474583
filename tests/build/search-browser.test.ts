import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { distDir } from './fixture-builds.ts';
import { launchChromium } from '../../scripts/lib/chromium.ts';
import { serveDist } from '../../scripts/lib/static-server.ts';

describe('the search page in a real browser', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serveDist>>;

  beforeAll(async () => {
    server = await serveDist(distDir('machine'));
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('runs the search in ?q= on load, finds the story, and asks no other host for anything', async () => {
    const page = await browser.newPage();
    const elsewhere: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(server.origin)) elsewhere.push(request.url());
    });
    await page.goto(`${server.origin}/search/?q=bridge`);
    await page.waitForSelector('.pagefind-ui__result-link', { timeout: 15_000 });
    const results = await page.$$eval('.pagefind-ui__result-link', (links) => links.map((a) => a.getAttribute('href')));
    expect(results).toEqual(['/city/bridge-opens/']);
    expect(await page.inputValue('.pagefind-ui__search-input')).toBe('bridge');
    expect(elsewhere).toEqual([]);
  });
});

describe('search over several indexes (newsroom, three stories an index)', () => {
  let browser: Browser;
  let sharded: Awaited<ReturnType<typeof serveDist>>;
  let single: Awaited<ReturnType<typeof serveDist>>;

  beforeAll(async () => {
    sharded = await serveDist(distDir('newsroom-shards'));
    single = await serveDist(distDir('newsroom'));
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await sharded?.close();
    await single?.close();
  });

  /**
   * Every result of a search: the count Pagefind UI reports once the search has run ("8 results for
   * the"), then "Load more" pressed until that many results are shown. (Waiting for the first
   * result and pressing the button while it was there raced the UI, which shows results as their
   * data arrives: a run could stop before the button appeared.)
   */
  async function allResults(origin: string, query: string): Promise<string[]> {
    const page = await browser.newPage();
    await page.goto(`${origin}/search/?q=${encodeURIComponent(query)}`);
    const reported = await page.waitForFunction(
      () => /^(\d+) results? for /.exec(document.querySelector('.pagefind-ui__message')?.textContent?.trim() ?? '')?.[1],
      undefined,
      { timeout: 15_000 },
    );
    const count = Number(await reported.jsonValue());
    for (;;) {
      const shown = (await page.$$('.pagefind-ui__result-link')).length;
      if (shown >= count) break;
      await (await page.$('.pagefind-ui__button'))?.click();
      await page.waitForFunction((n) => document.querySelectorAll('.pagefind-ui__result-link').length > n, shown, { timeout: 15_000 });
    }
    const links = await page.$$eval('.pagefind-ui__result-link', (anchors) => anchors.map((a) => a.getAttribute('href') ?? ''));
    await page.close();
    expect(links).toHaveLength(count);
    return links.sort();
  }

  it('finds the same stories as one index would', async () => {
    const merged = await allResults(sharded.origin, 'the');
    expect(merged.length).toBeGreaterThan(5);
    expect(merged).toEqual(await allResults(single.origin, 'the'));
  });
});
