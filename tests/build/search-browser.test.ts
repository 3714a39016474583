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
