/**
 * The sample site (content/, built once by the global setup) in a real browser: Debian's chromium
 * driven by playwright-core, against a local server that sends dist/_headers like the CDN does.
 * One browser for the whole file; each test opens its own page and checks that nothing on it
 * failed: no console error, no failed request, no Content-Security-Policy violation, no axe finding.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { distDir, root } from '../build/fixture-builds.ts';
import { page as builtPage } from '../build/helpers.ts';
import { launchChromium } from '../../scripts/lib/chromium.ts';
import { serveDist, type StaticServer } from '../../scripts/lib/static-server.ts';

const SEED_STORY = '/national/justice-ministry-asean-act-hold-human-trafficking-workshop/';
const SEED_HEADLINE = 'Justice ministry, ASEAN-ACT hold human trafficking workshop';
/** In the seed story's body, not in its headline or dek. */
const SEED_BODY_WORD = 'Judicial';
const outputDir = path.join(root, 'tests', 'output');
const axeSource = readFileSync(path.join(root, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

let browser: Browser;
let server: StaticServer;

beforeAll(async () => {
  server = await serveDist(distDir('sample'));
  browser = await launchChromium();
}, 30_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

interface Visit {
  page: Page;
  /** Everything that went wrong on the page, as readable lines; a test expects it empty. */
  problems: string[];
}

/** A fresh page that records console errors, script errors, failed requests and CSP violations. */
async function open(viewport = { width: 1366, height: 900 }): Promise<Visit> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const problems: string[] = [];
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || 'inline code'} at ${event.sourceFile}:${event.lineNumber}`);
    });
  });
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    // The browser logs the 404 status of a missing page; the 404 test asserts that status itself.
    if (/status of 404/.test(message.text()) && page.url().includes('/no-such-page/')) return;
    problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`script error: ${error.message}`));
  page.on('requestfailed', (request) => problems.push(`failed: ${request.url()} (${request.failure()?.errorText})`));
  page.on('response', (response) => {
    const isMissingPageItself = response.request().isNavigationRequest() && response.url().includes('/no-such-page/');
    if (response.status() >= 400 && !isMissingPageItself) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  return { page, problems };
}

async function axeViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol, so the page's CSP does not (and need not) allow it.
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const result = await (window as unknown as { axe: { run(): Promise<{ violations: { id: string; help: string; nodes: { target: unknown }[] }[] }> } }).axe.run();
    return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')})`);
  });
  return violations;
}

/** The checks every page must pass, once it has loaded. */
async function expectClean(visit: Visit): Promise<void> {
  expect(await axeViolations(visit.page), `axe on ${visit.page.url()}`).toEqual([]);
  expect(visit.problems, `problems on ${visit.page.url()}`).toEqual([]);
  await visit.page.context().close();
}

async function cumulativeLayoutShift(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        let total = 0;
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) {
            if (!entry.hadRecentInput) total += entry.value;
          }
        }).observe({ type: 'layout-shift', buffered: true });
        setTimeout(() => resolve(total), 500);
      }),
  );
}

describe('the seed story in a browser', () => {
  it('shows the headline, the loaded hero photo at its own aspect ratio without layout shift, the caption and the credit', async () => {
    const visit = await open();
    const { page } = visit;
    const response = await page.goto(`${server.origin}${SEED_STORY}`, { waitUntil: 'load' });
    expect(response?.status()).toBe(200);
    await expect.poll(() => page.locator('h1').textContent()).toBe(SEED_HEADLINE);

    const hero = page.locator('figure.hero img');
    const image = await hero.evaluate((img: HTMLImageElement) => ({
      complete: img.complete,
      naturalWidth: img.naturalWidth,
      naturalHeight: img.naturalHeight,
      width: Number(img.getAttribute('width')),
      height: Number(img.getAttribute('height')),
    }));
    expect(image.complete).toBe(true);
    expect(image.naturalWidth).toBeGreaterThan(0);
    expect(Math.abs(image.width / image.height - image.naturalWidth / image.naturalHeight)).toBeLessThan(0.01);
    expect(await cumulativeLayoutShift(page)).toBeLessThan(0.01);

    await expect.poll(() => page.locator('figure.hero .figure-caption').textContent()).toMatch(/^Attendees include judges and prosecutors/);
    expect(await page.locator('figure.hero .figure-credit').textContent()).toBe('JUSTICE MINISTRY');
    expect(await page.locator('figure.hero .figure-credit').isVisible()).toBe(true);
    await expectClean(visit);
  });

  it('has a byline, and its header links and Most Viewed links all lead to real pages', async () => {
    const visit = await open();
    const { page } = visit;
    await page.goto(`${server.origin}${SEED_STORY}`);
    expect(await page.locator('article .byline').textContent()).toContain('Post Staff');
    const links = await page.locator('article header a, aside.most-viewed a').evaluateAll((anchors) => anchors.map((a) => (a as HTMLAnchorElement).href));
    const mostViewed = await page.locator('aside.most-viewed li a').count();
    expect(mostViewed).toBe(6);
    for (const link of links) {
      const response = await page.request.get(link);
      expect(response.status(), link).toBe(200);
    }
    await expectClean(visit);
  });

  it('refuses to run a script injected into the page, and reports the violation', async () => {
    const visit = await open();
    const { page } = visit;
    await page.goto(`${server.origin}${SEED_STORY}`);
    const outcome = await page.evaluate(
      () =>
        new Promise<{ ran: boolean; violated: string }>((resolve) => {
          document.addEventListener('securitypolicyviolation', (event) =>
            resolve({ ran: 'injectedRan' in window, violated: event.effectiveDirective }),
          );
          const script = document.createElement('script');
          script.textContent = 'window.injectedRan = true;';
          document.body.append(script);
        }),
    );
    expect(outcome).toEqual({ ran: false, violated: 'script-src-elem' });
    await page.context().close();
  });

  for (const [name, viewport] of [
    ['phone', { width: 390, height: 844 }],
    ['desktop', { width: 1366, height: 900 }],
  ] as const) {
    it(`is photographed at ${name} width for people to look at (tests/output/article-${name}.png)`, async () => {
      const visit = await open(viewport);
      await visit.page.goto(`${server.origin}${SEED_STORY}`, { waitUntil: 'load' });
      mkdirSync(outputDir, { recursive: true });
      const shot = await visit.page.screenshot({ path: path.join(outputDir, `article-${name}.png`), fullPage: true });
      expect(shot.length).toBeGreaterThan(10_000);
      const overflow = await visit.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, 'the page is wider than the screen').toBe(0);
      await expectClean(visit);
    });
  }
});

describe('reading the site in a browser', () => {
  it('goes from the front page to a section to the seed story by following links', async () => {
    const visit = await open();
    const { page } = visit;
    await page.goto(`${server.origin}/`);
    await page.locator('header nav a', { hasText: 'National' }).click();
    await page.waitForURL(`${server.origin}/national/`);
    expect(await page.locator('h1').textContent()).toContain('National');
    await page.locator(`main a[href="${SEED_STORY}"]`).first().click();
    await page.waitForURL(`${server.origin}${SEED_STORY}`);
    expect(await page.locator('h1').textContent()).toBe(SEED_HEADLINE);
    await expectClean(visit);
  });

  it('finds the seed story by a word from its body on the search page', async () => {
    const visit = await open();
    const { page } = visit;
    const response = await page.goto(`${server.origin}/search/`);
    expect(response?.status()).toBe(200);
    const input = page.locator('main input[type="search"], main input[type="text"]').first();
    await input.fill(SEED_BODY_WORD);
    await expect.poll(() => page.locator(`main a[href$="${SEED_STORY}"]`).count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await expectClean(visit);
  });

  it('answers a missing URL with the 404 page and status 404', async () => {
    const visit = await open();
    const { page } = visit;
    const response = await page.goto(`${server.origin}/no-such-page/`);
    expect(response?.status()).toBe(404);
    const notFoundHeading = builtPage('sample', '/404.html').querySelector('h1')?.textContent;
    expect(notFoundHeading).toBeTruthy();
    expect(await page.locator('h1').textContent()).toBe(notFoundHeading);
    await expectClean(visit);
  });

  it('loads the front page cleanly', async () => {
    const visit = await open();
    await visit.page.goto(`${server.origin}/`);
    expect(await visit.page.locator(`main a[href="${SEED_STORY}"]`).count()).toBeGreaterThan(0);
    await expectClean(visit);
  });
});
