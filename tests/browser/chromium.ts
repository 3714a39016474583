/**
 * Debian's Chromium, driven by playwright-core, with the flags this machine needs: no sandbox
 * (tests run as root), and no background networking (the network is closed, and Chromium's own
 * calls home would show up as failed requests).
 */
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
