// Real Chromium for end-to-end tests: the Debian package at /usr/bin/chromium, driven by
// playwright-core. Never a downloaded browser: the test runs on what the machine has.
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    // --no-sandbox: tests run as root in a container, where Chromium's sandbox cannot start.
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}
