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

  /** Every result of a search, pressing "Load more" until there is none. */
  async function allResults(origin: string, query: string): Promise<string[]> {
    const page = await browser.newPage();
    await page.goto(`${origin}/search/?q=${encodeURIComponent(query)}`);
    await page.waitForSelector('.pagefind-ui__result-link', { timeout: 15_000 });
    while (await page.$('.pagefind-ui__button')) {
      const before = (await page.$$('.pagefind-ui__result-link')).length;
      await page.click('.pagefind-ui__button');
      await page.waitForFunction((n) => document.querySelectorAll('.pagefind-ui__result-link').length > n, before);
    }
    const links = await page.$$eval('.pagefind-ui__result-link', (anchors) => anchors.map((a) => a.getAttribute('href') ?? ''));
    await page.close();
    return links.sort();
  }

  it('finds the same stories as one index would', async () => {
    const merged = await allResults(sharded.origin, 'the');
    expect(merged.length).toBeGreaterThan(5);
    expect(merged).toEqual(await allResults(single.origin, 'the'));
  });
});
