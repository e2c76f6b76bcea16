// Real Chromium for end-to-end tests, driven by playwright-core: the machine's own (CHROMIUM_PATH,
// else the one the browser project's globalSetup found or installed). Never a downloaded browser.
import { chromium, type Browser } from 'playwright-core';
import { prepareBrowser } from './prepare.js';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: prepareBrowser(),
    // --no-sandbox: tests run as root in a container, where Chromium's sandbox cannot start.
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}
