/**
 * Debian's Chromium, for the browser tests (driven by playwright-core) and `npm run audit`
 * (Lighthouse's chrome-launcher), with the flags this machine needs: no sandbox (tests run as
 * root), and no background networking (the network is closed, and Chromium's own calls home would
 * show up as failed requests). CHROME_PATH points at another binary.
 */
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROME_PATH || '/usr/bin/chromium';

export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_FLAGS });
}
