/**
 * The XSS suite: the fixture site tests/fixtures/xss/ carries every attack string of
 * tests/xss/owasp-vectors.ts in story bodies (raw HTML) and in every free-text field a reader
 * sees. Its built pages are opened in headless Chromium, hovered, clicked and focused all over,
 * and no injected script may run: no dialog, no request to the attackers' host, no navigation.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseHTML } from 'linkedom';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../scripts/lib/chromium.ts';
import { serveDist, type StaticServer } from '../../scripts/lib/static-server.ts';
import { xssVectors } from '../xss/owasp-vectors.ts';
import { distDir } from './fixture-builds.ts';
import { buildResult, listFiles } from './helpers.ts';

const SITE = 'xss';
const pages = listFiles(SITE).filter((file) => file.endsWith('.html'));
const URL_ATTRIBUTES = ['href', 'src', 'srcset', 'action', 'formaction', 'data', 'background', 'poster', 'lowsrc', 'dynsrc', 'xlink:href', 'longdesc', 'cite'];
const DANGEROUS_URL = /^[\s\u0000-\u001f]*(?:j\s*a\s*v\s*a\s*s\s*c\s*r\s*i\s*p\s*t|v\s*b\s*s\s*c\s*r\s*i\s*p\s*t|d\s*a\s*t\s*a|livescript)\s*:/i;

/** A page where injected script does run: proves the harness would notice. */
const CONTROL_PATH = '/control-page-with-live-script/';
const CONTROL_HTML = `<!doctype html><title>control</title>
<img src="/missing.png" onerror="alert('onerror')">
<p onmouseover="alert('onmouseover')">hover</p>
<script src="https://xss.invalid/xss.js"></script>`;

describe('the XSS fixture site', () => {
  it('carries at least 50 attack strings from the OWASP cheat sheet and builds every page', () => {
    expect(xssVectors.length).toBeGreaterThanOrEqual(50);
    expect(pages).toEqual(expect.arrayContaining(['index.html', '404.html', ...Array.from({ length: 8 }, (_, i) => `news/xss-story-${i + 1}/index.html`)]));
  });

  /**
   * The few elements of this kind the site itself writes: JSON-LD in the head (data, never run),
   * the search form of the 404 page, and the Pagefind script of the search page. Anything else of
   * these kinds came from content.
   */
  function isSiteOwnElement(element: Element, file: string): boolean {
    if (element.matches('head > script[type="application/ld+json"]')) return true;
    if (element.closest('form.search-form')) return true;
    if (file === 'search/index.html' && element.localName === 'script' && element.parentElement?.localName === 'main') {
      return element.getAttribute('src') === '/pagefind/pagefind-ui.js' || (element.textContent ?? '').includes('new PagefindUI(options)');
    }
    return false;
  }

  it('has no event-handler attribute, script URL or injected element on any page', () => {
    for (const file of pages) {
      const { document } = parseHTML(readFileSync(path.join(distDir(SITE), file), 'utf8'));
      for (const element of document.querySelectorAll('*')) {
        for (const { name, value } of element.attributes) {
          expect(name.toLowerCase().startsWith('on'), `${file}: <${element.localName} ${name}>`).toBe(false);
          if (URL_ATTRIBUTES.includes(name.toLowerCase())) expect(DANGEROUS_URL.test(value), `${file}: ${name}="${value}"`).toBe(false);
          expect(name.toLowerCase() === 'style' && element.closest('.story-body') !== null, `${file}: style attribute in a story`).toBe(false);
        }
      }
      const injected = 'script, style:not(head style), iframe, object, embed, base, form, input, button, textarea, svg, math, frameset, frame, link:not(head link), meta:not(head meta)';
      expect(
        [...document.querySelectorAll(injected)].filter((e) => !isSiteOwnElement(e, file)).map((e) => `${file}: <${e.localName}>`),
      ).toEqual([]);
    }
  });

  it('warns in the build output about what it removed, naming the file and line', () => {
    const { output } = buildResult(SITE);
    const story = 'tests/fixtures/xss/articles/news/xss-story-1.md';
    expect(output).toContain(`[WARN] [broadsheet:markdown] ${story}:20:1: removed <script> and everything inside it: stories may not contain scripts.`);
    expect(output).toContain(`[WARN] [broadsheet:markdown] ${story}:22:1: removed onmouseover="alert('xxs')" from <img>: not allowed in stories.`);
    expect(output).toMatch(/xss-story-\d\.md:\d+:\d+: removed an <iframe> with src "javascript:alert\('XSS'\);"/);
  });

  it('shows the headline, dek, byline, captions and author names as text, exactly as written', () => {
    const { document } = parseHTML(readFileSync(path.join(distDir(SITE), 'news/xss-story-1/index.html'), 'utf8'));
    const source = readFileSync(path.resolve(import.meta.dirname, '../fixtures/xss/articles/news/xss-story-1.md'), 'utf8');
    const title = document.querySelector('h1')!.textContent!;
    expect(title).toContain('<IMG SRC="jav');
    expect(source).toContain('ascript:alert');
    expect(document.querySelector('.dek')?.textContent).toBe(`<IMG SRC="jav&#x09;ascript:alert('XSS');">`);
    expect(document.querySelector('.byline a.author')?.textContent).toBe('<a onmouseover="alert(document.cookie)">xxs link</a>');
    expect(document.querySelector('.figure.hero .figure-credit')?.textContent).toBe(`<IMG SRC=" &#14;  javascript:alert('XSS');">`);
    expect(document.querySelector('.breadcrumbs li:nth-child(2) a')?.textContent).toBe('<SCRIPT SRC=https://xss.invalid/xss.js></SCRIPT>');
  });

  describe('in headless Chromium', () => {
    let browser: Browser;
    let server: StaticServer;
    let origin: string;

    beforeAll(async () => {
      server = await serveDist(distDir(SITE), { extraPages: { [CONTROL_PATH]: CONTROL_HTML } });
      origin = server.origin;
      browser = await launchChromium();
    }, 60_000);

    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    /** Opens each URL, provokes every handler we can, and lists whatever injected code did. */
    async function provoke(urls: string[]): Promise<string[]> {
      const fired: string[] = [];
      const page = await browser.newPage();
      let current = '';
      page.on('dialog', (dialog) => {
        fired.push(`${current}: ${dialog.type()} "${dialog.message()}"`);
        void dialog.dismiss();
      });
      // Every request that leaves our server is an injected fetch; none may get out.
      await page.route('**/*', (route) => {
        const url = route.request().url();
        if (url.startsWith(origin)) return route.continue();
        fired.push(`${current}: request to ${url}`);
        return route.abort();
      });
      page.on('framenavigated', (frame) => {
        if (frame === page.mainFrame() && frame.url() !== `${origin}${current}`) fired.push(`${current}: navigated to ${frame.url()}`);
      });

      for (const url of urls) {
        current = url;
        await page.goto(`${origin}${url}`, { waitUntil: 'load' });
        await page.evaluate(() => {
          // Clicks must not follow links; a click handler we look for runs before the default action.
          document.addEventListener('click', (event) => event.preventDefault(), true);
          document.addEventListener('submit', (event) => event.preventDefault(), true);
          const types = ['mouseover', 'mouseenter', 'mousemove', 'mousedown', 'mouseup', 'click', 'dblclick', 'contextmenu', 'focus', 'focusin', 'blur', 'keydown', 'keyup', 'input', 'change', 'toggle', 'animationstart', 'transitionend', 'copy', 'paste', 'scroll', 'wheel', 'pointerover', 'pointerdown', 'touchstart'];
          for (const element of document.querySelectorAll('*')) {
            for (const type of types) element.dispatchEvent(new Event(type, { bubbles: true, cancelable: true }));
            if (element instanceof HTMLElement) element.focus();
          }
        });
        // Real pointer movement down the page, for hover handlers a synthetic event would miss.
        const height = await page.evaluate(() => document.documentElement.scrollHeight);
        for (let y = 5; y < Math.min(height, 2400); y += 80) await page.mouse.move(400, y);
        await page.keyboard.press('Tab');
      }
      await page.waitForTimeout(200);
      await page.close();
      return fired;
    }

    it('notices script that does run, on a control page', async () => {
      const fired = await provoke([CONTROL_PATH]);
      expect(fired).toEqual(
        expect.arrayContaining([
          `${CONTROL_PATH}: alert "onerror"`,
          `${CONTROL_PATH}: alert "onmouseover"`,
          `${CONTROL_PATH}: request to https://xss.invalid/xss.js`,
        ]),
      );
    }, 30_000);

    it('runs no injected script on any page, even when every element is hovered, clicked and focused', async () => {
      const urls = pages.map((file) => `/${file.replace(/index\.html$/, '')}`);
      expect(await provoke(urls)).toEqual([]);
    }, 120_000);
  });
});
